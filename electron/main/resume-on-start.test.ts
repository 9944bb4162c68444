import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { JobSummary } from '../../shared/domain/removal.ts';
import {
  describeUnfinished,
  interruptedJobs,
  resumeOnStart,
  type ResumeOnStartPorts,
  type UnfinishedJob,
} from './resume-on-start.ts';

const jobs: UnfinishedJob[] = [
  { id: 'job-1', label: 'leavers.csv', pending: 40, total: 120 },
  { id: 'job-2', label: null, pending: 3, total: 3 },
];

function ports(overrides: Partial<ResumeOnStartPorts> = {}): ResumeOnStartPorts & {
  resume: ReturnType<typeof vi.fn>;
  ask: ReturnType<typeof vi.fn>;
  lines: string[];
} {
  const lines: string[] = [];
  return {
    listUnfinished: async () => jobs,
    autoResume: () => false,
    lines,
    log: (line: string) => lines.push(line),
    ...overrides,
    resume: vi.fn(overrides.resume ?? (async () => undefined)),
    ask: vi.fn(overrides.ask ?? (async () => true)),
  } as never;
}

describe('resumeOnStart', () => {
  it('does nothing, and asks nothing, when no job is unfinished', async () => {
    const p = ports({ listUnfinished: async () => [] });
    expect(await resumeOnStart(p)).toEqual({ found: 0, decision: 'none', resumed: [], failed: [] });
    expect(p.ask).not.toHaveBeenCalled();
    expect(p.resume).not.toHaveBeenCalled();
  });

  it('resumes every job without asking when the setting says so', async () => {
    const p = ports({ autoResume: async () => true });
    const outcome = await resumeOnStart(p);
    expect(outcome).toEqual({ found: 2, decision: 'auto', resumed: ['job-1', 'job-2'], failed: [] });
    expect(p.ask).not.toHaveBeenCalled();
    expect(p.resume.mock.calls).toEqual([['job-1'], ['job-2']]);
  });

  it('asks once with every job, and resumes them when the technician accepts', async () => {
    const p = ports();
    const outcome = await resumeOnStart(p);
    expect(p.ask).toHaveBeenCalledTimes(1);
    expect(p.ask).toHaveBeenCalledWith({ jobs });
    expect(outcome.decision).toBe('accepted');
    expect(outcome.resumed).toEqual(['job-1', 'job-2']);
  });

  it('leaves the jobs alone when the technician declines', async () => {
    const p = ports({ ask: async () => false });
    expect(await resumeOnStart(p)).toEqual({ found: 2, decision: 'declined', resumed: [], failed: [] });
    expect(p.resume).not.toHaveBeenCalled();
    expect(p.lines.join('\n')).toMatch(/2 unfinished job\(s\) left for later/);
  });

  it('goes on with the other jobs when one fails to resume, and reports it', async () => {
    const p = ports({
      resume: async (id: string) => {
        if (id === 'job-1') throw new AppError('NOT_FOUND', 'Job job-1 no longer exists.');
      },
    });
    const outcome = await resumeOnStart(p);
    expect(outcome.resumed).toEqual(['job-2']);
    expect(outcome.failed).toEqual([{ jobId: 'job-1', message: 'Job job-1 no longer exists.' }]);
    expect(p.lines.at(-1)).toMatch(/resumed 1 of 2 .*job-1 \(Job job-1 no longer exists\.\)/);
  });

  it('never throws: a failing listing, setting or dialog is logged and start-up goes on', async () => {
    const listing = ports({ listUnfinished: async () => Promise.reject(new Error('database is locked')) });
    expect(await resumeOnStart(listing)).toMatchObject({ decision: 'error', found: 0 });
    expect(listing.lines[0]).toMatch(/database is locked/);

    const dialog = ports({ ask: async () => Promise.reject(new Error('no window')) });
    expect(await resumeOnStart(dialog)).toMatchObject({ decision: 'error', found: 2, resumed: [] });
    expect(dialog.resume).not.toHaveBeenCalled();

    const setting = ports({
      autoResume: () => {
        throw new Error('bad settings');
      },
    });
    expect(await resumeOnStart(setting)).toMatchObject({ decision: 'error' });
  });
});

describe('describeUnfinished', () => {
  it('lists each job by label, or id when it has none, with the items left', () => {
    expect(describeUnfinished(jobs)).toEqual(['• leavers.csv: 40 / 120', '• job-2: 3 / 3']);
  });
});

describe('interruptedJobs', () => {
  const summary = (id: string, state: JobSummary['state'], pending: number): JobSummary => ({
    id,
    kind: 'remove',
    state,
    mode: 'people',
    verify: false,
    label: `${id}.csv`,
    createdAt: 1,
    updatedAt: 2,
    finishedAt: null,
    total: 10,
    terminals: 2,
    counts: { removed: 10 - pending, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending },
    verified: 0,
    unverified: 0,
    error: null,
  });

  it('keeps the jobs the journal still shows running, not paused or finished ones', () => {
    expect(
      interruptedJobs([
        summary('a', 'running', 4),
        summary('b', 'paused', 5),
        summary('c', 'done', 0),
        summary('d', 'cancelled', 2),
        summary('e', 'failed', 1),
      ]),
    ).toEqual([{ id: 'a', label: 'a.csv', pending: 4, total: 10 }]);
  });
});
