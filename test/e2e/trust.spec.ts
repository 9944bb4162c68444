import type { Page } from '@playwright/test';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startThroughDraft } from '../support/removal/through-draft.ts';
import { expect, terminalCell, test } from './fixtures.ts';
import {
  addTerminal,
  expectTruthfulOutcomes,
  startSimTerminal,
  terminalProgress,
  type SimTerminal,
} from './removal-helpers.ts';

/**
 * Terminal identity and trust in the technician's views (issue 15): an impostor claiming a trusted terminal's
 * serial shows as an identity conflict, is sent no password and blocks jobs until resolved; a panel whose info
 * needs a login is added by address with its kind and credentials and people are removed from it.
 */

/** Simulators started by a test, closed after it. */
const ADDRESS = terminalCell('address');
const TRUST = terminalCell('trust');
const CREDENTIALS = terminalCell('credentials');
const CAPABILITY = terminalCell('capability');

const sims: SimTerminal[] = [];

test.afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

test.use({ viewport: { width: 1600, height: 1000 } });

/** Every request a simulator was sent that carried a login (the BAS-IP login carries the password hash). */
function logins(sim: SimTerminal) {
  return sim.device.log.all().filter((r) => r.path.endsWith('/login'));
}

/** The Devices table and its row holding a text. */
function rowOf(page: Page, text: string) {
  return page.getByRole('table', { name: 'Terminals' }).getByRole('row').filter({ hasText: text });
}

/** Pastes ids, picks the one terminal shown by `address`, and opens the dry run. */
async function planRemoval(page: Page, ids: string[], address: string): Promise<void> {
  await page.getByRole('button', { name: 'Remove identities', exact: true }).click();
  await page.getByLabel('Paste ids').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Read the pasted ids' }).click();
  await page.getByRole('button', { name: 'Next: choose terminals' }).click();
  await page.getByRole('checkbox', { name: new RegExp(address.replace(/\./g, '\\.')) }).check();
  await page.getByRole('button', { name: 'Next: review the dry run' }).click();
}

test('an impostor claiming a trusted serial is a conflict: shown, sent no password, no job until resolved', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  const people = generatePeople('trust-e2e', 12);
  const genuine = await startSimTerminal('basip', 'trust-genuine', people);
  const serial = genuine.device.info.serial;
  const impostor = await startSimTerminal('basip', 'trust-impostor', people, { serial });
  const sophon = await startSimTerminal('sophon', 'trust-sophon', people);
  sims.push(genuine, impostor, sophon);

  await addTerminal(page, genuine);
  await addTerminal(page, sophon);
  await expect(rowOf(page, serial).getByRole('cell').nth(TRUST)).toHaveText('Trusted');
  await expect(rowOf(page, serial).getByRole('cell').nth(CAPABILITY)).toHaveText('Removes people (API v1)');

  // The impostor answers with the trusted serial from another address (typed in, without credentials).
  const form = page.getByRole('form', { name: 'Add by address' });
  await form.getByLabel('Address', { exact: true }).fill(impostor.address);
  await form.getByLabel('Kind').selectOption({ label: 'Detect automatically' });
  await form.getByRole('button', { name: 'Add terminal' }).click();
  // The form's notice comes first; while the add runs, its progress line is a second status.
  await expect(form.getByRole('status').first()).toContainText(
    `Not added: what answers there contradicts AA-12FB entrance panel (${serial}), trusted at ${genuine.address}.`,
  );
  const row = rowOf(page, serial);
  await expect(row.getByRole('cell').nth(TRUST)).toHaveText('Identity conflict');
  // Its address stays the pinned one; the impostor gets no row of its own.
  await expect(row.getByRole('cell').nth(ADDRESS)).toHaveText(genuine.address);
  await expect(page.getByRole('table', { name: 'Terminals' }).getByRole('row')).toHaveCount(3);
  // The form opened the terminal in conflict.
  const conflict = page.getByTestId('trust-conflict');
  await expect(conflict).toContainText(`A device at ${impostor.address} claims to be this terminal`);

  // One click for a selection: the conflict is left out and said so; nothing is trusted by it.
  await page.getByRole('checkbox', { name: 'Select all shown terminals' }).check();
  const bulk = page.getByRole('group', { name: 'Selected terminals' });
  await expect(bulk).toContainText('2 terminals selected');
  await bulk.getByRole('button', { name: 'Trust selected' }).click();
  await expect(bulk.getByRole('status')).toHaveText([
    '1 terminal in an identity conflict was left out: open it and resolve the conflict.',
  ]);
  await expect(row.getByRole('cell').nth(TRUST)).toHaveText('Identity conflict');
  await bulk.getByRole('button', { name: 'Clear selection' }).click();

  // A removal cannot be aimed at the serial in conflict: the wizard says why, and the core refuses it anyway.
  await page.getByRole('button', { name: 'Remove identities', exact: true }).click();
  await page.getByLabel('Paste ids').fill([people[0]!.linkId, people[1]!.linkId].join('\n'));
  await page.getByRole('button', { name: 'Read the pasted ids' }).click();
  await page.getByRole('button', { name: 'Next: choose terminals' }).click();
  const pick = page.getByRole('checkbox', { name: new RegExp(genuine.address.replace(/\./g, '\\.')) });
  await expect(pick).toBeDisabled();
  await expect(
    page.getByText('Identity conflict: another device claims to be it. Resolve it in Devices first.'),
  ).toBeVisible();
  // The refusal comes with the dry run already: nothing is planned, nothing is sent.
  const refused = await startThroughDraft((channel, request) => app.invoke(channel as never, request as never), {
    items: [{ line: 1, link_id: people[0]!.linkId }],
    devices: [serial],
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { conflicts: [serial] } } });
  expect(await app.invoke('jobs:list', { limit: 5 })).toEqual({ ok: true, value: [] });
  expect(logins(impostor)).toEqual([]);
  expect(impostor.device.log.all().filter((r) => r.method === 'DELETE')).toEqual([]);

  // Resolved (kept where it was trusted): the job runs against the genuine panel only.
  await page.getByTestId('nav-devices').click();
  await row.getByRole('button', { name: 'AA-12FB entrance panel' }).click();
  await page.getByTestId('trust-conflict').getByRole('button', { name: 'Keep it where it was trusted' }).click();
  await expect(row.getByRole('cell').nth(TRUST)).toHaveText('Trusted');
  // The wizard kept the list: the panel can be chosen now, and the plan goes through.
  await page.getByRole('button', { name: 'Remove identities', exact: true }).click();
  await pick.check();
  await page.getByRole('button', { name: 'Next: review the dry run' }).click();
  await page.getByRole('button', { name: /^Remove 2 people now/ }).click();
  await expect(terminalProgress(page, `AA-12FB entrance panel (${genuine.address})`)).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expectTruthfulOutcomes(app, [genuine]);
  expect(genuine.device.holds('link_id', people[0]!.linkId)).toBe(false);
  expect(logins(impostor)).toEqual([]);
  expect(impostor.device.log.all().filter((r) => r.method === 'DELETE')).toEqual([]);
});

test('adds a panel whose info needs a login, by address with kind and credentials, and removes people from it', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  const people = generatePeople('walled-e2e', 10);
  const walled = await startSimTerminal('basip', 'walled', people, { knobs: { variants: ['info-behind-login'] } });
  sims.push(walled);
  const serial = walled.device.info.serial;

  await addTerminal(page, walled);
  const row = rowOf(page, walled.address);
  // Identified after logging in: its own serial, kind and capability, not an address-keyed unknown.
  await expect(row.getByRole('cell').nth(3)).toHaveText('BAS-IP');
  await expect(row.getByRole('cell').nth(4)).toHaveText(serial);
  await expect(row.getByRole('cell').nth(CAPABILITY)).toHaveText('Removes people (API v1)');
  await expect(row.getByRole('cell').nth(CREDENTIALS)).toHaveText('OK');
  expect(walled.device.log.all().some((r) => r.path.endsWith('/info') && r.status === 401)).toBe(true);

  const targets = [people[2]!.linkId, people[3]!.linkId, '0f0e0d0c-0b0a-4908-8706-050403020100'];
  await planRemoval(page, targets, walled.address);
  await page.getByRole('button', { name: /^Remove 3 people now/ }).click();
  await expect(terminalProgress(page, `AA-12FB entrance panel (${walled.address})`)).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expectTruthfulOutcomes(app, [walled]);
  expect(walled.device.holds('link_id', people[2]!.linkId)).toBe(false);
  expect(walled.device.holds('link_id', people[3]!.linkId)).toBe(false);
  expect(walled.device.holds('link_id', people[4]!.linkId)).toBe(true);
  const shown = await app.invoke('jobs:list', { limit: 1 });
  expect(shown.ok && shown.value[0]).toMatchObject({ kind: 'remove' });
});
