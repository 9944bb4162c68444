import { describe, expect, it } from 'vitest';
import type { JobItem, JobSummary } from '../../../shared/domain/removal.ts';
import { jobItem } from '../../../test/support/jobs/job-item.ts';
import { CSV_COLUMNS, exportJob } from '../jobs/export.ts';

// The job export (electron/core/removal/export.ts) is tested here, beside the commissioning report it feeds.

const SUMMARY: JobSummary = {
  id: 'abcdef12-job',
  kind: 'remove',
  state: 'done',
  mode: 'people',
  verify: true,
  label: null,
  createdAt: Date.UTC(2026, 4, 1),
  updatedAt: 0,
  finishedAt: 0,
  total: 3,
  terminals: 1,
  counts: { removed: 2, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending: 0, unconfirmed: 1 },
  verified: 1,
  unverified: 0,
  error: null,
};

function item(seq: number, overrides: Partial<JobItem>): JobItem {
  return jobItem(seq, { name: null, evidence: undefined, ...overrides });
}

const ITEMS = [
  item(0, { outcome: 'removed', evidence: 'answer' }),
  item(1, { outcome: 'removed', evidence: 'read-back', verified: true }),
  item(2, { outcome: 'unconfirmed', evidence: null }),
];

/** The CSV's rows as cells (no field here holds a comma or a quote). */
function rows(content: string): string[][] {
  return content
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('the job export', () => {
  it('gives every CSV row the stable evidence code of its outcome', () => {
    const [header, ...body] = rows(exportJob(SUMMARY, ITEMS, 'csv').content);
    expect(header).toEqual([...CSV_COLUMNS]);
    const at = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(body.map((cells) => [cells[at('outcome')], cells[at('evidence')]])).toEqual([
      ['removed', 'answer'],
      ['removed', 'read-back'],
      ['unconfirmed', ''],
    ]);
  });

  it('keeps a formula a terminal chose for its serial from running in a spreadsheet', () => {
    const hostile = item(0, { terminal: '=HYPERLINK("http://evil","x")', name: '+cmd' });
    const content = exportJob(SUMMARY, [hostile], 'csv').content;
    expect(content).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(content).toContain(",'+cmd,");
    expect(content).not.toMatch(/(^|,)[=+]/m);
  });

  it('counts unconfirmed apart in the JSON, also when an older summary leaves the count out', () => {
    const json = JSON.parse(exportJob(SUMMARY, ITEMS, 'json').content) as { job: JobSummary; items: JobItem[] };
    expect(json.job.counts.unconfirmed).toBe(1);
    expect(json.items.map((i) => [i.outcome, i.evidence])).toEqual([
      ['removed', 'answer'],
      ['removed', 'read-back'],
      ['unconfirmed', null],
    ]);
    const { unconfirmed: _left, ...older } = SUMMARY.counts;
    const legacy = JSON.parse(exportJob({ ...SUMMARY, counts: older }, [], 'json').content) as { job: JobSummary };
    expect(legacy.job.counts.unconfirmed).toBe(0);
  });
});
