import type { JobSummary, OutcomeCounts } from '../../shared/domain/removal.ts';
import type { CliContext } from './context.ts';

/** Fewest milliseconds between two progress lines on stderr. */
const PROGRESS_LINE_MS = 1000;

/** "removed 3, already absent 1, failed 0, unconfirmed 0, ..." */
export function describeCounts(counts: OutcomeCounts): string {
  return [
    `removed ${counts.removed}`,
    `already absent ${counts['already-absent']}`,
    `failed ${counts.failed}`,
    `unconfirmed ${counts.unconfirmed ?? 0}`,
    `queued ${counts.queued}`,
    `cancelled ${counts.cancelled}`,
    ...(counts.pending > 0 ? [`pending ${counts.pending}`] : []),
    ...(counts.done ? [`done ${counts.done}`] : []),
  ].join(', ');
}

/**
 * A push's counts in push words (issue 18: not "removed" and "already absent"): "pushed 2, failed 1, queued 0,
 * cancelled 0[, not finished N]". A push's items are channels.
 */
export function describePushCounts(counts: OutcomeCounts): string {
  return [
    `pushed ${counts.done ?? 0}`,
    `failed ${counts.failed}`,
    `queued ${counts.queued}`,
    `cancelled ${counts.cancelled}`,
    ...(counts.pending > 0 ? [`not finished ${counts.pending}`] : []),
  ].join(', ');
}

/** A job's counts in the words of its kind: push words for a Tuya push, removal words for the others. */
export function describeCountsOf(summary: Pick<JobSummary, 'kind' | 'counts'>): string {
  return summary.kind === 'permission-push' ? describePushCounts(summary.counts) : describeCounts(summary.counts);
}

/** "N items on T terminal(s)", or for a push "N channel(s)". */
export function describeSize(summary: Pick<JobSummary, 'kind' | 'total' | 'terminals'>): string {
  if (summary.kind === 'permission-push') return `${summary.total} channel(s)`;
  if (summary.kind === 'aliyun-removal') return `${summary.total} items on ${summary.terminals} device(s) or space(s)`;
  return `${summary.total} items on ${summary.terminals} terminal(s)`;
}

/**
 * Items that did not end removed, already absent or done: failed, unconfirmed (sent, but nothing confirms what
 * became of them), queued, cancelled or not finished.
 */
export function unsettledOf(counts: OutcomeCounts): number {
  return counts.failed + (counts.unconfirmed ?? 0) + counts.queued + counts.cancelled + counts.pending;
}

/** Whether every item of a job ended removed or already absent (the only case `fcom` exits 0). */
export function allRemoved(summary: JobSummary): boolean {
  return unsettledOf(summary.counts) === 0;
}

/** What to do about failed and unconfirmed items: the commands to see them and to retry them. */
export function printRetryHints(out: (text: string) => void, summary: JobSummary): void {
  const unconfirmed = summary.counts.unconfirmed ?? 0;
  if (summary.counts.failed > 0) out(`  See why items failed: fcom jobs show ${summary.id} --outcome failed`);
  if (unconfirmed > 0) {
    out(
      `  ${unconfirmed} item(s) unconfirmed: the request went out, but no answer or read says what became of them (not counted as removed).`,
    );
    out(`  See them: fcom jobs show ${summary.id} --outcome unconfirmed`);
  }
  if (summary.counts.failed > 0 || unconfirmed > 0) {
    out(
      `  Send them again once fixed: fcom jobs retry-failed ${summary.id}${unconfirmed > 0 ? ' (unconfirmed items: their terminal is read first, nothing is sent blindly)' : ''}`,
    );
  }
}

/**
 * Prints a job's summary (JSON with --json) and what to do next; sets exit code 1 unless every item ended
 * removed or already absent (an unconfirmed item is not removed).
 */
export function printJobSummary(context: CliContext, summary: JobSummary): void {
  const ok = allRemoved(summary);
  if (!ok) context.setExitCode(1);
  if (context.json()) {
    context.output.out(JSON.stringify(summary, null, 2));
    return;
  }
  const out = (text: string): void => context.output.out(text);
  out(`Job ${summary.id}: ${summary.state}, ${describeSize(summary)}`);
  out(`  ${describeCountsOf(summary)}`);
  if (summary.verify) out(`  verified absent (read back): ${summary.verified}, not verified: ${summary.unverified}`);
  else if (summary.kind === 'remove')
    out('  not read back (verification off): outcomes rest on the terminals’ answers');
  if (summary.error) out(`  error: ${summary.error}`);
  printRetryHints(out, summary);
  if (summary.counts.queued > 0 || summary.counts.pending > 0) {
    out(`  Some terminals did not answer: their items wait. When they are back, run: fcom jobs resume ${summary.id}`);
  }
}

/**
 * Runs a job in the foreground: progress lines on stderr (not with --json) until the job has nothing more to
 * do in this process (finished, or only items waiting for offline terminals), then the summary.
 */
export async function followJob(context: CliContext, jobId: string): Promise<JobSummary> {
  let lastLine = 0;
  const unsubscribe = context.on('jobs:progress', (progress) => {
    if (context.json()) return;
    if (progress.jobId !== jobId || Date.now() - lastLine < PROGRESS_LINE_MS) return;
    lastLine = Date.now();
    const percent = Math.floor(progress.value * 100);
    context.output.err(`job ${jobId.slice(0, 8)}: ${progress.done}/${progress.total} (${percent}%) ${progress.state}`);
  });
  try {
    // Any kind: removal jobs, and cloud jobs resumed or retried through `fcom jobs`.
    const summary = await context.call('jobs:wait', { jobId });
    printJobSummary(context, summary);
    return summary;
  } finally {
    unsubscribe();
  }
}
