import { spawn, type ChildProcess } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore, SECRETS_FILE } from '../../electron/core/compose.ts';
import { createEncryptedFileStore, SECRET_KEY_ENV } from '../../electron/core/secrets/encrypted-file-store.ts';
import { defaultCredentialsKey, readCredentials, type SecretStore } from '../../electron/core/secrets/secret-store.ts';
import { handleInvoke } from '../../electron/main/ipc-invoke.ts';
import { setupLogging } from '../../electron/main/logging.ts';
import {
  createSafeStorageSecretStore,
  SAFE_STORAGE_FILE,
  type SafeStorageCipher,
} from '../../electron/main/safe-storage-secret-store.ts';
import { isTrustedSenderUrl } from '../../electron/main/trusted-sender.ts';
import { isChannel } from '../../shared/ipc/names.ts';
import { createBasipDevice } from '../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../tools/sim/common/http.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { createSophonDevice } from '../../tools/sim/sophon/index.ts';
import { findNeedles, md5Needles, scanTree, secretNeedles, type SecretHit } from './secret-scan.ts';
import { credentialsSession, type Answer, type Invoke, type Sims } from './secrets-session.ts';

// "A secret written through the app is not found in clear anywhere under the data dir or the logs." The password
// goes in through the contract (browser host over WebSocket; Electron's IPC handler body), is used to log in to
// simulated terminals (BAS-IP sends its MD5), fails logins, and is logged every way a careless line might; then
// every file under the data directory, the logs and the host's output are searched for it (secret-scan.ts:
// UTF-8/16, hex, base64 at any alignment, percent and JSON escapes, and its MD5).

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'Pw-7f3c-秘密';
const NEEDLES = [
  ...secretNeedles(PASSWORD, 'the password'),
  ...secretNeedles('Pw-7f3c', 'its ASCII part'),
  ...md5Needles(PASSWORD),
];
/** What a BAS-IP login sends instead of the password: its MD5, upper-case hex. */
const PASSWORD_MD5 = createHash('md5').update(PASSWORD, 'utf8').digest('hex').toUpperCase();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Simulated terminals on 127.0.0.1 whose admin password is PASSWORD (and one whose password is another). */
async function startSims(): Promise<Sims> {
  const start = async (device: { handle: Parameters<typeof serve>[0] }): Promise<SimServer> => {
    const server = await serve(device.handle);
    cleanups.push(() => server.close());
    return server;
  };
  const basip = createBasipDevice({ seed: 3, password: PASSWORD });
  return {
    basip: await start(basip),
    basipSerial: basip.info.serial,
    sophon: await start(createSophonDevice({ seed: 7, people: generatePeople(7, 20), password: PASSWORD })),
    otherBasip: await start(createBasipDevice({ seed: 4, password: 'something-else' })),
  };
}

function expectNoSecret(hits: SecretHit[]): void {
  expect(hits, `the password found in: ${JSON.stringify(hits)}`).toEqual([]);
}

async function expectStored(store: SecretStore): Promise<void> {
  expect(await readCredentials(store, defaultCredentialsKey('basip'))).toEqual({
    username: 'admin',
    password: PASSWORD,
  });
}

describe('the browser host and CLI path (encrypted file store)', () => {
  it('keeps the password out of every file under the data dir and out of its output', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('fcom-at-rest-host-');
    const sims = await startSims();
    const passphrase = randomBytes(12).toString('base64url');
    const host = spawn(process.execPath, [join(ROOT, 'electron/host/main.ts'), '--ready-json', '--data-dir', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FCOM_MDNS: 'isolated-only', [SECRET_KEY_ENV]: passphrase },
    });
    const output: Buffer[] = [];
    host.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    host.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const exited = new Promise<void>((done) => host.once('exit', () => done()));
    cleanups.push(async () => {
      if (host.exitCode === null) host.kill('SIGKILL');
      await exited;
    });
    const ready = await readyLine(host);
    const invoke = await connect(ready);

    await credentialsSession(invoke, sims, PASSWORD);
    expectNoSecret(scanTree(dataDir, NEEDLES)); // with the database's WAL still open

    host.kill('SIGTERM');
    await exited;
    expect(host.exitCode).toBe(0);
    expectNoSecret(scanTree(dataDir, NEEDLES));
    expect(findNeedles(Buffer.concat(output), NEEDLES), Buffer.concat(output).toString()).toEqual([]);
    expect(existsSync(join(dataDir, SECRETS_FILE))).toBe(true);
    await expectStored(createEncryptedFileStore(join(dataDir, SECRETS_FILE), passphrase));
  });
});

describe('the Electron path (safeStorage store, electron-log with redaction)', () => {
  it('keeps the password out of userData, the credential file and every log file', async () => {
    const userData = tempDir('fcom-at-rest-electron-');
    const sims = await startSims();
    const saved = { ...console };
    cleanups.push(() => void Object.assign(console, saved));
    // As index.ts does: logs in <userData>/logs, the console captured, core errors logged.
    const logger = setupLogging({ logsDir: join(userData, 'logs'), captureConsole: true, maxSize: 4_000, keep: 2 });
    const cipher = aesCipher();
    const core = createCore({
      dataDir: userData,
      target: 'electron',
      version: '0.0.0-test',
      secrets: createSafeStorageSecretStore(join(userData, SAFE_STORAGE_FILE), cipher),
      onError: (error) => logger.error('[core]', error),
    });
    let open = true;
    const close = async (): Promise<void> => {
      if (open) await core.close();
      open = false;
    };
    cleanups.push(close);
    const page = 'file:///opt/fcom/resources/app.asar/out/renderer/index.html';
    const trusted = (url: string): boolean => isTrustedSenderUrl(url, page);
    const invokeFrom =
      (senderUrl: string): Invoke =>
      async (channel, request) => {
        if (!isChannel(channel)) throw new Error(`not a channel: ${channel}`);
        const answer = (await handleInvoke(core.handlers, channel, request, senderUrl, trusted)) as Answer;
        if (!answer.ok) logger.warn(`${channel} failed`, answer.error, { request });
        return answer;
      };

    const forbidden = await invokeFrom('https://example.com/')('devices:set-credentials', {
      target: { kind: 'sophon' },
      credentials: { username: 'admin', password: PASSWORD },
    });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    await credentialsSession(invokeFrom(`${page}#/devices`), sims, PASSWORD);
    logCarelessly(logger, sims);
    await close();

    expect(logger.files().length).toBeGreaterThan(1); // rotated: old files are scanned too
    const log = logger
      .files()
      .map((path) => readFileSync(path, 'utf8'))
      .join('');
    expect(log).toContain('[REDACTED]');
    expect(log).toMatch(/devices:add failed/);
    expect(log).toContain('sophon login body');
    expectNoSecret(scanTree(userData, NEEDLES));
    const file = JSON.parse(readFileSync(join(userData, SAFE_STORAGE_FILE), 'utf8')) as { entries: object };
    expect(Object.keys(file.entries)).toContain(defaultCredentialsKey('basip'));
    await expectStored(createSafeStorageSecretStore(join(userData, SAFE_STORAGE_FILE), cipher));
  });
});

/** Log lines, objects and errors that carry the password the ways the redaction hook (redact.ts) must catch. */
function logCarelessly(logger: ReturnType<typeof setupLogging>, sims: Sims): void {
  const basic = Buffer.from(`admin:${PASSWORD}`).toString('base64');
  const login = `http://127.0.0.1:${sims.basip.port}/api/v1/login?username=admin&password=${PASSWORD_MD5}`;
  logger.info(`GET ${login}`);
  logger.info(`retrying ${login.toLowerCase()}`);
  logger.warn({ credentials: { username: 'admin', password: PASSWORD }, serial: sims.basipSerial });
  logger.warn(`terminal at http://admin:${PASSWORD}@127.0.0.1:${sims.sophon.port}/`);
  logger.warn(`terminal at ${new URL(`http://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1/`).href}`);
  logger.error(
    Object.assign(new Error('Request failed with status code 401'), {
      name: 'AxiosError',
      config: {
        url: login,
        method: 'post',
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
        data: JSON.stringify({ username: 'admin', password: PASSWORD }),
      },
      response: { status: 401, data: { message: 'bad password', password: PASSWORD } },
    }),
  );
  logger.error('[core]', new Error(`login refused: {"username":"admin","password":"${PASSWORD}"}`));
  console.error('sophon login body', JSON.stringify({ username: 'admin', password: PASSWORD }));
  console.log(`Authorization: Basic ${basic}`);
  for (let line = 0; line < 60; line += 1) logger.info(`filler ${line} password=${PASSWORD} ${'x'.repeat(60)}`);
}

/** A stand-in for Electron's safeStorage: AES-256-GCM under a key held in memory (the OS keychain's role). */
function aesCipher(): SafeStorageCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    storageBackend: () => 'gnome_libsecret',
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    decryptString(blob) {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The host's ready line: `{ url, port, token, dataDir }`. */
async function readyLine(host: ChildProcess): Promise<{ url: string; token: string }> {
  const lines = createInterface({ input: host.stdout! });
  return new Promise((done, reject) => {
    host.once('exit', (code) => reject(new Error(`The host exited early with code ${code}.`)));
    lines.once('line', (line) => done(JSON.parse(line) as { url: string; token: string }));
  });
}

/** A contract client over the host's WebSocket (its token and origin), as the browser's bridge is. */
async function connect(ready: { url: string; token: string }): Promise<Invoke> {
  const origin = new URL(ready.url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${encodeURIComponent(ready.token)}`, { origin });
  cleanups.push(() => ws.terminate());
  await new Promise<void>((done, reject) => {
    ws.once('open', () => done());
    ws.once('error', reject);
  });
  const pending = new Map<number, (answer: Answer) => void>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: Answer };
    if (message.type === 'result' && message.id !== undefined && message.result)
      pending.get(message.id)?.(message.result);
  });
  let nextId = 0;
  return (channel, request) => {
    const id = ++nextId;
    return new Promise<Answer>((done) => {
      pending.set(id, done);
      ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
    });
  };
}
