import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import ExcelJS from 'exceljs';
import { createBasipDevice, type BasipDevice } from '../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../tools/sim/common/http.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { expect, test } from './fixtures.ts';

/**
 * The Devices view like SADP (issue 18), against five BAS-IP panels on 127.0.0.1 that all advertise the same
 * name: select all five, apply the site default credentials saved in Settings, rename one with a location
 * label, export the list; screenshots of Devices and Settings in English and 简体中文 are kept as artefacts.
 */

const servers: SimServer[] = [];

test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Five panels named alike ("AA-12FB entrance panel"), each with its own serial. */
async function startPanels(): Promise<{ device: BasipDevice; server: SimServer }[]> {
  const panels = [];
  for (let i = 1; i <= 5; i++) {
    const device = createBasipDevice({
      seed: 40 + i,
      serial: `AA12FB-SITE-000${i}`,
      people: generatePeople(40 + i, 6),
    });
    const server = await serve(device.handle);
    servers.push(server);
    panels.push({ device, server });
  }
  return panels;
}

/** Adds a terminal by address as BAS-IP, without credentials (the site default will serve). */
async function addPanel(page: Page, address: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add by address' });
  await form.getByLabel('Address', { exact: true }).fill(address);
  await form.getByLabel('Kind').selectOption({ label: 'BAS-IP' });
  await form.getByRole('button', { name: 'Add terminal' }).click();
  await expect(form.getByRole('status').first()).toContainText('Added');
}

/** Saves a full-page screenshot as a test artefact. */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('selects 5 panels, applies the site default, renames one, exports the list; screenshots in both languages', async ({
  page,
}, testInfo) => {
  const panels = await startPanels();
  for (const { server } of panels) await addPanel(page, `127.0.0.1:${server.port}`);
  const table = page.getByRole('table', { name: 'Terminals' });
  await expect(table.getByRole('row')).toHaveCount(6);
  // The serial is never cut: every row shows its whole serial.
  for (let i = 1; i <= 5; i++) await expect(table.getByText(`AA12FB-SITE-000${i}`, { exact: true })).toBeVisible();

  // Settings: the site default for BAS-IP panels (write-only: only "saved for user admin" shows afterwards).
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  const basipDefault = page.getByRole('form', { name: 'BAS-IP' });
  await expect(page.getByTestId('site-default-basip')).toHaveText('Not set');
  await basipDefault.getByLabel('Username').fill('admin');
  await basipDefault.getByLabel('Password').fill('123456');
  await basipDefault.getByRole('button', { name: 'Save default' }).click();
  await expect(page.getByTestId('site-default-basip')).toHaveText('Saved for user admin');
  await shoot(page, testInfo, 'settings-en');

  // Devices: tick all five, apply the site default; every panel then accepts it (its login answered 200).
  await nav.getByRole('button', { name: 'Devices', exact: true }).click();
  await page.getByLabel('Select all shown terminals').check();
  const bulk = page.getByRole('group', { name: 'Selected terminals' });
  await expect(bulk).toContainText('5 terminals selected');
  await bulk.getByRole('button', { name: 'Use site default' }).click();
  await expect(bulk).toContainText('Site default applies to the selection');
  for (let i = 1; i <= 5; i++) {
    await expect(table.getByRole('row').filter({ hasText: `AA12FB-SITE-000${i}` })).toContainText('OK');
  }
  // Ground truth: each simulated panel saw a login with the site default succeed.
  for (const { device } of panels) {
    expect(device.log.all().some((entry) => entry.path.includes('/login') && entry.status === 200)).toBe(true);
  }

  // Rename one: the label replaces the advertised name in the table, the export and everywhere else.
  await table.getByRole('row').filter({ hasText: 'AA12FB-SITE-0003' }).getByRole('button').first().click();
  const detail = page.getByTestId('terminal-detail');
  await expect(detail).toBeInViewport();
  const labelForm = detail.getByRole('form', { name: 'Location label' });
  await labelForm.getByLabel('Location label').fill('Gate 3 entrance');
  await labelForm.getByRole('button', { name: 'Save label' }).click();
  await expect(labelForm).toContainText('Label saved.');
  await expect(table.getByRole('row').filter({ hasText: 'AA12FB-SITE-0003' })).toContainText('Gate 3 entrance');
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('Gate 3 entrance');

  // Export the ticked list as CSV (formula-guarded, one row per panel, the label in its own column).
  const downloading = page.waitForEvent('download');
  await bulk.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  const file = testInfo.outputPath('terminals.csv');
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toContain('label,name,kind,serial');
  expect(lines).toHaveLength(6);
  expect(
    lines.filter((line) => line.startsWith('Gate 3 entrance,AA-12FB entrance panel,basip,AA12FB-SITE-0003,')),
  ).toHaveLength(1);
  await expect(bulk).toContainText('5 terminals exported.');

  // The same list as an Excel workbook: a zip (every .xlsx is one) whose sheet "Terminals" has the CSV's rows.
  const downloadingXlsx = page.waitForEvent('download');
  await bulk.getByRole('button', { name: 'Export Excel' }).click();
  const xlsxDownload = await downloadingXlsx;
  expect(xlsxDownload.suggestedFilename()).toMatch(/^terminals-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const xlsxFile = testInfo.outputPath('terminals.xlsx');
  await xlsxDownload.saveAs(xlsxFile);
  const xlsxBytes = readFileSync(xlsxFile);
  expect([...xlsxBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own global `Buffer` (extends ArrayBuffer), which Node's Buffer no longer matches.
  await workbook.xlsx.load(xlsxBytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet('Terminals');
  expect(sheet?.rowCount).toBe(6);
  const rowsOf = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1);
  expect(rowsOf(1).slice(0, 4)).toEqual(['label', 'name', 'kind', 'serial']);
  const xlsxRows = [2, 3, 4, 5, 6].map(rowsOf);
  expect(xlsxRows.map((row) => row[3]).sort()).toEqual([1, 2, 3, 4, 5].map((i) => `AA12FB-SITE-000${i}`));
  const gate = xlsxRows.find((row) => row[3] === 'AA12FB-SITE-0003');
  expect(gate?.slice(0, 3)).toEqual(['Gate 3 entrance', 'AA-12FB entrance panel', 'basip']);
  expect(typeof gate?.[7]).toBe('number'); // the port is a number, not text
  await expect(bulk).toContainText('5 terminals exported.');
  await shoot(page, testInfo, 'devices-en');

  // The same views in Simplified Chinese.
  await page.getByLabel('Language').selectOption('zh-CN');
  const navZh = page.getByRole('navigation', { name: '功能区' });
  await expect(navZh).toBeVisible();
  await expect(
    page.getByRole('group', { name: '已选终端' }).getByRole('button', { name: '使用站点默认凭据' }),
  ).toBeVisible();
  await shoot(page, testInfo, 'devices-zh-CN');
  await navZh.getByRole('button', { name: '设置', exact: true }).click();
  await expect(page.getByTestId('site-default-basip')).toHaveText('已保存，用户 admin');
  await shoot(page, testInfo, 'settings-zh-CN');
});

test('an unreachable address shows progress and can be cancelled; its error stays beside the form', async ({
  page,
}) => {
  const form = page.getByRole('form', { name: 'Add by address' });
  // A port on 127.0.0.1 that accepts connections and never answers (no traffic leaves the machine).
  const silent = await serve(() => undefined);
  servers.push(silent);
  await form.getByLabel('Address', { exact: true }).fill(`127.0.0.1:${silent.port}`);
  await form.getByRole('button', { name: 'Add terminal' }).click();
  await expect(page.getByTestId('add-progress')).toContainText(`Trying 127.0.0.1:${silent.port}`);
  await page.getByTestId('add-progress').getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toContainText('Cancelled: nothing was added.');
  await expect(page.getByTestId('add-progress')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'No terminals yet' })).toBeVisible();

  // A refusal shows beside the form, not in a banner that follows the technician to other views.
  await form.getByLabel('Address', { exact: true }).fill('300.1.1.1');
  await form.getByRole('button', { name: 'Add terminal' }).click();
  const inline = page.getByTestId('error-devices.add');
  await expect(inline).toContainText('“300.1.1.1” is not a valid IPv4 address');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Jobs', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('navigation', { name: '功能区' }).getByRole('button', { name: '设备', exact: true }).click();
  await expect(inline).toContainText('不是有效的 IPv4 地址');
  await inline.getByRole('button').click();
  await expect(inline).toBeHidden();
});
