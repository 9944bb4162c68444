import type { Report, ReportRequest } from '../../../shared/domain/report.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { SyncHistory } from '../jobs/sync-history.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { collectReport } from './collect.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';

/** What the report reads. */
export interface ReportDeps {
  sync: Pick<SyncService, 'operations'>;
  history: Pick<SyncHistory, 'actions' | 'drift'>;
  terminals(): Terminal[];
  site(): string;
  appVersion: string;
  now?: () => number;
}

/** Builds the commissioning report of a site visit. */
export interface ReportService {
  build(request: ReportRequest): Report;
}

/** A file name for the report: site and date, safe on every file system. */
export function reportFileName(site: string, at: number, format: string): string {
  const slug =
    site
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'site';
  return `fcom-report-${slug.slice(0, 40)}-${new Date(at).toISOString().slice(0, 10)}.${format}`;
}

/**
 * Creates the {@link ReportService}: the site visit is every job created in [since, until] (default: all),
 * with the terminals of the inventory, the drift found and the retries and discards of that window.
 */
export function createReportService(deps: ReportDeps): ReportService {
  const now = deps.now ?? Date.now;
  return {
    build(request) {
      const range = {
        ...(request.since === undefined ? {} : { since: request.since }),
        ...(request.until === undefined ? {} : { until: request.until }),
      };
      const generatedAt = now();
      const terminals = deps.terminals();
      const site = deps.site();
      const fileName = reportFileName(site, generatedAt, request.format);
      if (request.format === 'csv') {
        const { content, operations } = renderCsv(terminals, deps.sync.operations(range));
        return { format: 'csv', fileName, terminals: terminals.length, operations, content };
      }
      const data = collectReport({
        site,
        appVersion: deps.appVersion,
        generatedAt,
        range,
        terminals,
        operations: deps.sync.operations(range),
        drift: deps.history.drift(range),
        actions: deps.history.actions(range),
      });
      return {
        format: 'html',
        fileName,
        terminals: terminals.length,
        operations: data.operationCount,
        content: renderHtml(data, { technician: request.technician, customer: request.customer }),
      };
    },
  };
}
