/**
 * Issue 21, acceptance: the browser host and the CLI on ONE data directory, saving credentials and starting jobs
 * from both, as the README invites. No credential is lost, no job runs in two processes at once, and where one is
 * refused it says who runs the job and what to do. A wrong passphrase stops jobs (and the host) instead of
 * failing every item as "credentials rejected".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { JobSummary } from '../../shared/domain/removal.ts';
import { cliRunner } from '../support/cli/test-cli.ts';
import { startThroughDraft } from '../support/removal/through-draft.ts';
import { DATABASE_FILE, SECRETS_FILE } from '../../electron/core/compose.ts';
import { openDatabase } from '../../electron/core/db/database.ts';
import {
  acknowledgedThenResent,
  deleteRequests,
  idsSent,
  listOf,
  startTerminal,
  type SimTerminal,
} from '../support/removal/test-kit.ts';
import { createEncryptedFileStore } from '../../electron/core/secrets/encrypted-file-store.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Node 24 runs the host's TypeScript by itself: this one, else the pinned one. */
const NODE =
  Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : join(ROOT, 'node_modules/node/bin/node');
const PASSPHRASE = 'two-processes-passphrase';

interface Host {
  child: ChildProcess;
  stderr: () => string;
  call<T>(channel: string, request: unknown): Promise<{ ok: true; value: T } | { ok: false; error: ErrorShape }>;
  stop(): Promise<void>;
}
interface ErrorShape {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Starts `electron/host/main.ts` on the data directory and connects to its contract over WebSocket. */
async function startHost(dataDir: string, passphrase: string): Promise<Host> {
  const child = spawn(
    NODE,
    [join(ROOT, 'electron/host/main.ts'), '--ready-json', '--port=0', `--data-dir=${dataDir}`],
    {
      env: { ...process.env, FCOM_SECRET_KEY: passphrase, FCOM_MDNS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ready = await new Promise<{ url: string; token: string }>((resolveReady, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolveReady(JSON.parse(line)));
    void exited.then(() => reject(new Error(`host exited: ${stderr}`)));
  });
  const origin = new URL(ready.url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${encodeURIComponent(ready.token)}`, { origin });
  await new Promise<void>((done, reject) => {
    ws.once('open', () => done());
    ws.once('error', reject);
  });
  let id = 0;
  return {
    child,
    stderr: () => stderr,
    call(channel, request) {
      const requestId = ++id;
      return new Promise((done) => {
        const onMessage = (data: Buffer): void => {
          const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: never };
          if (message.type === 'result' && message.id === requestId) {
            ws.off('message', onMessage);
            done(message.result!);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ type: 'invoke', id: requestId, channel, request }));
      });
    },
    async stop() {
      ws.close();
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** Starts the host and answers how it ended when it refuses to start. */
function hostRefusal(dataDir: string, passphrase: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    NODE,
    [join(ROOT, 'electron/host/main.ts'), '--ready-json', '--port=0', `--data-dir=${dataDir}`],
    {
      env: { ...process.env, FCOM_SECRET_KEY: passphrase, FCOM_MDNS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((done) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    }),
  );
}

const people = generatePeople('two-processes', 60);

describe('the browser host and fcom on one data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-two-processes-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: PASSPHRASE, FCOM_MDNS: 'off' };
  const { fcom, withInput } = cliRunner(env);
  let slow: SimTerminal;
  let panel: SimTerminal;
  let host: Host;
  let slowSerial = '';
  let panelSerial = '';

  beforeAll(async () => {
    // A slow Sophon (one id per request, 150 ms each): a job on it runs for seconds, long enough to be joined.
    slow = await startTerminal('sophon', 'SPH-SLOW', people, { latencyMs: 150 });
    panel = await startTerminal('basip', 'BAS-TWO', people);
    const sophon = await fcom('--json', 'devices', 'add', `127.0.0.1:${slow.port}`, '--kind', 'sophon');
    expect(sophon.code, sophon.stderr).toBe(0);

    const added = await withInput(
      '123456\n',
      '--json',
      'devices',
      'add',
      `127.0.0.1:${panel.port}`,
      '--username',
      'admin',
      '--password',
      '-',
    );
    expect(added.code, added.stderr).toBe(0);
    const listed = await fcom('--json', 'devices', 'list');
    const terminals = JSON.parse(listed.stdout) as { serial: string; port: number }[];
    slowSerial = terminals.find((t) => t.port === slow.port)?.serial ?? '';
    panelSerial = terminals.find((t) => t.port === panel.port)?.serial ?? '';
    const settings = await fcom('settings', 'set', '--sophon-batch-size', '1');
    expect(settings.code, settings.stderr).toBe(0);
    host = await startHost(dataDir, PASSPHRASE);
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
    await slow.cutOff();
    await panel.cutOff();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no credential when both save at the same time', { timeout: 60_000 }, async () => {
    const fromHost = Promise.all(
      ['sophon', 'basip'].map((kind) =>
        host.call('devices:set-credentials', {
          target: { kind },
          credentials: { username: 'admin', password: kind === 'sophon' ? 'admin' : '123456' },
        }),
      ),
    );
    const fromCli = withInput(
      'cli-app-secret\n',
      'cloud',
      'config',
      '--aliyun-project',
      'P1',
      '--aliyun-app-key',
      'K1',
      '--aliyun-app-secret',
      '-',
    );
    const [hostAnswers, cli] = await Promise.all([fromHost, fromCli]);
    expect(hostAnswers.every((a) => a.ok)).toBe(true);
    expect(cli.code, cli.stderr).toBe(0);
    const keys = await createEncryptedFileStore(join(dataDir, SECRETS_FILE), PASSPHRASE).keys();
    expect(keys, JSON.stringify(keys)).toEqual(
      expect.arrayContaining([
        'default:sophon',
        'default:basip',
        `terminal:${panelSerial}`,
        'cloud:aliyun:app-key',
        'cloud:aliyun:app-secret',
      ]),
    );
    // Private: the folder 0700, the database and the credential file 0600.
    if (process.platform !== 'win32') {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
      expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
  });

  it('runs a job in one process only: the other is refused with who runs it', { timeout: 90_000 }, async () => {
    // Slow enough that the host's job surely still runs while the CLI (a process start each) tries to join it.
    slow.device.knobs.set({ latencyMs: 2_000 });
    const started = await startThroughDraft((channel, request) => host.call(channel, request), {
      items: listOf(people.slice(0, 30)),
      devices: [slowSerial],
      label: 'host job',
    });
    if (!started.ok) throw new Error(`${started.error.message} ${JSON.stringify(started.error.details)} ${slowSerial}`);
    const hostJob = started.value.jobId;

    const joined = await fcom('jobs', 'resume', hostJob);
    expect(joined.code).toBe(1);
    expect(joined.stderr).toMatch(
      /being run by the browser host .*\(process \d+ on .+\).*stop that process and try again/,
    );
    expect(joined.stderr).toContain('(CONFLICT)');
    const paused = await fcom('jobs', 'pause', hostJob);
    expect(paused.code).toBe(1);
    expect(paused.stderr).toContain('being run by the browser host');
    slow.device.knobs.set({ latencyMs: 150 });

    // The CLI's own job (other people, the panel) runs beside it.
    const own = await fcom(
      'remove',
      '--ids',
      people
        .slice(40, 50)
        .map((p) => p.linkId)
        .join(','),
      '--devices',
      'BAS-TWO',
    );
    expect(own.code, own.stderr).toBe(0);

    // The host finishes its job; then the CLI may work it (nothing left to resume: a clear CONFLICT of state).
    const deadline = Date.now() + 60_000;
    let summary: JobSummary | undefined;
    while (Date.now() < deadline) {
      const answer = await host.call<JobSummary[]>('jobs:list', { limit: 10 });
      summary = answer.ok ? answer.value.find((j) => j.id === hostJob) : undefined;
      if (summary?.state === 'done') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(summary?.state).toBe('done');
    const after = await fcom('jobs', 'resume', hostJob);
    expect(after.stderr).not.toContain('being run by');

    // Ground truth: no id was sent twice after being acknowledged, and every id the host's job named went once.
    expect(acknowledgedThenResent(slow.device)).toEqual([]);
    const sent = deleteRequests(slow.device).flatMap(idsSent);
    expect(new Set(sent).size).toBe(sent.length);
    expect(acknowledgedThenResent(panel.device)).toEqual([]);
  });

  it(
    'locked means locked: a wrong passphrase stops job start, resume, sync and the host',
    { timeout: 60_000 },
    async () => {
      const wrong = cliRunner({ ...env, FCOM_SECRET_KEY: 'not-the-passphrase' });
      const db = openDatabase(join(dataDir, DATABASE_FILE));
      const jobsBefore = (db.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
      db.close();
      const panelDeletes = deleteRequests(panel.device).length;

      const start = await wrong.fcom('remove', '--ids', people[55]!.linkId, '--devices', panelSerial);
      expect(start.code).toBe(1);
      expect(start.stderr).toMatch(/Credentials are locked: the passphrase in FCOM_SECRET_KEY does not open/);
      expect(start.stderr).toContain('(SECRETS_LOCKED)');
      const sync = await wrong.fcom('sync', 'now');
      expect(sync.stderr).toContain('(SECRETS_LOCKED)');
      const missing = await cliRunner({ ...env, FCOM_SECRET_KEY: '' }).fcom(
        'remove',
        '--ids',
        people[56]!.linkId,
        '--devices',
        'BAS-TWO',
      );
      expect(missing.stderr).toContain('(SECRETS_LOCKED)');

      const check = openDatabase(join(dataDir, DATABASE_FILE));
      expect((check.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n).toBe(jobsBefore);
      check.close();
      // Nothing was sent to the panel for it: no delete, no item "credentials rejected".
      expect(deleteRequests(panel.device).length).toBe(panelDeletes);

      const refused = await hostRefusal(dataDir, 'not-the-passphrase');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/could not start: Credentials are locked: the passphrase in FCOM_SECRET_KEY/);
    },
  );
});
