import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { test as appTest, expect } from './fixtures.ts';

/** The simulated cloud's only client. */
const CLIENT_ID = 'e2eclient0000000002';
const CLIENT_SECRET = 'e2esecret00000000000000000000002';
const NAMES = ['Main Entrance', 'Car Park Gate', 'Lab Door'];

/** The suite's test with a simulated Tuya cloud per test. */
const test = appTest.extend<{ sim: TuyaCloudSim }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await startTuyaCloud({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      seed: 'e2e-push-history',
      people: generatePeople('e2e-push-history', 9),
      channels: NAMES.map((name) => ({ name })),
      taskStepMs: 100,
      recordsPerStep: 5,
      // Every record lands: the push ends pushed on every channel once the cloud answers.
      recordFailureRate: 0,
    });
    await use(sim);
    await sim.close();
  },
});

test.use({ viewport: { width: 1440, height: 1000 } });

/**
 * Issue 18's acceptance: a push queued while the cloud does not answer shows channel names before and after the
 * sync, appears in Jobs with its own detail view, and the report counts its channels right.
 */
test('a push queued offline: channel names before and after sync, in Jobs with its detail, the report’s channel count', async ({
  app,
  page,
  sim,
}) => {
  test.setTimeout(90_000);
  const configured = await app.invoke('cloud:set-config', {
    cloud: 'tuya',
    settings: { baseUrl: sim.origin, projectId: sim.projectId },
    secrets: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  expect(configured.ok, JSON.stringify(configured)).toBe(true);
  await app.open();

  // The channels are listed while the cloud answers; then it stops answering, and the push is queued.
  await page.getByTestId('nav-permissions').click();
  const channels = page.getByRole('table', { name: 'Channels' });
  await expect(channels.getByRole('row')).toHaveCount(4);
  await sim.setOnline(false);
  await page.getByLabel('Select every channel').check();
  const form = page.getByRole('form', { name: 'Push permissions' });
  await form.getByLabel('Full: send every permission of the channels again').check();
  await form.getByRole('button', { name: 'Push', exact: true }).click();

  const panel = page.getByRole('region', { name: 'Push and its tasks' });
  const tasks = panel.getByRole('table', { name: 'Tasks per channel' });
  for (const name of NAMES) {
    await expect(tasks.getByRole('row').filter({ hasText: name }).getByRole('cell').first()).toHaveText(
      'Waiting for the cloud',
      { timeout: 20_000 },
    );
  }
  // Waiting for the cloud is amber, and the reason is the cloud, not a device.
  await expect(panel.getByRole('progressbar', { name: 'Push progress' })).toHaveAttribute('data-tone', 'queued');
  await expect(tasks.getByRole('row').nth(1)).toContainText('The Tuya cloud does not answer');
  await expect(panel).not.toContainText('device is offline');
  const ids = sim.channels().map((c) => c.accessControlChannelId);
  for (const id of ids) await expect(tasks).not.toContainText(id);

  // The status bar and the sync queue say the same about the cloud and count the same.
  await expect(page.getByTestId('status-cloud')).toHaveAttribute('data-state', 'unreachable');
  await expect(page.getByTestId('status-queued')).toHaveText('3 operations queued');
  await page.getByTestId('status-sync').click();
  await expect(page.getByTestId('sync-filter-queued')).toHaveText('Queued (3)');
  // One line for the cloud: its queued work and the connectivity monitor's word on it, never a second line.
  await expect(page.getByTestId('sync-cloud-tuya')).toContainText('Tuya cloud: 3 queued');
  await expect(page.getByTestId('sync-cloud-tuya')).toContainText('(unreachable, next try');
  await expect(page.getByTestId('sync-target-tuya')).toHaveCount(0);
  const operations = page.getByRole('table', { name: 'Operations' });
  for (const name of NAMES) await expect(operations).toContainText(name);

  // The push is in Jobs, with its own detail view: its channels by name.
  await page.getByTestId('nav-jobs').click();
  const entry = page.locator('[data-testid="job-entry"][data-kind="permission-push"]');
  await expect(entry).toHaveCount(1);
  await entry.click();
  const detail = page.getByTestId('push-job-detail');
  for (const name of NAMES) await expect(detail).toContainText(name);

  // The cloud answers again: Sync now sends the push; the names stay.
  await sim.setOnline(true);
  await page.getByTestId('nav-sync').click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-filter-done')).toHaveText('Done (3)', { timeout: 45_000 });
  await expect(page.getByTestId('status-queued')).toHaveText('0 operations queued');
  await expect(page.getByTestId('sync-filter-queued')).toHaveText('Queued (0)');

  await page.getByTestId('nav-jobs').click();
  await entry.click();
  await expect(page.getByTestId('job-state')).toHaveText('Finished', { timeout: 20_000 });
  await expect(page.getByTestId('job-counts')).toContainText('Pushed 3');
  for (const name of NAMES) {
    await expect(detail.getByRole('row').filter({ hasText: name }).getByRole('cell').first()).toHaveText('Pushed');
  }
  for (const id of ids) await expect(detail).not.toContainText(id);

  // Permissions lists this push, its tasks shown by name; green now that every channel was pushed.
  await page.getByTestId('nav-permissions').click();
  await expect(page.getByTestId('push-entry')).toHaveCount(1);
  for (const name of NAMES) await expect(tasks).toContainText(name);
  await expect(panel.getByRole('progressbar', { name: 'Push progress' })).toHaveAttribute('data-tone', 'done');

  // The report counts three channels, by name.
  const report = await app.invoke('report:build', { format: 'html' });
  expect(report.ok, JSON.stringify(report)).toBe(true);
  if (!report.ok) return;
  const html = report.value.content;
  expect(html).toMatch(/\b3 channels\b/);
  for (const name of NAMES) expect(html).toContain(name);
});
