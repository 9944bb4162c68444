import type { JobItem } from '../../../shared/domain/removal.ts';

/**
 * One item of a removal job as `jobs:show` answers it, for tests of what shows or exports items: person `seq` of
 * Sophon SPH-1 (identity 100000 + seq, CSV line seq + 2), removed on the terminal's own answer, not verified yet,
 * tried once; `patch` changes any field.
 */
export function jobItem(seq: number, patch: Partial<JobItem> = {}): JobItem {
  return {
    seq,
    terminal: 'SPH-1',
    terminalKind: 'sophon',
    line: seq + 2,
    name: `Person ${seq}`,
    personKey: String(seq),
    idKind: 'identity_id',
    nativeId: String(100000 + seq),
    faceId: null,
    outcome: 'removed',
    rawCode: null,
    reason: null,
    evidence: 'answer',
    attempts: 1,
    verified: null,
    updatedAt: 0,
    ...patch,
  };
}
