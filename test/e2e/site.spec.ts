import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { canUseNamespaces } from '../../tools/sim/site/ip.ts';
import { expect, test } from '@playwright/test';
import { openApp } from './fixtures.ts';

const DEMO_MAIN = resolve(import.meta.dirname, '../../tools/sim/site/demo-main.ts');
const URL_LINE = /^\s*(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)\s*$/;
const TERMINALS = 12;
/** The bulk test's site: 10 panels, half of them on 3.8 firmware (API v0, no login), so 5 take credentials. */
const BULK_TERMINALS = 20;

/** Starts `npm run demo`'s script (site in private namespaces, app on the laptop side) and waits for its URL. */
async function startDemo(workDir: string, terminals: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [DEMO_MAIN, `--work-dir=${workDir}`, `--terminals=${terminals}`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
  const url = await new Promise<string>((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`The demo printed no URL in 30 s:\n${output}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      const match = URL_LINE.exec(line);
      if (match) {
        clearTimeout(timer);
        done(match[1] as string);
      }
    });
    child.once('exit', (code) => reject(new Error(`The demo exited (${code}):\n${output}`)));
  });
  return { url, child };
}

/** Runs `use` against a fresh demo of `terminals` terminals and always stops it (SIGINT, as a technician's Ctrl-C) afterwards. */
async function withDemo(terminals: number, use: (url: string) => Promise<void>): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'fcom-e2e-site-'));
  const demo = await startDemo(workDir, terminals);
  try {
    await use(demo.url);
  } finally {
    const exited = new Promise((done) => demo.child.once('exit', done));
    demo.child.kill('SIGINT');
    await exited;
    rmSync(workDir, { recursive: true, force: true });
  }
}

// Browser host only (playwright.config.ts): the demo serves the app through its own browser host, so this
// spec takes Playwright's plain Chromium page rather than the `app` fixture.
test.describe('the simulated site in the Devices view', () => {
  test.skip(!canUseNamespaces(), 'needs Linux and root for the private network namespaces of the site');

  test('against the demo: selects 5 panels, applies the site credentials, renames one, exports the list (issue 18)', async ({
    page,
  }, testInfo) => {
    await withDemo(BULK_TERMINALS, async (url) => {
      await openApp(page, url);
      await expect(page.getByTestId('terminal-count')).toHaveText(
        `Showing ${BULK_TERMINALS} of ${BULK_TERMINALS} terminals`,
      );
      const table = page.getByRole('table', { name: 'Terminals' });
      // The demo's panels all advertise one model's name; the filter by model shows them alone.
      await page.getByLabel('Filter terminals').fill('AA-12FB');
      await expect(table.getByRole('row').filter({ hasText: 'BAS-IP' })).toHaveCount(BULK_TERMINALS / 2);
      // The demo runs firmware variants: a panel too old to log in to (API v0) has no use for credentials.
      const panels = table.getByRole('row').filter({ hasText: 'BAS-IP' }).filter({ hasNotText: 'Too old' });
      await expect(panels).toHaveCount(5);
      const serials: string[] = [];
      for (let i = 0; i < 5; i++) {
        const box = panels.nth(i).getByRole('checkbox');
        const label = (await box.getAttribute('aria-label')) ?? '';
        serials.push(label.replace(/^Select /, ''));
        await box.check();
      }
      const bulk = page.getByRole('group', { name: 'Selected terminals' });
      await expect(bulk).toContainText('5 terminals selected');
      // A wrong password for the five first: each panel refuses it (the check after saving logs in).
      await bulk.getByRole('button', { name: 'Set credentials' }).click();
      await bulk.getByLabel('Username').fill('admin');
      await bulk.getByLabel('Password').fill('not-the-password');
      await bulk.getByRole('button', { name: 'Save for selected' }).click();
      await expect(bulk).toContainText('Credentials saved for 5 terminals');
      for (const serial of serials)
        await expect(table.getByRole('row').filter({ hasText: serial })).toContainText('Rejected');
      // The demo saved the simulators' credentials as the site default: the five use it and log in with it.
      await bulk.getByRole('button', { name: 'Use site default' }).click();
      await expect(bulk).toContainText('Site default applies to the selection (5 terminals had their own credentials)');
      for (const serial of serials)
        await expect(table.getByRole('row').filter({ hasText: serial })).toContainText('OK');

      // Rename one: its label shows in the table and the detail.
      await table
        .getByRole('row')
        .filter({ hasText: serials[2] as string })
        .getByRole('button')
        .first()
        .click();
      const detail = page.getByTestId('terminal-detail');
      const labelForm = detail.getByRole('form', { name: 'Location label' });
      await labelForm.getByLabel('Location label').fill('Car park gate');
      await labelForm.getByRole('button', { name: 'Save label' }).click();
      await expect(labelForm).toContainText('Label saved.');
      await expect(table.getByRole('row').filter({ hasText: serials[2] as string })).toContainText('Car park gate');

      // Export the five as CSV: one row each, the label in its own column, each with its site address.
      const downloading = page.waitForEvent('download');
      await bulk.getByRole('button', { name: 'Export CSV' }).click();
      const file = testInfo.outputPath('demo-terminals.csv');
      await (await downloading).saveAs(file);
      const lines = readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines).toHaveLength(6);
      for (const serial of serials) expect(lines.filter((line) => line.includes(`,basip,${serial},`))).toHaveLength(1);
      expect(
        lines.filter((line) => line.startsWith(`Car park gate,`) && line.includes(serials[2] as string)),
      ).toHaveLength(1);
      expect(lines.slice(1).every((line) => /,10\.77\.0\.\d+,/.test(line))).toBe(true);
      await expect(bulk).toContainText('5 terminals exported.');
      const shot = testInfo.outputPath('demo-devices-en.png');
      await page.screenshot({ path: shot, fullPage: true });
      await testInfo.attach('demo-devices-en', { path: shot, contentType: 'image/png' });
    });
  });

  test('shows every terminal the app found by mDNS on the site LAN, with kind, address and credentials', async ({
    page,
  }) => {
    await withDemo(TERMINALS, async (url) => {
      await openApp(page, url);
      await expect(page.getByTestId('terminal-count')).toHaveText(`Showing ${TERMINALS} of ${TERMINALS} terminals`);
      const table = page.getByRole('table');
      await expect(table.getByRole('row').filter({ hasText: '10.77.0.10:5555' })).toContainText('Sophon');
      await expect(table.getByRole('row').filter({ hasText: '10.77.0.11:80' })).toContainText('BAS-IP');
      // The demo saved the simulators' credentials as site defaults, so the panels log in.
      await expect(table.getByRole('row').filter({ hasText: '10.77.0.11:80' })).toContainText('OK');
    });
  });
});
