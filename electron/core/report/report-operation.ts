import type { Evidence } from '../../../shared/domain/removal.ts';
import type { Operation } from '../../../shared/domain/sync.ts';

/**
 * An operation as the report reads it: with the evidence that decided its outcome where its source says
 * (removal items and Alibaba Cloud items; absent or null otherwise).
 */
export type ReportOperation = Operation & { evidence?: Evidence | null };
