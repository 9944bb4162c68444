import type { Evidence } from '../../../../shared/domain/removal.ts';
import type { ItemResult } from '../driver.ts';

/** Raw code of an item the terminal reported as deleted. */
export const RAW_SUCCESS = 'success';
/** Raw code of a person the terminal listed in `failed_identity_ids`. */
export const RAW_FAILED = 'failed_identity_ids';

/** One item result with the evidence that decided it (null: none). */
export function item(
  id: string,
  outcome: ItemResult['outcome'],
  evidence: Evidence | null,
  rawCode: string | null,
  reason: string | null,
): ItemResult {
  return { id, outcome, evidence, rawCode, reason };
}
