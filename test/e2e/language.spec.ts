import type { Page, TestInfo } from '@playwright/test';
import type { Terminal } from '../../shared/domain/terminal.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { startThroughDraft } from '../support/removal/through-draft.ts';
import { expect, test, type AppUnderTest } from './fixtures.ts';
import { attachScreenshot, scanForEnglish, type EnglishText } from './language-scan.ts';
import { startSimTerminal, type SimTerminal } from './removal-helpers.ts';

/**
 * Every view in English and 简体中文 (issue 18): a full-page screenshot of each view and state in both languages,
 * kept as the test's artefacts, and under zh-CN no visible text that is an English sentence (ids, addresses,
 * product names and the site's own data such as device and people names excepted).
 */

const sims: SimTerminal[] = [];
let cloud: TuyaCloudSim | null = null;

test.afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
  await cloud?.close();
  cloud = null;
});

test.use({ viewport: { width: 1440, height: 1000 } });

const CLIENT_ID = 'e2eclient0000000018';
const CLIENT_SECRET = 'e2esecret00000000000000000000018';
/** The BAS-IP simulator's own device name: data the terminal advertises, not the app's words. */
const BASIP_NAME = 'AA-12FB entrance panel';

type Language = 'en' | 'zh-CN';

/** The few words the test clicks by, in each language (renderer/src/i18n). */
const WORDS: Record<
  Language,
  Record<'addForm' | 'address' | 'addSubmit' | 'paste' | 'read' | 'test' | 'browse', string>
> = {
  en: {
    addForm: 'Add by address',
    address: 'Address',
    addSubmit: 'Add terminal',
    paste: 'Paste ids',
    read: 'Read the pasted ids',
    test: 'Test connection',
    browse: 'Who has access',
  },
  'zh-CN': {
    addForm: '按地址添加',
    address: '地址',
    addSubmit: '添加终端',
    paste: '粘贴编号',
    read: '读取粘贴的编号',
    test: '测试连接',
    browse: '谁有通行权限',
  },
};

/** Adds a terminal through the contract and answers its row. */
async function add(app: AppUnderTest, sim: SimTerminal, password?: string, kind = true): Promise<Terminal> {
  const result = await app.invoke('devices:add', {
    address: sim.address,
    ...(kind ? { kind: sim.kind } : {}),
    ...(password ? { credentials: { username: 'admin', password } } : {}),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** Waits until a job has nothing more to do right now (done, or its rest waits for a terminal). */
async function settle(app: AppUnderTest, jobId: string): Promise<void> {
  const waited = await app.invoke('jobs:wait', { jobId });
  if (!waited.ok) throw new Error(JSON.stringify(waited.error));
}

/** One step of the tour: what to do to reach the state, and its name in the report. */
interface Stop {
  name: string;
  reach: (page: Page, words: Record<string, string>) => Promise<void>;
}

/** The views and states every language is shown in. */
function tour(terminals: { conflict: string; offline: string }): Stop[] {
  const nav = (section: string) => async (page: Page) => {
    await page.getByTestId(`nav-${section}`).click();
    await expect(page.getByTestId(`nav-${section}`)).toHaveAttribute('aria-current', /page|true/);
  };
  const row = (page: Page, serial: string) => page.getByTestId('terminal-row').filter({ hasText: serial });
  const addForm = (page: Page, words: Record<string, string>) => page.getByRole('form', { name: words.addForm });
  return [
    { name: 'devices', reach: nav('devices') },
    {
      name: 'devices-address-invalid',
      reach: async (page, words) => {
        const form = addForm(page, words);
        await form.getByLabel(words.address ?? '', { exact: true }).fill('300.1.2.3');
        await form.getByRole('button', { name: words.addSubmit }).click();
        await expect(form.getByRole('alert')).toBeVisible();
      },
    },
    {
      name: 'devices-address-unreachable',
      reach: async (page, words) => {
        const form = addForm(page, words);
        await form.getByLabel(words.address ?? '', { exact: true }).fill('127.0.0.1:9');
        await form.locator('select').first().selectOption('sophon');
        await form.getByRole('button', { name: words.addSubmit }).click();
        await expect(form.getByRole('alert')).toBeVisible({ timeout: 30_000 });
      },
    },
    {
      name: 'devices-conflict',
      reach: async (page) => {
        await row(page, terminals.conflict).getByRole('button').filter({ hasText: BASIP_NAME }).first().click();
        await expect(page.getByTestId('trust-conflict')).toBeVisible();
      },
    },
    {
      name: 'devices-offline',
      reach: async (page) => {
        await row(page, terminals.offline).getByRole('button').last().click();
      },
    },
    {
      name: 'remove',
      reach: async (page, words) => {
        await nav('remove')(page);
        await page.getByLabel(words.paste ?? '').fill(['100000', '1.23457E+17', '100001'].join('\n'));
        await page.getByRole('button', { name: words.read }).click();
      },
    },
    { name: 'permissions', reach: nav('permissions') },
    {
      name: 'permissions-browse',
      reach: async (page, words) => {
        await page.getByRole('tab', { name: words.browse }).click();
      },
    },
    { name: 'jobs', reach: nav('jobs') },
    ...[0, 1, 2].map((n) => ({
      name: `jobs-detail-${n + 1}`,
      reach: async (page: Page) => {
        // As many jobs as the Jobs view lists (removals, pushes); fewer than three is not this test's concern.
        const entry = page.getByTestId('job-entry').nth(n);
        if ((await page.getByTestId('job-entry').count()) <= n) return;
        await entry.click();
        await expect(page.getByTestId('job-detail')).toBeVisible();
      },
    })),
    { name: 'sync', reach: nav('sync') },
    {
      name: 'sync-queued',
      reach: async (page) => {
        await page.getByTestId('sync-filter-queued').click();
      },
    },
    {
      name: 'sync-attention',
      reach: async (page) => {
        await page.getByTestId('sync-filter-needs-attention').click();
      },
    },
    {
      name: 'settings',
      reach: async (page, words) => {
        await nav('settings')(page);
        for (const button of await page.getByRole('button', { name: words.test }).all()) {
          if (await button.isEnabled()) await button.click();
        }
        await expect(page.getByTestId('cloud-test-tuya')).toBeVisible({ timeout: 20_000 });
      },
    },
  ];
}

/** Shows every stop of the tour in `language`, attaching a screenshot of each; answers the English found. */
async function visit(
  app: AppUnderTest,
  testInfo: TestInfo,
  language: Language,
  stops: Stop[],
  data: string[],
): Promise<EnglishText[]> {
  expect(await app.invoke('settings:update', { language })).toMatchObject({ ok: true });
  await app.open();
  const page = app.page;
  const found: EnglishText[] = [];
  for (const stop of stops) {
    await stop.reach(page, WORDS[language]);
    // Let the view settle on what it loaded (no spinner words left behind).
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await attachScreenshot(page, testInfo, `${stop.name}.${language}.png`);
    if (language === 'zh-CN') found.push(...(await scanForEnglish(page, stop.name, data)));
  }
  return found;
}

test('every view in English and 简体中文: screenshots of both, and no English sentence under zh-CN', async ({
  app,
}, testInfo) => {
  test.setTimeout(240_000);
  const people = generatePeople('language-e2e', 12);
  const good = await startSimTerminal('sophon', 'lang-good', people);
  const panel = await startSimTerminal('basip', 'lang-panel', people);
  const wrong = await startSimTerminal('basip', 'lang-wrong', people);
  const gone = await startSimTerminal('sophon', 'lang-gone', people);
  const flaky = await startSimTerminal('sophon', 'lang-flaky', people, {
    knobs: { faults: [{ kind: 'http500', pathIncludes: 'deleteidentities' }] },
  });
  const blind = await startSimTerminal('basip', 'lang-blind', people, { knobs: { variants: ['list-400'] } });
  const impostor = await startSimTerminal('basip', 'lang-impostor', people, { serial: panel.device.info.serial });
  sims.push(good, panel, wrong, gone, flaky, blind, impostor);
  cloud = await startTuyaCloud({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    seed: 'e2e-language',
    people: generatePeople('e2e-language-cloud', 10),
    channels: [
      { name: '正门', deviceName: '大堂人脸终端' },
      { name: '停车场闸机', deviceName: '停车场终端', online: false },
    ],
    taskStepMs: 100,
    recordsPerStep: 10,
    recordFailureRate: 0.3,
  });
  expect(await app.invoke('settings:update', { removal: { maxAttempts: 1 } })).toMatchObject({ ok: true });

  // The site: working terminals, wrong credentials, one offline, one failing, one unreadable, one in conflict.
  const onGood = await add(app, good);
  const onPanel = await add(app, panel, '123456');
  const onWrong = await add(app, wrong, 'not-the-password');
  const onGone = await add(app, gone);
  const onFlaky = await add(app, flaky);
  const onBlind = await add(app, blind, '123456');
  await add(app, impostor, undefined, false);
  await gone.stop();
  await app.invoke('devices:check-all', {});

  // A removal that ends with removed, failed, unconfirmed and queued items; one that needs attention.
  const invoke = (channel: string, request: unknown) => app.invoke(channel as never, request as never);
  const items = people
    .slice(0, 4)
    .map((p, i) => ({ line: i + 2, identity_id: p.identityId, link_id: p.linkId, name: p.name }));
  const started = await startThroughDraft(invoke, {
    items,
    devices: [onGood.serial, onGone.serial, onFlaky.serial, onBlind.serial],
  });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const jobId = started.value.jobId;
  await settle(app, jobId);
  const attention = await startThroughDraft(invoke, { items: items.slice(0, 2), devices: [onWrong.serial] });
  if (!attention.ok) throw new Error(JSON.stringify(attention.error));
  await settle(app, attention.value.jobId);

  // A Tuya push with failed records (one channel's device is offline).
  const configured = await app.invoke('cloud:set-config', {
    cloud: 'tuya',
    settings: { baseUrl: cloud.origin, projectId: cloud.projectId },
    secrets: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  expect(configured.ok, JSON.stringify(configured)).toBe(true);
  const pushed = await app.invoke('permissions:push', {
    channelIds: cloud.channels().map((c) => c.accessControlChannelId),
    mode: 'full',
    certificate: 'card+face',
  });
  if (!pushed.ok) throw new Error(JSON.stringify(pushed.error));
  await settle(app, pushed.value.jobId);

  // The states the tour must show are there.
  const shown = await app.invoke('jobs:show', { jobId, offset: 0, limit: 100 });
  if (!shown.ok) throw new Error(JSON.stringify(shown.error));
  const outcomes = new Set(shown.value.items.map((item) => item.outcome));
  expect([...outcomes]).toEqual(expect.arrayContaining(['failed', 'queued']));
  const listed = await app.invoke('devices:list', {});
  expect(listed.ok && listed.value.find((t) => t.serial === onPanel.serial)?.trust).toBe('conflict');

  // The site's own data, never the app's words: the device name the panels advertise, people's
  // names, the pinyin example of the people search, and vendors' own messages quoted as they said them.
  const data = [BASIP_NAME, ...people.map((p) => p.name), 'zhang wei', 'Request Limited', 'Wrong login or password'];
  const stops = tour({ conflict: onPanel.serial, offline: onGone.serial });
  await visit(app, testInfo, 'en', stops, data);
  const found = await visit(app, testInfo, 'zh-CN', stops, data);

  const perView = new Map<string, number>();
  for (const f of found) perView.set(f.view, (perView.get(f.view) ?? 0) + 1);
  const report = found.map((f) => `[${f.view}] ${f.text}`).join('\n');
  await testInfo.attach('english-under-zh-CN.txt', { body: report || 'none', contentType: 'text/plain' });
  console.log(`English texts under zh-CN per view: ${JSON.stringify(Object.fromEntries(perView))}\n${report}`);
  expect(found, `English sentences under 简体中文:\n${report}`).toEqual([]);
});
