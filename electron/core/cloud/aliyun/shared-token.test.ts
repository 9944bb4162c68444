import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptedFileStore } from '../../secrets/encrypted-file-store.ts';
import type { AliyunClient } from './client.ts';
import { PERMISSION_DELETE_API_VER, PERMISSION_DELETE_PATH } from './permission-delete.ts';
import { createSharedTokenStore } from './shared-token.ts';
import {
  APP_KEY,
  APP_SECRET,
  PROJECT_ID,
  startGateway,
  type GatewayFixture,
} from '../../../../test/support/cloud/aliyun-harness.ts';

const TTL = 600_000;
const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };

let gw: GatewayFixture;
let dir = '';

beforeEach(async () => {
  gw = await startGateway({ cloudTokenTtlMs: TTL });
  dir = mkdtempSync(join(tmpdir(), 'fcom-token-'));
});
afterEach(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A client as one process of a data directory builds it: its own credential-store instance, the shared token. */
function processClient(dataDir: string): AliyunClient {
  const secrets = createEncryptedFileStore(join(dataDir, 'secrets.json'), 'pp', FAST);
  const tokenStore = createSharedTokenStore(secrets, join(dataDir, 'aliyun-token'), APP_KEY, APP_SECRET, PROJECT_ID);
  return gw.client({ tokenStore, tokenMarginMs: TTL / 2 });
}

/** A delete of nobody: accepted (a parameter error after the token check) unless the token is refused. */
async function works(client: AliyunClient): Promise<boolean> {
  const [device] = gw.sim.world.devices;
  const params = { userType: 'IDENTITY', userIdList: ['nobody'], scopeType: 'IOT_ID', scopeIdList: [device!.iotId] };
  const answer = await client.call(PERMISSION_DELETE_PATH, PERMISSION_DELETE_API_VER, params);
  return !answer.meaning.renewToken && !answer.meaning.auth;
}

/** Both clients call, over `rounds` token half-lives (each crosses a renewal point). */
async function runRounds(a: AliyunClient, b: AliyunClient, rounds: number): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let round = 0; round < rounds; round++) {
    results.push(...(await Promise.all([works(a), works(b), works(a), works(b)])));
    gw.advance(TTL * 0.55);
  }
  return results;
}

describe('one Alibaba project token per data directory', () => {
  it('the host and fcom on one data directory share one token: one issue, renewals by refresh, no refusal', async () => {
    const host = processClient(dir);
    const cli = processClient(dir);
    const results = await runRounds(host, cli, 8);
    expect(results.every(Boolean)).toBe(true);
    const counts = gw.sim.tokenCounts();
    expect(counts.issued).toBe(1);
    expect(counts.refreshed).toBeGreaterThanOrEqual(7);
    // No call was refused and sent again after a renewal: every delete went out once.
    expect(gw.count('/face/paas/permission/delete')).toBe(results.length);
  });

  it('keeps working when a refresh revokes the token it renewed (a variant the documents leave open)', async () => {
    gw.sim.setVariants(['refresh-revokes-old']);
    const host = processClient(dir);
    const cli = processClient(dir);
    const results = await runRounds(host, cli, 6);
    expect(results.every(Boolean)).toBe(true);
    // The one whose token another process renewed takes the shared one: nothing is issued again.
    expect(gw.sim.tokenCounts().issued).toBe(1);
  });

  it('without sharing, two clients on one project revoke each other’s token (what the shared token prevents)', async () => {
    const a = gw.client({ tokenMarginMs: TTL / 2 });
    const b = gw.client({ tokenMarginMs: TTL / 2 });
    await runRounds(a, b, 4);
    expect(gw.sim.tokenCounts().issued).toBeGreaterThan(2);
  });
});
