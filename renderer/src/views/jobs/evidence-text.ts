import type { TFunction } from 'i18next';
import type { Evidence, JobItem } from '../../../../shared/domain/removal.ts';

/** Evidence a cloud gives in its own words ("Cloud confirmed"); the reads and the plan read the same for both. */
const CLOUD_WORDED: ReadonlySet<Evidence> = new Set<Evidence>(['answer', 'not-found', 'item-error']);

/**
 * What decided an item's outcome, in words ("Terminal confirmed", "Read back", "Read before sending",
 * "Terminal said not found"; "Cloud confirmed" for an Alibaba Cloud job, `cloud`). A removal also found gone by
 * the read afterwards (`verified`) says so ("Terminal confirmed, read back"). An unconfirmed item says that
 * nothing confirms it yet; null when there is nothing to say (not finished, no evidence recorded).
 */
export function evidenceText(
  t: TFunction,
  item: Pick<JobItem, 'outcome' | 'evidence' | 'verified'>,
  cloud: boolean,
): string | null {
  const evidence = item.evidence ?? null;
  if (evidence === null) {
    if (item.outcome === 'unconfirmed') return t('jobs.evidence.unconfirmed');
    return item.verified === true ? t('jobs.evidence.read-back') : null;
  }
  const words =
    cloud && CLOUD_WORDED.has(evidence) ? t(`jobs.evidenceCloud.${evidence}`) : t(`jobs.evidence.${evidence}`);
  const read = evidence === 'read-back' || evidence === 'read-before';
  return item.verified === true && !read ? t('jobs.evidence.alsoReadBack', { evidence: words }) : words;
}
