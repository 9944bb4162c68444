import type { Terminal } from '../../shared/domain/terminal.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startThroughDraft } from '../support/removal/through-draft.ts';
import { expect, test } from './fixtures.ts';
import { startSimTerminal, type SimTerminal } from './removal-helpers.ts';

const sims: SimTerminal[] = [];
test.afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});
test.use({ viewport: { width: 1280, height: 900 } });

const LONG_LABEL = '北门人脸识别面板第三号·Haupteingang-GebäudeC-2OG-links-neben-Aufzug-K1T671';

/** The page globals the checks read inside the report tab (the e2e code is type-checked without the DOM library). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<{ scrollWidth: number; clientWidth: number }> };
  getComputedStyle(element: unknown): { overflowWrap: string };
  open: (...args: unknown[]) => { print: () => void } | null;
  printed?: number;
}

test('the report leads with the per-terminal summary, ends with the sign-off block, and prints from the browser', async ({
  app,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const people = generatePeople('report-e2e', 6);
  const sophon = await startSimTerminal('sophon', 'report-sophon', people);
  sims.push(sophon);
  const added = await app.invoke('devices:add', { address: sophon.address, kind: sophon.kind });
  expect(added.ok, JSON.stringify(added)).toBe(true);
  const terminal = (added as { ok: true; value: Terminal }).value;
  const labelled = await app.invoke('devices:set-label', { serial: terminal.serial, label: LONG_LABEL });
  expect(labelled.ok, JSON.stringify(labelled)).toBe(true);
  // Three removed, one the terminal never had.
  const invoke = (channel: string, request: unknown) => app.invoke(channel as never, request as never);
  const items = [
    ...people.slice(0, 3).map((p, i) => ({ line: i + 2, identity_id: p.identityId, name: p.name })),
    { line: 5, identity_id: 'NOT-ON-TERMINAL-9', name: 'Nobody' },
  ];
  const started = await startThroughDraft(invoke, { items, devices: [terminal.serial] });
  expect(started.ok, JSON.stringify(started)).toBe(true);

  // Outside the desktop app, report:pdf is a coded refusal that says to print the page.
  const pdf = await app.invoke('report:pdf', {});
  expect(pdf).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', details: { reason: 'report-pdf-unavailable' } },
  });

  await app.open();
  await page.getByTestId('status-sync').click();
  await expect(page.getByTestId('sync-filter-done')).toHaveText('Done (4)', { timeout: 20_000 });
  const group = page.getByRole('group', { name: 'Commissioning report' });
  await group.getByLabel('Technician (sign-off)').fill('Wang Fang');
  await group.getByLabel('Customer representative (sign-off)').fill('陈静');
  // The browser's print path is offered; the PDF button is the desktop app's.
  await expect(group.getByRole('button', { name: 'Save as PDF', exact: true })).toHaveCount(0);
  const print = group.getByRole('button', { name: 'Print / Save as PDF' });
  await expect(print).toHaveAttribute('title', /Save as PDF/);

  // Counts the print dialogs the report tab asks for (instead of opening one).
  await page.evaluate(() => {
    const globals = globalThis as unknown as PageGlobals;
    const open = globals.open.bind(globalThis);
    globals.printed = 0;
    globals.open = (...args: unknown[]) => {
      const tab = open(...args);
      if (tab) tab.print = () => (globals.printed = (globals.printed ?? 0) + 1);
      return tab;
    };
  });
  const [tab] = await Promise.all([page.waitForEvent('popup'), print.click()]);
  await expect(group.getByRole('status')).toHaveText('The report is open in a new tab for printing: 4 operations.');
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).printed)).toBe(1);

  // The per-terminal summary leads; the terminal's row says what it confirmed and with what.
  const summary = tab.getByRole('table', { name: 'Per-terminal summary' });
  await expect(tab.getByRole('heading', { level: 2 }).first()).toHaveText(
    'What each terminal confirmed · 各终端确认结果',
  );
  const row = summary.getByRole('row').filter({ hasText: terminal.serial });
  await expect(row).toContainText(LONG_LABEL);
  await expect(row).toContainText(/× removed \(/);
  await expect(row).toContainText(/× already absent \(/);

  // The sign-off block at the end, the technician and customer names pre-filled.
  const signOff = tab.locator('#sign-off');
  await expect(signOff.getByRole('heading', { name: 'Sign-off · 签字确认' })).toBeVisible();
  await expect(signOff.locator('[data-role="technician"]')).toContainText('Wang Fang');
  await expect(signOff.locator('[data-role="customer"]')).toContainText('陈静');
  await expect(signOff).toContainText('Date · 日期');

  // Labels are never cut off, on screen and as printed: the report's rules apply and no cell overflows.
  for (const media of ['screen', 'print'] as const) {
    await tab.emulateMedia({ media });
    const layout = await tab.evaluate(() => {
      const globals = globalThis as unknown as PageGlobals;
      const cells = Array.from(globals.document.querySelectorAll('td, th, dd'));
      return {
        wrap: globals.getComputedStyle(cells[0]).overflowWrap,
        overflowing: cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).length,
      };
    });
    expect(layout, media).toEqual({ wrap: 'anywhere', overflowing: 0 });
  }
  // The report as the customer sees it, kept as an artefact.
  const shot = testInfo.outputPath('report.png');
  await tab.emulateMedia({ media: 'screen' });
  await tab.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('report', { path: shot, contentType: 'image/png' });
  await tab.close();
});
