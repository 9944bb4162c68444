import { realpathSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

const SECTIONS = [
  { id: 'devices', en: 'Devices', zh: '设备' },
  { id: 'remove', en: 'Remove identities', zh: '删除人员' },
  { id: 'permissions', en: 'Permissions', zh: '权限下发' },
  { id: 'jobs', en: 'Jobs', zh: '任务' },
  { id: 'sync', en: 'Sync queue', zh: '同步队列' },
  { id: 'settings', en: 'Settings', zh: '设置' },
];

test('visits every section and shows what will appear there', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const section of SECTIONS) {
    await nav.getByRole('button', { name: section.en, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.en);
    await expect(page.getByTestId(`section-${section.id}`)).toBeVisible();
    await expect(page.getByTestId(`section-${section.id}`).getByRole('heading', { level: 2 }).first()).not.toBeEmpty();
    await expect(nav.getByRole('button', { name: section.en, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  const status = page.getByRole('status', { name: 'Status' });
  await expect(status.getByTestId('status-cloud')).toHaveText('Cloud: not checked');
  await expect(status.getByTestId('status-queued')).toHaveText('0 operations queued');
  await expect(status.getByTestId('status-adapters')).toContainText('Site adapter');
});

test('switches to Simplified Chinese and back, and a reload keeps the choice', async ({ page }) => {
  await page.getByLabel('Language').selectOption('zh-CN');
  const nav = page.getByRole('navigation', { name: '功能区' });
  await expect(nav.getByRole('button', { name: '设备', exact: true })).toBeVisible();
  for (const section of SECTIONS) {
    await nav.getByRole('button', { name: section.zh, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.zh);
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.reload();
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  await expect(page.getByRole('navigation', { name: '功能区' })).toBeVisible();
  await expect(page.getByTestId('status-cloud')).toHaveText('云端：未检测');

  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Devices', exact: true })).toBeVisible();
});

test('answers contract calls from its page, on its own data directory, and keeps settings across a restart', async ({
  app,
}) => {
  const info = await app.invoke('app:info', {});
  if (!info.ok) throw new Error(info.error.message);
  expect(info.value.target).toBe(app.target === 'electron' ? 'electron' : 'host');
  expect(realpathSync(info.value.dataDir)).toBe(realpathSync(app.dataDir));
  expect(await app.invoke('settings:update', { language: 'zh-CN' })).toMatchObject({ value: { language: 'zh-CN' } });

  await app.restart();
  await expect(app.page.getByRole('navigation', { name: '功能区' })).toBeVisible();
  expect(await app.invoke('settings:get', {})).toMatchObject({ ok: true, value: { language: 'zh-CN' } });
});

test.describe('the browser host', () => {
  // Electron has no token: its window talks to its own main process over IPC (the trusted-sender check).
  test.skip(({ appTarget }) => appTarget === 'electron', 'the access token is the browser host’s alone');

  test('refuses to work without the access token and says what to do', async ({ app }) => {
    // A new tab: the app's own tab keeps the token in its session storage.
    const tab = await app.page.context().newPage();
    await tab.goto(app.url.replace(/#token=.*$/, ''));
    await expect(tab.locator('html[data-app-ready="true"]')).toBeAttached();
    await expect(tab.getByRole('alert')).toContainText('npm run web');
  });
});
