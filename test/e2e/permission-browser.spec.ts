import type { PermissionRow } from '../../shared/domain/permission-browser.ts';
import type { AppUnderTest } from './app-target.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { test as appTest, expect } from './fixtures.ts';

const CLIENT_ID = 'e2eclient0000000002';
const CLIENT_SECRET = 'e2esecret00000000000000000000002';

/** The suite's test with a simulated Tuya cloud per test. */
const test = appTest.extend<{ sim: TuyaCloudSim }>({
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await startTuyaCloud({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      seed: 'e2e-browser-2',
      people: generatePeople('e2e-browser', 24),
      channels: [{ name: 'Main Entrance' }, { name: 'Lab Door' }],
      taskStepMs: 100,
      recordsPerStep: 10,
      recordFailureRate: 0.4,
      // Pages held to 20 rows without a word (the app asks 50) and no has_more: only the total tells.
      knobs: { pageCap: 20, variants: ['no-has-more'] },
    });
    await use(sim);
    await sim.close();
  },
});

/** Calls a channel through the page and fails the test on a refused call. */
async function call<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Waits until a job is done (through the contract, never a sleep of fixed length). */
async function jobDone(app: AppUnderTest, jobId: string): Promise<void> {
  await expect
    .poll(async () => (await call(app.invoke('jobs:list', {}))).find((j) => j.id === jobId)?.state, {
      timeout: 45_000,
    })
    .toBe('done');
}

test('browses permissions by channel and face state, opens a person and re-pushes their failed face', async ({
  app,
  page,
  sim,
}) => {
  await call(
    app.invoke('cloud:set-config', {
      cloud: 'tuya',
      settings: { baseUrl: sim.origin, projectId: sim.projectId },
      secrets: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    }),
  );
  const [, lab] = sim.channels();
  const labId = lab?.accessControlChannelId ?? '';
  // A full push with card + face: some faces fail to reach the devices.
  const pushed = await call(
    app.invoke('permissions:push', {
      channelIds: sim.channels().map((c) => c.accessControlChannelId),
      mode: 'full',
      certificate: 'card+face',
    }),
  );
  await jobDone(app, pushed.jobId);
  const labTask = sim.tasks().find((t) => t.channelId === labId);
  const failedOnLab = new Set(labTask?.records.filter((r) => r.issueStatus === 'failed').map((r) => r.personId));

  // The browser: Lab Door, face not sent.
  await page.getByTestId('nav-permissions').click();
  await page.getByRole('tab', { name: 'Who has access' }).click();
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Channel', { exact: true }).selectOption({ label: 'Lab Door' });
  await filters.getByLabel('Face').selectOption({ label: 'Not sent' });
  await filters.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('region', { name: 'Permissions' });
  const table = results.getByRole('table', { name: 'Permissions' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const shown = (await rows.count()) - 1;
  // The cloud's truth: what the simulated cloud lists for this filter, row for row.
  const truth = await call(
    app.invoke('permissions:browse', { channelIds: [labId], face: 'to-be-sent', page: 1, pageSize: 100 }),
  );
  expect(truth.complete).toBe(true);
  expect(shown).toBe(Math.min(50, truth.total ?? -1));
  await expect(page.getByTestId('browse-count')).toContainText(`of ${truth.total ?? '?'}`);
  for (let i = 1; i <= shown; i++) {
    await expect(rows.nth(i).getByRole('cell').nth(2)).toHaveText('Lab Door');
    await expect(rows.nth(i).getByRole('cell').nth(5)).toHaveText(/Not sent|none/);
  }

  // A person whose face failed on Lab Door: open them.
  const target = truth.rows.find(
    (r: PermissionRow) => failedOnLab.has(r.personId ?? '') && (r.face.total ?? 0) > 0,
  ) as PermissionRow;
  expect(target).toBeDefined();
  await table.getByRole('button', { name: `Open ${target.name ?? ''} · Lab Door` }).click();
  const person = page.getByRole('region', { name: `Person: ${target.name ?? ''}` });
  const theirs = person.getByRole('table', { name: 'Every permission of this person' });
  const labRow = theirs.getByRole('row').filter({ hasText: 'Lab Door' });
  await expect(labRow.getByRole('cell').nth(3)).toHaveText('Not sent');

  // Re-push: one action, an incremental push job of their waiting channels.
  const before = sim.tasks().length;
  await person.getByRole('button', { name: 'Push again' }).click();
  await expect(person.getByTestId('repush-result')).toContainText('Push started for');
  const push = await call(app.invoke('permissions:tasks', {}));
  expect(push.mode).toBe('increment');
  expect(push.channels.map((c) => c.channelId)).toContain(labId);
  await jobDone(app, push.jobId ?? '');

  // Ground truth: the simulated cloud got increment tasks for exactly those channels, holding this person.
  const created = sim.tasks().slice(0, sim.tasks().length - before);
  expect(created.map((t) => t.channelId).sort()).toEqual(push.channels.map((c) => c.channelId).sort());
  expect(created.every((t) => t.authIssueType === 2)).toBe(true);
  const record = created.find((t) => t.channelId === labId)?.records.find((r) => r.personId === target.personId);
  expect(record?.issueStatus).toMatch(/succeeded|failed/);
  // The browser says what the cloud now says: reopen the person.
  await table.getByRole('button', { name: `Open ${target.name ?? ''} · Lab Door` }).click();
  await expect(labRow.getByRole('cell').nth(3)).toHaveText(record?.issueStatus === 'succeeded' ? 'Sent' : 'Not sent');
  // The push is journaled: the Push tab shows it.
  await page.getByRole('tab', { name: 'Push' }).click();
  await expect(page.getByRole('region', { name: 'Push and its tasks' }).getByText(/· increment ·/)).toBeVisible();
});
