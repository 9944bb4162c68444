import iconv from 'iconv-lite';
import type { BasipDevice } from '../../tools/sim/basip/index.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { expect, test } from './fixtures.ts';
import {
  addTerminal,
  expectTruthfulOutcomes,
  startSimTerminal,
  terminalProgress,
  type SimTerminal,
} from './removal-helpers.ts';

/** Simulators started by a test, closed after it. */
const sims: SimTerminal[] = [];

test.afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

const BASIP_NAME = 'AA-12FB entrance panel';

// Room for the whole wizard and Jobs view in the screenshots.
test.use({ viewport: { width: 1440, height: 1000 } });

test('removes people from 2 Sophon and 2 BAS-IP terminals: wizard, dry run, progress, failures retried, CSV report', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  const people = generatePeople('removal-e2e', 30);
  const sophonA = await startSimTerminal('sophon', 'sophon-a', people);
  const sophonB = await startSimTerminal('sophon', 'sophon-b', people);
  const basipA = await startSimTerminal('basip', 'basip-a', people);
  const basipB = await startSimTerminal('basip', 'basip-b', people);
  sims.push(sophonA, sophonB, basipA, basipB);
  // Two sends per item, so the injected failures end quickly.
  expect(await app.invoke('settings:update', { removal: { maxAttempts: 2 } })).toMatchObject({ ok: true });

  for (const sim of [sophonA, sophonB, basipA, basipB]) await addTerminal(page, sim);
  await expect(page.getByRole('table', { name: 'Terminals' }).getByRole('row')).toHaveCount(5);

  // Step 1: paste ids — present and absent, a duplicate, a blank line and one Excel-mangled id.
  await page.getByRole('button', { name: 'Remove identities', exact: true }).click();
  const pasted = [
    '100000',
    '100001',
    '100002',
    '100003',
    '100004',
    '999001',
    '999002',
    '',
    '1.23457E+17',
    `${people[5]?.linkId}, ${people[6]?.linkId}`,
    `${people[7]?.linkId}`,
    `${people[8]?.linkId} ${people[9]?.linkId}`,
    '0f0e0d0c-0b0a-4908-8706-050403020100',
    '100000',
  ].join('\n');
  await page.getByLabel('Paste ids').fill(pasted);
  await page.getByRole('button', { name: 'Read the pasted ids' }).click();
  const summary = page.getByRole('region', { name: 'What was read' });
  await expect(summary.getByTestId('count-rows')).toContainText('15');
  await expect(summary.getByTestId('count-items')).toContainText('13');
  await expect(summary.getByTestId('count-duplicates')).toContainText('1');
  await expect(summary.getByTestId('count-invalid')).toContainText('1');
  await expect(summary.getByTestId('count-blank')).toContainText('1');
  const errors = page.getByRole('region', { name: 'Errors by line' });
  await expect(errors.getByRole('listitem')).toHaveText([/^Line 9: Excel turned this long number/]);
  await expect(page.getByTestId('removal-total')).toHaveText('To remove: 13 people');
  await page.getByRole('button', { name: 'Next: choose terminals' }).click();

  // Step 2: every terminal.
  await expect(page.getByRole('heading', { level: 2, name: 'On which terminals' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next: review the dry run' })).toBeDisabled();
  await page.getByRole('button', { name: 'Select all' }).click();
  await expect(page.getByTestId('targets-chosen')).toHaveText('4 of 4 terminals chosen');
  await page.getByRole('checkbox', { name: new RegExp(basipB.address) }).uncheck();
  await expect(page.getByTestId('targets-chosen')).toHaveText('3 of 4 terminals chosen');
  await page.getByRole('checkbox', { name: new RegExp(basipB.address) }).check();
  await page.getByRole('button', { name: 'Next: review the dry run' }).click();

  // Step 3: the dry run, nothing sent yet.
  await expect(page.getByTestId('plan-summary')).toContainText('Remove 13 people from 4 terminals: 52 items');
  const planTable = page.getByRole('table', { name: 'Dry run per terminal' });
  await expect(planTable.getByRole('row')).toHaveCount(5);
  await expect(planTable.getByRole('row').filter({ hasText: basipA.address })).toContainText('13');
  await expect(page.getByRole('group', { name: 'Confirm a large removal' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/fcom-removal-review.png', fullPage: true });
  const deletes = (sim: SimTerminal) =>
    sim.device.log.all().filter((r) => r.method === 'DELETE' || r.path.endsWith('/deleteidentities'));
  for (const sim of sims) expect(deletes(sim)).toEqual([]);

  // One Sophon refuses every delete (HTTP 500) and one panel goes away: its items queue.
  sophonA.device.knobs.set({ faults: [{ kind: 'http500', pathIncludes: 'deleteidentities' }] });
  await basipB.stop();
  await page.getByRole('button', { name: 'Remove 13 people now' }).click();

  // The Jobs view follows the job.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jobs');
  const detail = page.getByTestId('job-detail');
  const sophonALabel = `Unnamed terminal (${sophonA.address})`;
  const basipBLabel = `${BASIP_NAME} (${basipB.address})`;
  await expect(terminalProgress(page, `Unnamed terminal (${sophonB.address})`)).toHaveAttribute('aria-valuenow', '100');
  await expect(terminalProgress(page, `${BASIP_NAME} (${basipA.address})`)).toHaveAttribute('aria-valuenow', '100');
  await expect(terminalProgress(page, sophonALabel)).toHaveAttribute('aria-valuetext', '13 of 13 items finished');
  await expect(terminalProgress(page, basipBLabel)).toHaveAttribute('aria-valuenow', '0');
  const filters = detail.getByRole('group', { name: 'Show items' });
  await expect(filters.getByRole('button', { name: /^Failed/ })).toHaveText('Failed 13');
  await expect(filters.getByRole('button', { name: /^Queued/ })).toHaveText('Queued 13');
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute(
    'aria-valuetext',
    '39 of 52 items finished',
  );

  // Filter the failures, then the queued items.
  const results = page.getByRole('table', { name: 'Results' });
  await filters.getByRole('button', { name: /^Failed/ }).click();
  await expect(filters.getByRole('button', { name: /^Failed/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(results).toHaveAttribute('aria-rowcount', '14');
  await expect(results.getByTestId('result-row').first().getByRole('cell').first()).toHaveText(
    `Unnamed terminal${sophonA.address}`,
  );
  await expect(results.locator('[data-testid="result-row"]:not([data-outcome="failed"])')).toHaveCount(0);
  await filters.getByRole('button', { name: /^Queued/ }).click();
  await expect(results).toHaveAttribute('aria-rowcount', '14');
  await expect(results.getByTestId('result-row').first().getByRole('cell').first()).toHaveText(
    `${BASIP_NAME}${basipB.address}`,
  );
  await page.screenshot({ path: '/tmp/fcom-removal-jobs.png', fullPage: true });

  // The Sophon answers again: retry its failed items.
  sophonA.device.knobs.clearFaults();
  await detail.getByRole('button', { name: 'Retry failed (13)' }).click();
  await expect(detail.getByTestId('job-notice')).toHaveText('13 failed items sent again.');
  await expect(filters.getByRole('button', { name: /^Failed/ })).toHaveText('Failed 0');
  await expect(terminalProgress(page, sophonALabel)).toHaveAttribute('aria-valuenow', '100');

  // The panel is back: its queued items run.
  await basipB.restart();
  await detail.getByRole('button', { name: 'Try queued items now' }).click();
  await expect(detail.getByTestId('job-state')).toHaveText('Finished');
  await expect(detail).toContainText('Every item is removed or was already absent.');
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuenow', '100');
  await expect(terminalProgress(page, basipBLabel)).toHaveAttribute('aria-valuenow', '100');
  await filters.getByRole('button', { name: /^All/ }).click();
  await expect(results).toHaveAttribute('aria-rowcount', '53');
  // The rows are a pool the table paints as it scrolls: scrolled to the end, and back, each row shows the item
  // that `jobs:show` lists at its position.
  const listed = await app.invoke('jobs:list', {});
  const jobId = listed.ok ? listed.value[0]?.id : undefined;
  const shownJob = jobId ? await app.invoke('jobs:show', { jobId, offset: 0, limit: 52 }) : null;
  if (!shownJob?.ok) throw new Error('The app did not answer jobs:list or jobs:show.');
  const items = shownJob.value.items;
  const expectRowsShowTheirItems = async () => {
    const shown = results.getByTestId('result-row');
    await expect(shown.first()).toBeVisible();
    for (const row of await shown.all()) {
      const item = items[Number(await row.getAttribute('aria-rowindex')) - 2];
      await expect(row).toHaveAttribute('data-outcome', item?.outcome ?? '');
      await expect(row.getByRole('cell').nth(1)).toHaveText(String(item?.line));
      await expect(row.getByRole('cell').nth(3)).toContainText(item?.nativeId ?? '');
    }
  };
  await results.evaluate((table) => (table.scrollTop = table.scrollHeight));
  await expect(results.locator('[aria-rowindex="53"]')).toHaveAttribute('data-testid', 'result-row');
  await expect(results.locator('[aria-rowindex="2"]')).toHaveCount(0);
  await expectRowsShowTheirItems();
  await results.evaluate((table) => (table.scrollTop = 0));
  await expect(results.locator('[aria-rowindex="2"]')).toHaveAttribute('data-testid', 'result-row');
  await expectRowsShowTheirItems();
  expect(sophonA.device.stats().people).toBe(25);
  const linkIds = new Set((basipB.device as BasipDevice).identifiers().map((identifier) => identifier.link_id));
  expect(people.slice(5, 10).filter((person) => linkIds.has(person.linkId.toLowerCase()))).toEqual([]);

  // The report, as CSV.
  const file = await app.saveFile(() => detail.getByRole('button', { name: 'Export CSV' }).click());
  expect(file.name).toMatch(/^fcom-job-[0-9a-z]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = file.content;
  expect(csv.startsWith('\uFEFFterminal,terminal_kind,line,name,person_key,id_kind,native_id')).toBe(true);
  const rows = csv.trim().split('\r\n').slice(1);
  expect(rows).toHaveLength(52);
  expect(rows.filter((row) => /,(removed|already-absent),/.test(row))).toHaveLength(52);
  expect(rows.some((row) => row.includes(`,${people[5]?.linkId},`))).toBe(true);
  await expect(detail.getByTestId('job-notice')).toHaveText(/^Saved 52 items to (.*[\\/])?fcom-job-/);
  await expect(page.getByRole('alert')).toBeHidden();
  await expectTruthfulOutcomes(app, sims);
});

test('picks people in Devices, imports a GB18030 file with its columns, and asks to type the count above 100', async ({
  app,
  page,
}) => {
  const people = generatePeople('typed-confirm', 150);
  const sophon = await startSimTerminal('sophon', 'sophon-c', people);
  sims.push(sophon);
  await addTerminal(page, sophon);

  // Pick two people from the terminal's own list.
  await page.getByRole('table', { name: 'Terminals' }).getByRole('button', { name: 'Unnamed terminal' }).click();
  const list = page.getByRole('region', { name: 'People on the terminal' });
  await list.getByRole('checkbox', { name: `Pick ${people[0]?.name} (100000)` }).check();
  await list.getByRole('checkbox', { name: `Pick ${people[1]?.name} (100001)` }).check();
  await list.getByRole('button', { name: 'Add 2 people to the removal list' }).click();
  await expect(list.getByTestId('picked-count')).toHaveText('The removal list holds 2 picked people.');
  await list.getByRole('button', { name: 'Open the removal list' }).click();

  const picked = page.getByRole('region', { name: 'Picked from terminals' });
  await expect(picked.getByRole('listitem')).toHaveCount(2);
  // Import 120 people from a GB18030 CSV with a header; the picker suggests the columns.
  const csv = ['人员编号,姓名,卡号', ...people.slice(50, 170).map((p) => `${p.identityId},${p.name},${p.cardNumber}`)];
  for (let i = 150; i < 170; i++) csv.push(`${100000 + i},缺席者${i},1${i}`);
  await page.getByLabel('Import a CSV or TSV file').setInputFiles({
    name: '名单.csv',
    mimeType: 'text/csv',
    buffer: iconv.encode(`${csv.join('\r\n')}\r\n`, 'gb18030'),
  });
  await expect(page.getByTestId('input-source')).toHaveText(
    '名单.csv · GB18030 (GBK) · comma-separated · header on line 1',
  );
  const columns = page.getByRole('region', { name: 'Columns' });
  await expect(columns.getByLabel('Read column 人员编号 as')).toHaveValue('identity_id');
  await expect(columns.getByLabel('Read column 姓名 as')).toHaveValue('name');
  await expect(columns.getByLabel('Read column 卡号 as')).toHaveValue('');
  await columns.getByLabel('Read column 卡号 as').selectOption({ label: 'Id (each terminal’s own)' });
  await expect(page.getByTestId('mapping-problem')).toContainText('cannot be mixed with identity_id');
  await expect(page.getByTestId('count-items')).toContainText('0');
  await columns.getByLabel('Read column 卡号 as').selectOption({ label: 'Not used' });
  await expect(page.getByTestId('mapping-problem')).toHaveCount(0);
  await expect(page.getByTestId('count-items')).toContainText('120');
  await page.screenshot({ path: '/tmp/fcom-removal-input.png', fullPage: true });
  await expect(page.getByTestId('removal-total')).toHaveText('To remove: 122 people');
  await page.getByRole('button', { name: 'Next: choose terminals' }).click();
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: 'Next: review the dry run' }).click();

  const confirm = page.getByRole('group', { name: 'Confirm a large removal' });
  await expect(confirm).toContainText('This removes 122 people from 1 terminal and cannot be undone.');
  const run = page.getByRole('button', { name: 'Remove 122 people now' });
  await expect(run).toBeDisabled();
  await confirm.getByLabel('Type 122 to confirm').fill('12');
  await expect(run).toBeDisabled();
  await confirm.getByLabel('Type 122 to confirm').fill('122');
  await expect(run).toBeEnabled();
  await run.click();

  const detail = page.getByTestId('job-detail');
  await expect(detail.getByTestId('job-state')).toHaveText('Finished');
  const filters = detail.getByRole('group', { name: 'Show items' });
  await expect(filters.getByRole('button', { name: /^Removed/ })).toHaveText('Removed 102');
  await expect(filters.getByRole('button', { name: /^Already absent/ })).toHaveText('Already absent 20');
  expect(sophon.device.stats().people).toBe(48);
  await expectTruthfulOutcomes(app, sims);
});
