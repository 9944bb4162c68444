import type { Page } from '@playwright/test';
import { startAliyunGateway, type AliyunGatewaySim, type AliyunUserRef } from '../../tools/sim/aliyun/index.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { expect, openApp, test } from './fixtures.ts';
import {
  addTerminal,
  expectTruthfulOutcomes,
  invokeHost,
  startSimTerminal,
  terminalProgress,
  type SimTerminal,
} from './removal-helpers.ts';

/** The simulated gateway's only app (the first test types these into Settings). */
const APP_KEY = '203753016';
const APP_SECRET = 'e2e-gateway-secret-1';
const PROJECT_ID = 'a124e2eProject01';

/** Simulators started by a test (terminals and the Alibaba gateway, all on 127.0.0.1), closed after it. */
const closers: (() => Promise<void>)[] = [];

test.afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

test.use({ viewport: { width: 1440, height: 1000 } });

async function gateway(options: Omit<Parameters<typeof startAliyunGateway>[0], 'appKey' | 'appSecret' | 'projectId'>) {
  const sim = await startAliyunGateway({ appKey: APP_KEY, appSecret: APP_SECRET, projectId: PROJECT_ID, ...options });
  closers.push(() => sim.close());
  return sim;
}

/** Every (scope, user) pair the gateway was asked to delete, with the scope type and user type of each request. */
function deletedPairs(sim: AliyunGatewaySim) {
  return sim.log
    .matching('/face/paas/permission/delete')
    .map((entry) => {
      const { params } = entry.body as {
        params: { userType: string; scopeType: string; userIdList: string[]; scopeIdList: string[] };
      };
      return params;
    })
    .filter((params) => {
      // "Test connection" deletes nobody (empty lists, refused as a parameter error): it names no pair.
      return params.userIdList.length > 0 || params.scopeIdList.length > 0;
    });
}

/** Pastes ids into step 1 of the wizard and goes on to the targets. */
async function pastePeople(page: Page, ids: string[]): Promise<void> {
  await page.getByTestId('nav-remove').click();
  await page.getByLabel('Paste ids').fill(ids.join('\n'));
  await page.getByRole('button', { name: 'Read the pasted ids' }).click();
  await expect(page.getByTestId('removal-total')).toHaveText(`To remove: ${ids.length} people`);
  await page.getByRole('button', { name: 'Next: choose terminals' }).click();
}

test('removes people from 2 terminals and 2 Alibaba Cloud devices: settings, wizard, review, both jobs', async ({
  app,
  page,
  host,
}) => {
  test.setTimeout(90_000);
  const people = generatePeople('aliyun-e2e', 6);
  const ids = people.map((p) => p.identityId);
  const identity = (userId: string): AliyunUserRef => ({ userType: 'IDENTITY', userId });
  // gate-1 holds the first four people, gate-2 the first two; the lift's device is not named and keeps its face;
  // the fifth person is known to the platform without a face; 999999 is unknown to it.
  const sim = await gateway({
    seed: 'removal-aliyun-e2e',
    devices: [
      { iotId: 'dev-gate-1', permissions: ids.slice(0, 4).map(identity) },
      { iotId: 'dev-gate-2', permissions: ids.slice(0, 2).map(identity) },
      { iotId: 'dev-lift', permissions: [identity(ids[2] ?? '')] },
    ],
    users: ids.map(identity),
  });
  const sophonA = await startSimTerminal('sophon', 'aliyun-sophon-a', people);
  const sophonB = await startSimTerminal('sophon', 'aliyun-sophon-b', people);
  const terminals: SimTerminal[] = [sophonA, sophonB];
  for (const terminal of terminals) closers.push(() => terminal.close());

  await openApp(page, host.url);
  for (const terminal of terminals) await addTerminal(page, terminal);
  const pasted = [...ids.slice(0, 5), '999999'];
  await pastePeople(page, pasted);

  // Alibaba Cloud is not set up yet: a hint and a way to Settings.
  const aliyun = page.getByRole('region', { name: 'Alibaba Cloud' });
  await expect(aliyun).toContainText('Alibaba Cloud is not set up');
  await expect(aliyun.getByRole('checkbox')).toHaveCount(0);
  await aliyun.getByRole('button', { name: 'Open Settings' }).click();

  const form = page.getByRole('form', { name: 'Alibaba Cloud' });
  await form.getByLabel('API gateway').selectOption({ label: 'Other host' });
  await form.getByLabel('Gateway host').fill(sim.origin);
  await form.getByLabel('Project ID').fill(PROJECT_ID);
  await form.getByLabel('AppKey').fill(APP_KEY);
  await form.getByLabel('AppSecret').fill(APP_SECRET);
  await form.getByLabel('Users per request').fill('4');
  await form.getByLabel('Requests per second').fill('20');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved', { exact: true })).toHaveCount(2);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('cloud-test-aliyun')).toContainText('Connection OK');

  // Back in the wizard, still on the targets step: both terminals and Alibaba devices.
  await page.getByTestId('nav-remove').click();
  await page.getByRole('button', { name: 'Select all' }).click();
  await expect(page.getByTestId('targets-chosen')).toHaveText('2 of 2 terminals chosen');
  await aliyun.getByLabel('Also remove these people from Alibaba Cloud devices or spaces').check();
  await expect(aliyun.getByRole('radio', { name: 'Devices (IOT_ID)' })).toBeChecked();
  await expect(aliyun.getByRole('radio', { name: /^Unified identity \(IDENTITY\)/ })).toBeChecked();
  await expect(aliyun.getByText('The mobile number the person is registered with (11 digits).')).toBeVisible();
  const next = page.getByRole('button', { name: 'Next: review the dry run' });
  const idsBox = aliyun.getByLabel('Device ids (IOT_ID)');
  await expect(aliyun.getByTestId('aliyun-ids-note')).toHaveText(/Enter at least one id/);
  await expect(next).toBeDisabled();
  await idsBox.fill('dev-gate-1, iot:dev-gate-2');
  await expect(idsBox).toHaveAttribute('aria-invalid', 'true');
  await expect(aliyun.getByTestId('aliyun-ids-note')).toHaveText(
    '“iot:dev-gate-2” is not an id: ids have only letters, digits, “-”, “_” and “.”. Correct it or delete it from the list.',
  );
  await expect(next).toBeDisabled();
  await idsBox.fill(' dev-gate-1\n dev-gate-2 \ndev-gate-1\n');
  await expect(aliyun.getByTestId('aliyun-ids-note')).toHaveText('2 ids · 1 repeated id ignored');
  await page.screenshot({ path: '/tmp/fcom-removal-aliyun-targets.png', fullPage: true });
  await next.click();

  // Review: the terminals' dry run and the Alibaba part (6 users × 2 devices, batches of 4).
  await expect(page.getByTestId('plan-summary')).toContainText('Remove 6 people from 2 terminals: 12 items');
  await expect(page.getByTestId('aliyun-plan-summary')).toHaveText(
    'Remove 6 user ids (Unified identity (IDENTITY)) from 2 devices: 12 pairs (user, device or space) in 4 requests of up to 4 users. Nothing has been sent yet.',
  );
  await expect(page.getByTestId('aliyun-plan-ids')).toHaveText('Ids: dev-gate-1, dev-gate-2');
  expect(deletedPairs(sim)).toEqual([]);
  await page.screenshot({ path: '/tmp/fcom-removal-aliyun-review.png', fullPage: true });
  await page.getByRole('button', { name: 'Remove 6 people now' }).click();

  // Jobs: the terminals' job opens first; both are listed.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jobs');
  const detail = page.getByTestId('job-detail');
  await expect(page.getByTestId('job-entry')).toHaveCount(2);
  await expect(detail.getByTestId('job-state')).toHaveText('Finished');
  await expect(detail).toContainText('Every item is removed or was already absent.');
  await expect(terminalProgress(page, `Unnamed terminal (${sophonA.address})`)).toHaveAttribute('aria-valuenow', '100');

  // The Alibaba job: per device progress and per (user, device) outcome with the vendor code.
  await page.getByTestId('job-entry').filter({ hasText: 'Alibaba Cloud removal of 12 pairs' }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Alibaba Cloud removal of 12 pairs');
  await expect(detail.getByTestId('job-state')).toHaveText('Finished');
  await expect(detail).toContainText('Removes faces from Alibaba Cloud devices · 2 devices or spaces');
  await expect(page.getByRole('progressbar', { name: 'Progress of dev-gate-1' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expect(page.getByRole('progressbar', { name: 'Progress of dev-gate-2' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  // The platform answers per request: a batch with at least one face on the device is "removed" as a whole (8);
  // the batch with the unknown user is split, so the known user without a face is "already absent" (3000).
  const filters = detail.getByRole('group', { name: 'Show items' });
  await expect(filters.getByRole('button', { name: /^Removed/ })).toHaveText('Removed 8');
  await expect(filters.getByRole('button', { name: /^Already absent/ })).toHaveText('Already absent 2');
  await expect(filters.getByRole('button', { name: /^Failed/ })).toHaveText('Failed 2');
  await filters.getByRole('button', { name: /^Failed/ }).click();
  await page.screenshot({ path: '/tmp/fcom-removal-aliyun-job.png', fullPage: true });
  const results = page.getByRole('table', { name: 'Results' });
  await expect(results).toHaveAttribute('aria-rowcount', '3');
  const failed = results.getByTestId('result-row');
  await expect(failed).toHaveCount(2);
  for (const row of await failed.all()) {
    await expect(row).toHaveAttribute('data-outcome', 'failed');
    await expect(row).toContainText('999999');
    await expect(row).toContainText('2405');
  }

  // What the gateway was asked: only the two named devices, IDENTITY users, batches of at most 4.
  const requests = deletedPairs(sim);
  const asked = new Set<string>();
  for (const params of requests) {
    expect(params).toMatchObject({ userType: 'IDENTITY', scopeType: 'IOT_ID' });
    expect(params.scopeIdList).toHaveLength(1);
    expect(params.userIdList.length).toBeLessThanOrEqual(4);
    for (const user of params.userIdList) asked.add(`${params.scopeIdList[0]}:${user}`);
  }
  expect([...asked].sort()).toEqual(
    ['dev-gate-1', 'dev-gate-2'].flatMap((scope) => pasted.map((user) => `${scope}:${user}`)).sort(),
  );
  expect(sim.permissions()).toEqual([
    { iotId: 'dev-lift', spaceId: null, projectId: PROJECT_ID, userType: 'IDENTITY', userId: ids[2] },
  ]);
  await expectTruthfulOutcomes(app, [sophonA, sophonB], 5);
});

test('removes people from an Alibaba Cloud space only, with the user type of the settings', async ({ page, host }) => {
  const open = (userId: string): AliyunUserRef => ({ userType: 'OPEN', userId });
  const sim = await gateway({
    seed: 'removal-aliyun-spaces',
    spaces: [{ spaceId: 'space-lobby' }, { spaceId: 'space-lab' }],
    devices: [
      { iotId: 'lobby-1', spaceId: 'space-lobby', permissions: ['emp-001', 'emp-002', 'emp-003'].map(open) },
      { iotId: 'lobby-2', spaceId: 'space-lobby', permissions: ['emp-001'].map(open) },
      { iotId: 'lab-1', spaceId: 'space-lab', permissions: ['emp-001', 'emp-002'].map(open) },
    ],
  });
  // Seeded through the contract, as a technician's saved account: OA accounts by default, 10 users per request.
  expect(
    await invokeHost(host.url, 'cloud:set-config', {
      cloud: 'aliyun',
      settings: { host: sim.origin, projectId: PROJECT_ID, userType: 'OPEN', batchSize: 10, requestsPerSecond: 20 },
      secrets: { appKey: APP_KEY, appSecret: APP_SECRET },
    }),
  ).toMatchObject({ ok: true });

  await openApp(page, host.url);
  await pastePeople(page, ['emp-001', 'emp-002']);

  // No terminal at all: the Alibaba part alone.
  await expect(page.getByText('There are no terminals yet. Add them in Devices first.')).toBeVisible();
  const next = page.getByRole('button', { name: 'Next: review the dry run' });
  await expect(next).toBeDisabled();
  const aliyun = page.getByRole('region', { name: 'Alibaba Cloud' });
  await aliyun.getByLabel('Also remove these people from Alibaba Cloud devices or spaces').check();
  await aliyun.getByRole('radio', { name: /^Spaces \(SPACE_ID\)/ }).check();
  await expect(aliyun.getByRole('radio', { name: /^OA account \(OPEN\)/ })).toBeChecked();
  await aliyun.getByLabel('Space ids (SPACE_ID)').fill('space-lobby');
  await next.click();

  await expect(page.getByTestId('plan-summary')).toHaveCount(0);
  await expect(page.getByTestId('aliyun-plan-summary')).toHaveText(
    'Remove 2 user ids (OA account (OPEN)) from 1 space: 2 pairs (user, device or space) in 1 request of up to 10 users. Nothing has been sent yet.',
  );
  await expect(page.getByText('No terminal is chosen: only Alibaba Cloud is changed.')).toBeVisible();
  await page.getByRole('button', { name: 'Remove 2 people now' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jobs');
  const detail = page.getByTestId('job-detail');
  await expect(page.getByTestId('job-entry')).toHaveCount(1);
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Alibaba Cloud removal of 2 pairs');
  await expect(detail.getByTestId('job-state')).toHaveText('Finished');
  await expect(detail).toContainText('Every item is removed or was already absent.');
  const filters = detail.getByRole('group', { name: 'Show items' });
  await expect(filters.getByRole('button', { name: /^Removed/ })).toHaveText('Removed 2');
  const rows = page.getByRole('table', { name: 'Results' }).getByTestId('result-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('space-lobby');
  await expect(rows.nth(0)).toContainText('OPEN');

  const requests = deletedPairs(sim);
  expect(requests).toEqual([
    { userType: 'OPEN', userIdList: ['emp-001', 'emp-002'], scopeType: 'SPACE_ID', scopeIdList: ['space-lobby'] },
  ]);
  // Both lobby devices lost the two faces; the lab, not named, kept its own.
  expect(
    sim
      .permissions()
      .map((p) => `${p.iotId}:${p.userId}`)
      .sort(),
  ).toEqual(['lab-1:emp-001', 'lab-1:emp-002', 'lobby-1:emp-003']);
});
