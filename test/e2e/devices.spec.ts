import type { Page } from '@playwright/test';
import { createBasipDevice } from '../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../tools/sim/common/http.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { createSophonDevice } from '../../tools/sim/sophon/index.ts';
import { expect, terminalCell, test } from './fixtures.ts';

const CREDENTIALS = terminalCell('credentials');

const HOSTILE_SERIAL = '<img src=x onerror=alert(1)>';

/** Simulators started by a test, closed after it. */
const servers: SimServer[] = [];

test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Serves a simulated terminal on 127.0.0.1 and a free port. */
async function start(device: { handle: Parameters<typeof serve>[0] }): Promise<SimServer> {
  const server = await serve(device.handle);
  servers.push(server);
  return server;
}

/** Fills "Add by address" and submits it. */
async function addByAddress(
  page: Page,
  address: string,
  options: { kind?: 'Sophon' | 'BAS-IP'; username?: string; password?: string } = {},
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add by address' });
  await form.getByLabel('Address', { exact: true }).fill(address);
  if (options.kind) await form.getByLabel('Kind').selectOption({ label: options.kind });
  if (options.username) await form.getByLabel('Username (optional)').fill(options.username);
  if (options.password) await form.getByLabel('Password (optional)').fill(options.password);
  await form.getByRole('button', { name: 'Add terminal' }).click();
}

/** The table of terminals and one of its rows, found by a text in it. */
function terminals(page: Page) {
  const table = page.getByRole('table', { name: 'Terminals' });
  return { table, row: (text: string) => table.getByRole('row').filter({ hasText: text }) };
}

test('adds a Sophon and a BAS-IP terminal by address, filters, sorts and pages people', async ({ page }) => {
  const sophon = await start(createSophonDevice({ seed: 7, people: generatePeople(7, 120) }));
  const basipDevice = createBasipDevice({ seed: 3 });
  const basip = await start(basipDevice);
  await expect(page.getByRole('heading', { name: 'No terminals yet' })).toBeVisible();

  const { table, row } = terminals(page);
  const sophonRow = row(`127.0.0.1:${sophon.port}`);
  const basipRow = row(`127.0.0.1:${basip.port}`);
  await addByAddress(page, `127.0.0.1:${sophon.port}`);
  await expect(sophonRow).toBeVisible();
  await addByAddress(page, `127.0.0.1:${basip.port}`, { kind: 'BAS-IP', username: 'admin', password: '123456' });
  await expect(page.getByRole('form', { name: 'Add by address' })).toContainText('Added AA-12FB entrance panel.');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(sophonRow.getByRole('cell')).toHaveText([
    '',
    'Online',
    'Unnamed terminal',
    'Sophon',
    `addr:127.0.0.1:${sophon.port}`,
    `127.0.0.1:${sophon.port}`,
    'Trusted',
    'Not required',
    'Removes people (API v2)',
    '—',
    '—',
    '120',
    /\d/,
  ]);
  await expect(basipRow.getByRole('cell').nth(1)).toHaveText('Online');
  await expect(basipRow.getByRole('cell').nth(2)).toHaveText('AA-12FB entrance panel');
  await expect(basipRow.getByRole('cell').nth(3)).toHaveText('BAS-IP');
  await expect(basipRow.getByRole('cell').nth(4)).toHaveText(basipDevice.info.serial);
  await expect(basipRow.getByRole('cell').nth(CREDENTIALS)).toHaveText('OK');

  // Filter by model, then clear.
  const filter = page.getByLabel('Filter terminals');
  await filter.fill('aa-12fb');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(basipRow).toBeVisible();
  await expect(page.getByTestId('terminal-count')).toHaveText('Showing 1 of 2 terminals');
  await filter.fill('no such terminal');
  await expect(table.getByRole('row')).toHaveCount(1);
  await filter.fill('');
  await expect(table.getByRole('row')).toHaveCount(3);

  // Sort by kind, both ways.
  const kindHeader = table.getByRole('columnheader', { name: 'Kind' });
  await kindHeader.getByRole('button').click();
  await expect(kindHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('BAS-IP');
  await kindHeader.getByRole('button').click();
  await expect(kindHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('Sophon');
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'none');

  // The Sophon terminal's details and its people, page by page.
  await sophonRow.getByRole('button', { name: 'Unnamed terminal' }).click();
  const detail = page.getByTestId('terminal-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Unnamed terminal');
  const people = detail.getByRole('region', { name: 'People on the terminal' });
  await expect(people.getByTestId('people-total')).toHaveText('120 people');
  await expect(people.getByTestId('people-page')).toHaveText('Page 1 of 3');
  await expect(people.getByRole('row')).toHaveCount(51);
  await expect(people.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('100000');
  await expect(people.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await people.getByRole('button', { name: 'Next' }).click();
  await expect(people.getByTestId('people-page')).toHaveText('Page 2 of 3');
  await expect(people.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('100050');
  await people.getByRole('button', { name: 'Next' }).click();
  await expect(people.getByTestId('people-page')).toHaveText('Page 3 of 3');
  await expect(people.getByRole('row')).toHaveCount(21);
  await expect(people.getByRole('button', { name: 'Next' })).toBeDisabled();
  await people.getByRole('button', { name: 'Previous' }).click();
  await expect(people.getByTestId('people-page')).toHaveText('Page 2 of 3');

  await detail.getByRole('button', { name: 'Close details' }).click();
  await expect(detail).toBeHidden();
  await expect(page.getByRole('alert')).toBeHidden();
});

test('explains what went wrong: empty fields, nothing answering, mDNS not allowed', async ({ page }) => {
  const addForm = page.getByRole('form', { name: 'Add by address' });
  await addForm.getByRole('button', { name: 'Add terminal' }).click();
  await expect(addForm.getByLabel('Address', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(addForm.getByText('Type the terminal’s address, for example 192.168.1.20.')).toBeVisible();
  await expect(page.getByRole('alert')).toBeHidden();

  await addByAddress(page, '127.0.0.1:1');
  const alert = page.getByRole('alert');
  // The core's message code in words, beside the form (issue 18).
  await expect(alert).toContainText('Nothing answers at 127.0.0.1 (port 1)');
  await expect(alert).toContainText('Check the address, the cable');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();

  await page.getByRole('button', { name: 'Start discovery' }).click();
  await expect(alert).toContainText('Discovery by mDNS is not allowed here');
  await expect(page.getByRole('button', { name: 'Start discovery' })).toBeEnabled();
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  const sweepForm = page.getByRole('form', { name: 'Sweep a subnet' });
  await sweepForm.getByRole('button', { name: 'Start sweep' }).click();
  await expect(sweepForm.getByText('Type a subnet to sweep, for example 192.168.1.0/24.')).toBeVisible();
  await sweepForm.getByLabel('Subnet (CIDR)').fill('127.0.0.1/32');
  await sweepForm.getByRole('button', { name: 'Start sweep' }).click();
  const progress = sweepForm.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(sweepForm.getByTestId('sweep-progress')).toContainText('Sweep finished');
  await expect(sweepForm.getByTestId('sweep-progress')).toContainText('1 / 1 checked');
  await expect(sweepForm.getByRole('button', { name: 'Cancel sweep' })).toBeDisabled();

  await page.getByLabel('Language').selectOption('zh-CN');
  await addByAddressInChinese(page, '127.0.0.1:1');
  // The core's message code in Chinese words, never its English sentence (issue 18).
  await expect(alert).toContainText('127.0.0.1（端口 1）没有任何应答');
  await expect(alert).not.toContainText('Nothing answers');
});

/** "Add by address" with the interface in Simplified Chinese. */
async function addByAddressInChinese(page: Page, address: string): Promise<void> {
  const form = page.getByRole('form', { name: '按地址添加' });
  await form.getByLabel('地址', { exact: true }).fill(address);
  await form.getByRole('button', { name: '添加终端' }).click();
}

test('shows a hostile serial as text, saves credentials and forgets the terminal', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const basip = await start(createBasipDevice({ seed: 11, serial: HOSTILE_SERIAL }));
  await addByAddress(page, `127.0.0.1:${basip.port}`);

  const { table, row } = terminals(page);
  const hostileRow = row(HOSTILE_SERIAL);
  await expect(hostileRow.getByRole('cell').nth(4)).toHaveText(HOSTILE_SERIAL);
  await expect(hostileRow.getByRole('cell').nth(CREDENTIALS)).toHaveText('Missing');
  await expect(page.locator('img')).toHaveCount(0);

  await hostileRow.getByRole('button', { name: 'AA-12FB entrance panel' }).click();
  const detail = page.getByTestId('terminal-detail');
  await expect(detail.getByText(HOSTILE_SERIAL, { exact: true })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'List people' })).toBeVisible();

  const credentials = detail.getByRole('form', { name: 'Credentials' });
  await credentials.getByRole('button', { name: 'Save credentials' }).click();
  await expect(credentials.getByText('Type the username.')).toBeVisible();
  await credentials.getByLabel('Username', { exact: true }).fill('admin');
  await credentials.getByLabel('Password', { exact: true }).fill('123456');
  await credentials.getByRole('button', { name: 'Save credentials' }).click();
  await expect(credentials.getByText('Credentials saved.')).toBeVisible();
  await expect(hostileRow.getByRole('cell').nth(CREDENTIALS)).toHaveText('OK');

  await detail.getByRole('button', { name: 'Forget terminal' }).click();
  const confirm = detail.getByRole('group', { name: 'Forget terminal' });
  await expect(confirm).toContainText('Forget AA-12FB entrance panel?');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await detail.getByRole('button', { name: 'Forget terminal' }).click();
  await confirm.getByRole('button', { name: 'Yes, forget it' }).click();
  await expect(page.getByRole('heading', { name: 'No terminals yet' })).toBeVisible();
  await expect(detail).toBeHidden();

  await expect(page.locator('img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('renders only the rows in view of a long table, and scrolls to the rest', async ({ page }) => {
  const COUNT = 60;
  const ports: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    ports.push((await start(createBasipDevice({ seed: 100 + i, people: generatePeople(100 + i, 2) }))).port);
  }
  ports.sort((a, b) => a - b);
  for (const [i, port] of ports.entries()) {
    await addByAddress(page, `127.0.0.1:${port}`);
    await expect(page.getByTestId('terminal-count')).toHaveText(`Showing ${i + 1} of ${i + 1} terminal${i ? 's' : ''}`);
  }
  const { table, row } = terminals(page);
  await table.getByRole('columnheader', { name: 'Address' }).getByRole('button').click();
  await expect(table).toHaveAttribute('aria-rowcount', String(COUNT + 1));
  await expect(row(`127.0.0.1:${ports[0]}`)).toBeVisible();
  const rendered = await table.getByRole('row').count();
  expect(rendered).toBeLessThan(COUNT);

  await table.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(row(`127.0.0.1:${ports.at(-1)}`)).toBeVisible();
  await expect(row(`127.0.0.1:${ports[0]}`)).toHaveCount(0);
});
