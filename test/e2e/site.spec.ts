import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { canUseNamespaces } from '../../tools/sim/site/ip.ts';
import { expect, test } from '@playwright/test';
import { openApp } from './fixtures.ts';

const DEMO_MAIN = resolve(import.meta.dirname, '../../tools/sim/site/demo-main.ts');
const URL_LINE = /^\s*(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)\s*$/;
const TERMINALS = 12;

/** Starts `npm run demo`'s script (site in private namespaces, app on the laptop side) and waits for its URL. */
async function startDemo(workDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [DEMO_MAIN, `--work-dir=${workDir}`, `--terminals=${TERMINALS}`], {
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

// Browser host only (playwright.config.ts): the demo serves the app through its own browser host, so this
// spec takes Playwright's plain Chromium page rather than the `app` fixture.
test.describe('the simulated site in the Devices view', () => {
  test.skip(!canUseNamespaces(), 'needs Linux and root for the private network namespaces of the site');

  test('shows every terminal the app found by mDNS on the site LAN, with kind, address and credentials', async ({
    page,
  }) => {
    const workDir = mkdtempSync(join(tmpdir(), 'fcom-e2e-site-'));
    const demo = await startDemo(workDir);
    try {
      await openApp(page, demo.url);
      await expect(page.getByTestId('terminal-count')).toHaveText(`Showing ${TERMINALS} of ${TERMINALS} terminals`);
      const table = page.getByRole('table');
      await expect(table.getByRole('row').filter({ hasText: '10.77.0.10:5555' })).toContainText('Sophon');
      await expect(table.getByRole('row').filter({ hasText: '10.77.0.11:80' })).toContainText('BAS-IP');
      // The demo saved the simulators' credentials as site defaults, so the panels log in.
      await expect(table.getByRole('row').filter({ hasText: '10.77.0.11:80' })).toContainText('OK');
    } finally {
      const exited = new Promise((done) => demo.child.once('exit', done));
      demo.child.kill('SIGINT');
      await exited;
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
