import type { JobProgress } from '../../shared/domain/job.ts';
import type { JobSummary, OutcomeCounts } from '../../shared/domain/removal.ts';
import type { CliContext } from './context.ts';

/** Fewest milliseconds between two progress lines on stderr. */
const PROGRESS_LINE_MS = 1000;

/** "removed 3, already absent 1, failed 0, ..." */
export function describeCounts(counts: OutcomeCounts): string {
  return [
    `removed ${counts.removed}`,
    `already absent ${counts['already-absent']}`,
    `failed ${counts.failed}`,
    `queued ${counts.queued}`,
    `cancelled ${counts.cancelled}`,
    ...(counts.pending > 0 ? [`pending ${counts.pending}`] : []),
    ...(counts.done ? [`done ${counts.done}`] : []),
  ].join(', ');
}

/** Whether every item of a job ended removed or already absent (the only case `fcom` exits 0). */
export function allRemoved(summary: JobSummary): boolean {
  const c = summary.counts;
  return c.failed + c.queued + c.cancelled + c.pending === 0;
}

/** Prints a job's summary (JSON with --json) and what to do next; sets exit code 1 unless all items are removed. */
export function printJobSummary(context: CliContext, summary: JobSummary): void {
  const ok = allRemoved(summary);
  if (!ok) context.setExitCode(1);
  if (context.json()) {
    context.output.out(JSON.stringify(summary, null, 2));
    return;
  }
  const out = (text: string): void => context.output.out(text);
  out(`Job ${summary.id}: ${summary.state}, ${summary.total} items on ${summary.terminals} terminal(s)`);
  out(`  ${describeCounts(summary.counts)}`);
  if (summary.verify) out(`  verified absent: ${summary.verified}, not verified: ${summary.unverified}`);
  if (summary.error) out(`  error: ${summary.error}`);
  if (summary.counts.failed > 0) {
    out(`  See why items failed: fcom jobs show ${summary.id} --outcome failed`);
    out(`  Send them again once fixed: fcom jobs retry-failed ${summary.id}`);
  }
  if (summary.counts.queued > 0 || summary.counts.pending > 0) {
    out(`  Some terminals did not answer: their items wait. When they are back, run: fcom jobs resume ${summary.id}`);
  }
}

/**
 * Runs a job in the foreground: progress lines on stderr (not with --json) until the job has nothing more to
 * do in this process (finished, or only items waiting for offline terminals), then the summary.
 */
export async function followJob(context: CliContext, jobId: string): Promise<JobSummary> {
  const { bus, jobControl } = context.core().services;
  let lastLine = 0;
  const unsubscribe = bus.onAny((event, payload) => {
    if (event !== 'jobs:progress' || context.json()) return;
    const progress = payload as JobProgress;
    if (progress.jobId !== jobId || Date.now() - lastLine < PROGRESS_LINE_MS) return;
    lastLine = Date.now();
    const percent = Math.floor(progress.value * 100);
    context.output.err(`job ${jobId.slice(0, 8)}: ${progress.done}/${progress.total} (${percent}%) ${progress.state}`);
  });
  try {
    // Any kind: removal jobs, and cloud jobs resumed or retried through `fcom jobs`.
    const summary = await jobControl.whenIdle(jobId);
    printJobSummary(context, summary);
    return summary;
  } finally {
    unsubscribe();
  }
}
