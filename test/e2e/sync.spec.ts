import type { Terminal } from '../../shared/domain/terminal.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startThroughDraft } from '../support/removal/through-draft.ts';
import { expect, test, type AppUnderTest } from './fixtures.ts';
import { expectTruthfulOutcomes, startSimTerminal, type SimTerminal } from './removal-helpers.ts';

/** Simulators started by a test, closed after it. */
const sims: SimTerminal[] = [];

test.afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

test.use({ viewport: { width: 1440, height: 1000 } });

/** Adds a terminal through the contract and answers its inventory row. */
async function addByContract(app: AppUnderTest, sim: SimTerminal, password?: string): Promise<Terminal> {
  const result = await app.invoke('devices:add', {
    address: sim.address,
    kind: sim.kind,
    ...(password ? { credentials: { username: 'admin', password } } : {}),
  });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

test('queues removals for a stopped terminal, syncs them when it is back, discards with confirmation, reports', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  const people = generatePeople('sync-e2e', 20);
  const sophon = await startSimTerminal('sophon', 'sync-sophon', people);
  const panel = await startSimTerminal('basip', 'sync-panel', people);
  sims.push(sophon, panel);
  const terminal = await addByContract(app, sophon);
  const wrong = await addByContract(app, panel, 'not-the-password');
  expect(await app.invoke('settings:update', { removal: { maxAttempts: 2 } })).toMatchObject({ ok: true });
  await app.open();

  // The terminal stops answering; ten removals for it wait, queued.
  await sophon.stop();
  const items = people.slice(0, 10).map((p, i) => ({ line: i + 2, identity_id: p.identityId, name: p.name }));
  // Into a list in the core, planned, then that plan started (as the wizard does).
  const invoke = (channel: string, request: unknown) => app.invoke(channel as never, request as never);
  const started = await startThroughDraft(invoke, { items, devices: [terminal.serial] });
  expect(started.ok, JSON.stringify(started)).toBe(true);

  // The status bar badge counts them and opens the Sync queue.
  const badge = page.getByTestId('status-queued');
  await expect(badge).toHaveText('10 operations queued');
  await page.getByTestId('status-sync').click();
  await expect(page.getByRole('heading', { name: 'Sync queue', level: 1 })).toBeVisible();
  await expect(page.getByTestId('sync-filter-queued')).toHaveText('Queued (10)');
  await page.getByTestId('sync-filter-queued').click();
  const table = page.getByRole('table', { name: 'Operations' });
  await expect(table.getByRole('row')).toHaveCount(11);
  await expect(table.getByRole('row').nth(1)).toContainText('The terminal does not answer.');
  await expect(page.getByTestId(`sync-target-${terminal.serial}`)).toContainText('10 queued');

  // Back on the same port: Sync now sends them, and they finish.
  await sophon.restart();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-filter-done')).toHaveText('Done (10)', { timeout: 20_000 });
  await expect(page.getByTestId('sync-filter-queued')).toHaveText('Queued (0)');
  await expect(badge).toHaveText('0 operations queued');
  expect(sophon.device.stats().people).toBe(10);

  // Wrong credentials: the panel's removals need attention, with the reason and the actions.
  const rejected = await startThroughDraft(invoke, {
    items: people.slice(10, 12).map((p, i) => ({ line: i + 2, link_id: p.linkId })),
    devices: [wrong.serial],
  });
  expect(rejected.ok).toBe(true);
  await expect(page.getByTestId('sync-filter-needs-attention')).toHaveText('Needs attention (2)', { timeout: 20_000 });
  await expect(page.getByTestId('status-attention')).toHaveText('2 need attention');
  await page.getByTestId('sync-filter-needs-attention').click();
  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText('The credentials were refused. Fix them, then retry.');
  await expect(first.getByRole('button', { name: 'Fix credentials' })).toBeVisible();
  await expect(first.getByRole('button', { name: 'Retry' })).toBeVisible();

  // Discard asks first; "Keep it" changes nothing.
  await first.getByRole('button', { name: 'Discard' }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard this operation?' });
  await expect(dialog).toContainText('It will never be sent.');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sync-filter-needs-attention')).toHaveText('Needs attention (2)');
  await first.getByRole('button', { name: 'Discard' }).click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('sync-filter-needs-attention')).toHaveText('Needs attention (1)');

  // It stays in the history: discarded, by whom and when.
  await expect(page.getByTestId('sync-filter-discarded')).toHaveText('Discarded (1)');
  await page.getByTestId('sync-filter-discarded').click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(/Discarded by .+ \(app\) at/);

  // The commissioning report downloads as a printable HTML page.
  const report = await app.saveFile(() => page.getByRole('button', { name: 'Report (HTML)' }).click());
  expect(report.name).toMatch(/^fcom-report-.+\.html$/);
  const html = report.content;
  expect(html).toContain('Commissioning report');
  expect(html).toContain(terminal.serial);
  expect(html).toContain('<svg class="chart"');
  await expect(page.getByRole('status').filter({ hasText: /^Saved (.*[\\/])?fcom-report-/ })).toBeVisible();
  await expectTruthfulOutcomes(app, sims, 10);
});
