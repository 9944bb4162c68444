/**
 * TEST-ONLY (job-leases.test.ts): a process that takes the lease of job `JOB` in the database at `PATH`, says
 * "held" on stdout, and waits to be killed (as a CLI killed with kill -9 in the middle of a job).
 */
import { openDatabase } from '../../../electron/core/db/database.ts';
import { createJobLeases } from '../../../electron/core/jobs/job-leases.ts';

const [path, job] = process.argv.slice(2);
const leases = createJobLeases({ db: openDatabase(path!), target: 'cli' });
leases.acquire(job!);
process.stdout.write('held\n');
setInterval(() => undefined, 1000);
