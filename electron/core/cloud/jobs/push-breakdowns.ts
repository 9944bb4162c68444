import type { CredentialBreakdown } from '../../../../shared/domain/permissions.ts';

const KINDS = ['person', 'card', 'cardPassword', 'face', 'fingerprint'] as const;

/** Sums per-credential breakdowns (the task's totals over the records whose breakdown was read). */
export function sumBreakdowns(list: readonly CredentialBreakdown[]): CredentialBreakdown {
  const zero = () => ({ issued: 0, failed: 0, deleted: 0, deleteFailed: 0 });
  const sum: CredentialBreakdown = {
    person: zero(),
    card: zero(),
    cardPassword: zero(),
    face: zero(),
    fingerprint: zero(),
  };
  for (const b of list) {
    for (const k of KINDS) {
      sum[k].issued += b[k].issued;
      sum[k].failed += b[k].failed;
      sum[k].deleted += b[k].deleted;
      sum[k].deleteFailed += b[k].deleteFailed;
    }
  }
  return sum;
}
