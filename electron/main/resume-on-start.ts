import type { JobSummary } from '../../shared/domain/removal.ts';
import { toErrorPayload } from '../../shared/errors.ts';

/** A job left unfinished by the last run (the app closed or crashed while it ran). */
export interface UnfinishedJob {
  id: string;
  /** What the job was about (a file name), if known. */
  label: string | null;
  /** Items not finished yet, out of `total`. */
  pending: number;
  total: number;
}

/** The native question asked when unfinished jobs are found and the settings do not resume them by themselves. */
export interface ResumeQuestion {
  jobs: readonly UnfinishedJob[];
}

/** What resume-on-start needs, as ports: main wires them to the job engine, settings and a native dialog. */
export interface ResumeOnStartPorts {
  /** The jobs left unfinished (the engine's `jobs:list`, filtered). */
  listUnfinished(): Promise<readonly UnfinishedJob[]>;
  /** Resumes one job (the engine's `jobs:resume`); resolves once it is running again. */
  resume(jobId: string): Promise<void>;
  /** Whether the settings say to resume without asking. */
  autoResume(): boolean | Promise<boolean>;
  /** Asks the technician; resolves true to resume now. */
  ask(question: ResumeQuestion): Promise<boolean>;
  log?(line: string): void;
}

/** What happened at start. */
export interface ResumeOutcome {
  /** Jobs found unfinished. */
  found: number;
  /** How the decision was made: nothing to do, the setting, or the technician's answer. */
  decision: 'none' | 'auto' | 'accepted' | 'declined' | 'error';
  resumed: string[];
  failed: { jobId: string; message: string }[];
}

/**
 * On start, offers the jobs left unfinished for resume: resumes them by themselves when the settings say so,
 * else asks once for all of them. A job that fails to resume does not stop the others; nothing here throws
 * (start-up must go on), failures are logged and returned.
 */
export async function resumeOnStart(ports: ResumeOnStartPorts): Promise<ResumeOutcome> {
  const log = ports.log ?? (() => undefined);
  let jobs: readonly UnfinishedJob[];
  try {
    jobs = await ports.listUnfinished();
  } catch (error) {
    log(`Resume on start: the unfinished jobs could not be listed: ${toErrorPayload(error).message}`);
    return { found: 0, decision: 'error', resumed: [], failed: [] };
  }
  if (jobs.length === 0) return { found: 0, decision: 'none', resumed: [], failed: [] };

  let decision: ResumeOutcome['decision'];
  try {
    if (await ports.autoResume()) decision = 'auto';
    else decision = (await ports.ask({ jobs })) ? 'accepted' : 'declined';
  } catch (error) {
    log(`Resume on start: no decision could be made: ${toErrorPayload(error).message}`);
    return { found: jobs.length, decision: 'error', resumed: [], failed: [] };
  }
  if (decision === 'declined') {
    log(`Resume on start: ${jobs.length} unfinished job(s) left for later.`);
    return { found: jobs.length, decision, resumed: [], failed: [] };
  }

  const resumed: string[] = [];
  const failed: ResumeOutcome['failed'] = [];
  for (const job of jobs) {
    try {
      await ports.resume(job.id);
      resumed.push(job.id);
    } catch (error) {
      failed.push({ jobId: job.id, message: toErrorPayload(error).message });
    }
  }
  log(
    `Resume on start (${decision}): resumed ${resumed.length} of ${jobs.length} job(s)` +
      (failed.length ? `; failed: ${failed.map((f) => `${f.jobId} (${f.message})`).join(', ')}` : '.'),
  );
  return { found: jobs.length, decision, resumed, failed };
}

/** One line per job for the question's detail text: its label (or id) and how many items are left. */
export function describeUnfinished(jobs: readonly UnfinishedJob[]): string[] {
  return jobs.map((job) => `• ${job.label ?? job.id}: ${job.pending} / ${job.total}`);
}

/**
 * The jobs a crash or shutdown interrupted, from `jobs:list`: those the journal still shows running (nothing
 * runs yet at start). Paused jobs were paused on purpose and are left alone, as are finished ones.
 */
export function interruptedJobs(summaries: readonly JobSummary[]): UnfinishedJob[] {
  return summaries
    .filter((job) => job.state === 'running')
    .map((job) => ({ id: job.id, label: job.label, pending: job.counts.pending, total: job.total }));
}
