import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { test as appTest, expect } from './fixtures.ts';

/** The simulated cloud's only client (the test types these into Settings). */
const CLIENT_ID = 'e2eclient0000000001';
const CLIENT_SECRET = 'e2esecret00000000000000000000001';

/** The suite's test with a simulated Tuya cloud per test (a fixture: nothing starts for a skipped test). */
const test = appTest.extend<{ sim: TuyaCloudSim }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await startTuyaCloud({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      seed: 'e2e-permissions',
      people: generatePeople('e2e-permissions', 18),
      // The car park's device is offline: every record of its task fails.
      channels: [{ name: 'Main Entrance' }, { name: 'Car Park Gate', online: false }, { name: 'Lab Door' }],
      taskStepMs: 300,
      recordsPerStep: 4,
      recordFailureRate: 0.1,
    });
    await use(sim);
    await sim.close();
  },
});

test('configures Tuya in Settings, tests it, pushes to channels, follows the tasks and retries what failed', async ({
  page,
  sim,
}) => {
  // Settings: the Tuya form, secrets write-only.
  await page.getByTestId('nav-settings').click();
  const tuya = page.getByRole('form', { name: 'Tuya cloud' });
  await expect(tuya.getByRole('button', { name: 'Test connection' })).toBeDisabled();
  await tuya.getByLabel('Data centre').selectOption({ label: 'Other address' });
  await tuya.getByLabel('OpenAPI address').fill(sim.origin);
  await tuya.getByLabel('Project ID').fill(sim.projectId);
  const secret = tuya.getByLabel('Access Secret');
  await expect(secret).toHaveAttribute('type', 'password');
  await expect(tuya.getByText('Not set', { exact: true })).toHaveCount(2);
  await tuya.getByLabel('Access ID (client id)').fill(CLIENT_ID);
  await secret.fill(CLIENT_SECRET);
  await tuya.getByRole('button', { name: 'Save' }).click();
  await expect(tuya.getByText('Saved', { exact: true })).toHaveCount(2);
  await expect(secret).toHaveValue('');
  await tuya.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('cloud-test-tuya')).toContainText('Connection OK');
  await expect(page.getByTestId('cloud-test-tuya')).toContainText('3 entrance/exit channel(s)');
  await expect(page.getByTestId('status-cloud')).toHaveAttribute('data-state', 'reachable');

  // Permissions: every channel, a full push with card + face.
  await page.getByTestId('nav-permissions').click();
  const channels = page.getByRole('table', { name: 'Channels' });
  await expect(channels.getByRole('row')).toHaveCount(4);
  await expect(channels.getByRole('row').filter({ hasText: 'Car Park Gate' })).toContainText('Offline');
  await page.getByLabel('Select every channel').check();
  await expect(page.getByText('3 channels selected')).toBeVisible();
  const form = page.getByRole('form', { name: 'Push permissions' });
  await form.getByLabel('Full: send every permission of the channels again').check();
  await form.getByLabel('Certificate policy').selectOption({ label: '2 · Card + face' });
  await form.getByRole('button', { name: 'Push', exact: true }).click();

  // The push: the tasks run to their end; the car park's task fails entirely.
  const panel = page.getByRole('region', { name: 'Push and its tasks' });
  const progress = panel.getByRole('progressbar', { name: 'Push progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 45_000 });
  await expect(panel).toHaveAttribute('data-state', 'done');
  const carPark = panel.getByRole('row').filter({ hasText: 'Car Park Gate' });
  await expect(carPark.getByRole('cell').first()).toHaveText('Failed');
  await expect(carPark).toContainText('people were not sent');
  await expect(page.getByTestId('push-summary')).toContainText('3 of 3 channels finished');
  const failedChannels = await panel.locator('td[data-outcome="failed"]').count();
  expect(failedChannels).toBeGreaterThanOrEqual(1);

  // The car park's records: per-credential breakdown and one failed record per person (virtualized table).
  await carPark.getByRole('button', { name: 'Show the records of Car Park Gate' }).click();
  const records = page.getByRole('region', { name: 'Records of Car Park Gate' });
  const breakdown = records.getByRole('table', { name: 'Per credential' });
  await expect(breakdown.getByRole('row').filter({ hasText: 'Face' })).toBeVisible();
  await expect(breakdown.getByRole('row').filter({ hasText: 'Fingerprint' })).toBeVisible();
  const people = records.getByRole('table', { name: 'Per-person records' });
  await expect(people.getByRole('row').nth(1)).toContainText('Failed');
  await records.getByLabel('Show').selectOption({ label: 'Sent' });
  await expect(records.getByText('No records match.')).toBeVisible();

  // Retry failed: a new, incremental push of exactly the failed channels.
  await panel.getByRole('button', { name: 'Retry failed' }).click();
  await expect(panel.getByText(/· increment ·/)).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Tasks per channel' }).getByRole('row')).toHaveCount(
    failedChannels + 1,
  );
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 45_000 });
  await expect(panel.getByRole('row').filter({ hasText: 'Car Park Gate' }).getByRole('cell').first()).toHaveText(
    'Failed',
  );
  const issued = sim.log.matching('/access-auth-issue/actions/');
  expect(issued.filter((e) => e.path.endsWith('/full'))).toHaveLength(3);
  expect(issued.filter((e) => e.path.endsWith('/increment'))).toHaveLength(failedChannels);
});
