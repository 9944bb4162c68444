import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../../shared/domain/settings.ts';
import type { JobItem, JobSummary, OutcomeCounts } from '../../../../shared/domain/removal.ts';
import type { ReviewedPlan } from '../../../../shared/domain/removal-draft.ts';
import { jobItem } from '../../../../test/support/jobs/job-item.ts';
import { createI18n } from '../../i18n/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { NO_COUNTS } from '../../store/jobs/job-progress.ts';
import { freshView } from '../../store/jobs/job-view.ts';
import { StoreProvider } from '../../store/store-context.tsx';
import { fakeApi } from '../../store/testing/fake-api.ts';
import { ReviewStep } from '../remove/ReviewStep.tsx';
import { JobActions } from './JobActions.tsx';
import { JobResultsTable } from './JobResultsTable.tsx';
import { OutcomeFilter } from './OutcomeFilter.tsx';
import { ProgressBar } from './ProgressBar.tsx';

const COUNTS: OutcomeCounts = { ...NO_COUNTS, removed: 3, 'already-absent': 2, failed: 1, unconfirmed: 2 };

const JOB: JobSummary = {
  id: 'job-e',
  kind: 'remove',
  state: 'done',
  mode: 'people',
  verify: true,
  label: 'visit.csv',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  finishedAt: 1_700_000_000_000,
  total: 8,
  terminals: 1,
  counts: COUNTS,
  verified: 2,
  unverified: 0,
  error: null,
};

function item(seq: number, outcome: JobItem['outcome'], evidence: JobItem['evidence'], verified: boolean | null) {
  return jobItem(seq, { outcome, evidence, verified });
}

const ITEMS: JobItem[] = [
  item(0, 'removed', 'answer', null),
  item(1, 'removed', 'read-back', true),
  item(2, 'removed', 'answer', true),
  item(3, 'already-absent', 'not-found', null),
  item(4, 'already-absent', 'read-before', true),
  item(5, 'unconfirmed', null, null),
  item(6, 'queued', null, null),
];

/** Renders `node` to HTML with a store holding the job and one page of its items. */
async function render(node: ReactNode, language: Language = 'en', job: JobSummary = JOB): Promise<string> {
  const store = createAppStore(fakeApi().api);
  store.setState({
    jobList: [job],
    jobsLoaded: true,
    jobView: { ...freshView(job.id, null), matching: ITEMS.length, pages: { 0: { items: ITEMS, version: 0 } } },
  });
  // Server rendering reads the store's initial state; hand it the current one.
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <I18nextProvider i18n={await createI18n(language)}>
      <StoreProvider store={rendered}>{node}</StoreProvider>
    </I18nextProvider>,
  );
}

/** The visible text of one results row (`data-outcome` and `data-evidence` say which). */
function rowText(html: string, seq: number): string {
  const rows = html.split('data-testid="result-row"').slice(1);
  return (rows[seq] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the Jobs view: unconfirmed items and the evidence of each outcome', () => {
  it('shows each outcome with the evidence that decided it', async () => {
    // Rendered on the server the table has no height: it renders its overscan, 7 rows (all of ITEMS).
    const html = await render(<JobResultsTable />);
    expect(html.split('data-testid="result-row"')).toHaveLength(ITEMS.length + 1);
    expect(rowText(html, 0)).toContain('Removed Terminal confirmed');
    expect(rowText(html, 1)).toContain('Removed Read back');
    expect(rowText(html, 2)).toContain('Removed Terminal confirmed, read back');
    expect(rowText(html, 3)).toContain('Already absent Terminal said not found');
    expect(rowText(html, 4)).toContain('Already absent Read before sending');
    expect(rowText(html, 5)).toContain('Unconfirmed None yet: Retry reads the terminal first');
    expect(html).toContain('data-outcome="unconfirmed" data-evidence="none"');
    expect(html).toContain('title="Removed · Read back"');
  });

  it('says why an item is queued without a recorded reason: its terminal (or the cloud) does not answer', async () => {
    const queued = await render(<JobResultsTable />, 'zh-CN');
    expect(rowText(queued, 6)).toContain('终端无响应');
    const cloudQueued = await render(<JobResultsTable cloud />);
    expect(rowText(cloudQueued, 6)).toContain('The cloud cannot be reached');
  });

  it('says a cloud confirmed the items of an Alibaba Cloud job, and the evidence in Chinese', async () => {
    const cloud = await render(<JobResultsTable cloud />);
    expect(rowText(cloud, 0)).toContain('Removed Cloud confirmed');
    const chinese = await render(<JobResultsTable />, 'zh-CN');
    expect(rowText(chinese, 1)).toContain('已删除 删除后回读确认');
  });

  it('filters, counts and colours unconfirmed items apart, and retries them with the failed ones', async () => {
    const filter = await render(<OutcomeFilter counts={COUNTS} />);
    expect(filter.replace(/<[^>]+>/g, '')).toContain('Unconfirmed 2');
    expect(filter.replace(/<[^>]+>/g, '')).toContain('Failed 1');
    const bar = await render(<ProgressBar label="Overall progress" counts={COUNTS} />);
    expect(bar).toContain('aria-valuetext="8 of 8 items finished, 2 unconfirmed"');
    expect(bar).toMatch(/class="progress-fill progress-unconfirmed" style="width:25%"/);
    const actions = await render(<JobActions job={JOB} />);
    expect(actions).toContain('Retry failed and unconfirmed (3)');
    const failedOnly = { ...JOB, counts: { ...COUNTS, unconfirmed: 0 } };
    expect(await render(<JobActions job={failedOnly} />, 'en', failedOnly)).toContain('Retry failed (1)');
  });
});

describe('the Remove wizard', () => {
  it('reads every terminal back afterwards unless the technician turns it off', async () => {
    const plan: ReviewedPlan = {
      planId: 'p1',
      mode: 'people',
      terminals: [],
      offline: [],
      skipped: [],
      totalItems: 0,
      unplannableItems: 0,
      estimatedMs: 0,
    };
    const store = createAppStore(fakeApi().api);
    store.setState({ removalWizard: { ...store.getState().removalWizard, step: 'review', plan } });
    const rendered = { ...store, getInitialState: store.getState };
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={await createI18n('en')}>
        <StoreProvider store={rendered}>
          <ReviewStep />
        </StoreProvider>
      </I18nextProvider>,
    );
    expect(html).toMatch(
      /<input type="checkbox" checked=""\/><span>Read every terminal back afterwards \(recommended\)/,
    );
  });
});
