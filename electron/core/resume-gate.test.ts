import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { createCore } from './compose.ts';
import { addTerminals, listOf, startTerminal, testCore } from '../../test/support/removal/test-kit.ts';
import { createEncryptedFileStore } from './secrets/encrypted-file-store.ts';

const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };

/**
 * Issue 21: the browser host resumes at start only the jobs it may run: not with locked credentials (a wrong
 * passphrase would fail every item as "credentials rejected"), and not a job another process runs.
 */
describe('resume at start of the browser host', () => {
  it('resumes nothing with a wrong passphrase, and resumes with the right one', { timeout: 30_000 }, async () => {
    const people = generatePeople('resume-gate', 4);
    const panel = await startTerminal('basip', 'BAS-GATE', people);
    const { core, dir } = testCore();
    const secretsPath = join(dir, 'secrets.json');
    await createEncryptedFileStore(secretsPath, 'right', FAST).set('k', 'v');
    await addTerminals(core, [panel]);
    await panel.cutOff(); // the job stays running, its items queued for the panel
    const { jobId } = core.services.removal.start({
      mode: 'people',
      items: listOf(people),
      devices: [panel.serial],
      verify: false,
    });
    await core.services.jobs.whenIdle(jobId);
    await core.close();

    const leaseOf = (host: ReturnType<typeof createCore>) =>
      host.services.db.sqlite.prepare('SELECT target FROM job_leases WHERE job_id = ?').get(jobId);
    const open = (passphrase: string) =>
      createCore({
        dataDir: dir,
        target: 'host',
        mdnsPolicy: 'off',
        secrets: createEncryptedFileStore(secretsPath, passphrase, FAST),
        onError: () => undefined,
      });

    const locked = open('wrong');
    await new Promise((r) => setTimeout(r, 300));
    expect(leaseOf(locked)).toBeUndefined();
    expect(locked.services.jobs.summary(jobId).state).toBe('running');
    await locked.close();

    const unlocked = open('right');
    await expect.poll(() => leaseOf(unlocked), { timeout: 5000 }).toEqual({ target: 'host' });
    await unlocked.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
