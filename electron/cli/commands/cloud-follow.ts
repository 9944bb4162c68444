import type { JobSummary } from '../../../shared/domain/removal.ts';
import type { CliContext } from '../context.ts';
import { describeCountsOf, describeSize, printRetryHints, unsettledOf } from '../job-follow.ts';

/** Fewest milliseconds between two progress lines on stderr. */
const PROGRESS_LINE_MS = 1000;

/**
 * Runs a cloud job in the foreground: progress lines on stderr (not with --json) until the job has nothing more
 * to do in this process (finished, or waiting for a cloud that does not answer), then its summary. Exit code 1
 * unless every item ended removed, already absent or done (an unconfirmed item is neither); a push's summary
 * speaks of channels pushed, failed, queued.
 */
export async function followCloudJob(context: CliContext, jobId: string): Promise<JobSummary> {
  let lastLine = 0;
  const unsubscribe = context.on('jobs:progress', (progress) => {
    if (context.json()) return;
    if (progress.jobId !== jobId || Date.now() - lastLine < PROGRESS_LINE_MS) return;
    lastLine = Date.now();
    const records =
      progress.counts.records === undefined
        ? ''
        : `, people ${progress.counts.recordsSucceeded ?? 0} sent / ${progress.counts.recordsFailed ?? 0} failed of ${progress.counts.records}`;
    context.output.err(
      `job ${jobId.slice(0, 8)}: ${progress.done}/${progress.total} (${Math.floor(progress.value * 100)}%) ${progress.state}${records}`,
    );
  });
  try {
    // A waiting job's pass ended: in the CLI, stop there (the app or `fcom jobs resume` continues later).
    const summary = await context.call('jobs:wait', { jobId });
    const c = summary.counts;
    if (unsettledOf(c) > 0) context.setExitCode(1);
    if (context.json()) {
      context.output.out(JSON.stringify(summary, null, 2));
      return summary;
    }
    const out = (text: string): void => context.output.out(text);
    out(`Job ${summary.id} (${summary.kind}): ${summary.state}, ${describeSize(summary)}`);
    // A push in push words: its channels were pushed, not removed.
    out(`  ${describeCountsOf(summary)}`);
    if (summary.error) out(`  error: ${summary.error}`);
    printRetryHints(out, summary);
    if (c.queued + c.pending > 0)
      out(`  The cloud did not answer: the work waits. Later, run: fcom jobs resume ${summary.id}`);
    return summary;
  } finally {
    unsubscribe();
  }
}
