import type { AppRun } from './app-process.ts';
import type { AcceptedJob } from './invariants-app.ts';

const STARTED = /(?:Job|Push) ([0-9a-z-]+) started: (\d+)/g;

/** The jobs an app process said it accepted ("Job ID started: N items", "Push ID started: N channel(s)"). */
export function acceptedJobs(run: AppRun): AcceptedJob[] {
  const text = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  return [...text.matchAll(STARTED)].map((m) => ({ jobId: m[1] as string, items: Number(m[2]), run: run.n }));
}

/** The job an app process worked on: the one it started, or the one `fcom jobs resume JOB` named. */
export function jobOf(run: AppRun): string | undefined {
  if (run.args[0] === 'jobs' && run.args[1] === 'resume') return run.args[2];
  return acceptedJobs(run)[0]?.jobId;
}
