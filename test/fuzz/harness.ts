import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { ResultEnvelopeSchema, type Result } from '../../shared/result.ts';
import { createCore, type Core, type CoreOptions } from '../../electron/core/compose.ts';
import { createMemorySecretStore } from '../../electron/core/secrets/memory-secret-store.ts';

/** Test-only: a core on a temporary data directory, mDNS off, credentials in memory. */
export interface TestCore {
  core: Core;
  close(): Promise<void>;
}

/** Builds a core as the CLI does, with mDNS off and in-memory secrets; `options` override the rest. */
export function startCore(options: Partial<CoreOptions> = {}): TestCore {
  const dir = mkdtempSync(join(tmpdir(), 'fcom-fuzz-'));
  const core = createCore({
    dataDir: dir,
    target: 'cli',
    mdnsPolicy: 'off',
    secrets: createMemorySecretStore(),
    ...options,
  });
  return {
    core,
    close: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A 127.0.0.1 port nothing listens on (opened, then closed again). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Codes an answer to a request the contract accepted may carry: never a crash or a routing error. */
const HANDLED_CODES = ERROR_CODES.filter((code) => code !== 'INTERNAL' && code !== 'UNKNOWN_CHANNEL');

/**
 * Asserts what every transport relies on: the answer is a Result envelope that survives structured clone
 * (Electron IPC) and JSON (WebSocket), and an error carries a known code and a short message.
 */
export function expectWellFormedResult(result: Result<unknown>, context: string): void {
  expect(ResultEnvelopeSchema.safeParse(result).success, context).toBe(true);
  expect(() => structuredClone(result), context).not.toThrow();
  expect(() => JSON.stringify(result), context).not.toThrow();
  if (!result.ok) {
    expect(ERROR_CODES, context).toContain(result.error.code);
    expect(result.error.message.length, context).toBeGreaterThan(0);
    expect(result.error.message.length, context).toBeLessThanOrEqual(2_000);
  }
}

/** Asserts that an accepted request was answered, or refused with a classified code (never INTERNAL). */
export function expectHandled(result: Result<unknown>, context: string): void {
  expectWellFormedResult(result, context);
  if (!result.ok) expect(HANDLED_CODES, `${context}: ${result.error.message}`).toContain(result.error.code);
}

/** A short, printable description of a payload for assertion messages. */
export function show(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300) ?? String(value)
    );
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Awaits `work`, but rejects when it is still busy after `limitMs`, so that a hang is reported as a failing
 * case (with fast-check's counterexample) instead of stalling the whole property until the test time-out.
 */
export async function within<T>(work: Promise<T>, limitMs: number, context: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${context}: still busy after ${limitMs} ms (a hang)`)), limitMs);
  });
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}
