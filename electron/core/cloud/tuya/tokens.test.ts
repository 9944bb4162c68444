import { describe, expect, it } from 'vitest';
import { TuyaError, tuyaErrorFromCode } from './errors.ts';
import { TokenKeeper, type TokenCalls, type TokenPair } from './tokens.ts';

/** Fake token calls on a fake clock: each answer is a new pair; `failRefresh` decides how a refresh fails. */
function fakeCalls(clock: { now: number }, lifetimeMs = 7200_000) {
  let serial = 0;
  const log: string[] = [];
  const state: { failRefresh?: () => Error } = {};
  const pair = (): TokenPair => {
    serial += 1;
    return {
      accessToken: `a${serial}`,
      refreshToken: `r${serial}`,
      uid: 'u',
      expiresAt: clock.now + lifetimeMs,
      lifetimeMs,
    };
  };
  const calls: TokenCalls = {
    grant: async () => {
      log.push('grant');
      await Promise.resolve();
      return pair();
    },
    refresh: async (refreshToken) => {
      log.push(`refresh ${refreshToken}`);
      await Promise.resolve();
      if (state.failRefresh) throw state.failRefresh();
      return pair();
    },
  };
  return { calls, log, state };
}

describe('TokenKeeper', () => {
  it('grants once for concurrent callers and reuses the pair', async () => {
    const clock = { now: 0 };
    const fake = fakeCalls(clock);
    const keeper = new TokenKeeper({ calls: fake.calls, now: () => clock.now });
    const pairs = await Promise.all([keeper.valid(), keeper.valid(), keeper.valid()]);
    expect(new Set(pairs.map((p) => p.accessToken))).toEqual(new Set(['a1']));
    expect(await keeper.valid()).toBe(pairs[0]);
    expect(fake.log).toEqual(['grant']);
  });

  it('refreshes once when less than 5 minutes are left, for everybody', async () => {
    const clock = { now: 0 };
    const fake = fakeCalls(clock);
    const keeper = new TokenKeeper({ calls: fake.calls, now: () => clock.now });
    await keeper.valid();
    clock.now = 7200_000 - 5 * 60_000 - 1;
    expect((await keeper.valid()).accessToken).toBe('a1');
    clock.now += 1;
    const renewed = await Promise.all([keeper.valid(), keeper.valid()]);
    expect(renewed.map((p) => p.accessToken)).toEqual(['a2', 'a2']);
    expect(fake.log).toEqual(['grant', 'refresh r1']);
  });

  it('uses half the lifetime as the margin for short-lived tokens', async () => {
    const clock = { now: 0 };
    const fake = fakeCalls(clock, 60_000);
    const keeper = new TokenKeeper({ calls: fake.calls, now: () => clock.now });
    await keeper.valid();
    clock.now = 29_999;
    await keeper.valid();
    expect(fake.log).toEqual(['grant']);
    clock.now = 30_000;
    await keeper.valid();
    expect(fake.log).toEqual(['grant', 'refresh r1']);
  });

  it('renews a refused token once; callers holding an already replaced token just get the new one', async () => {
    const clock = { now: 0 };
    const fake = fakeCalls(clock);
    const keeper = new TokenKeeper({ calls: fake.calls, now: () => clock.now });
    await keeper.valid();
    const renewed = await Promise.all([keeper.renew('a1'), keeper.renew('a1'), keeper.renew('a1')]);
    expect(renewed.map((p) => p.accessToken)).toEqual(['a2', 'a2', 'a2']);
    expect((await keeper.renew('a1')).accessToken).toBe('a2');
    expect(fake.log).toEqual(['grant', 'refresh r1']);
  });

  it('falls back to a fresh grant when the refresh token is refused (1012 used, 1010 expired, 1011 unknown)', async () => {
    for (const code of [1012, 1010, 1011]) {
      const clock = { now: 0 };
      const fake = fakeCalls(clock);
      const keeper = new TokenKeeper({ calls: fake.calls, now: () => clock.now });
      await keeper.valid();
      fake.state.failRefresh = () => tuyaErrorFromCode(code, 'refused');
      expect((await keeper.renew('a1')).accessToken).toBe('a2');
      expect(fake.log).toEqual(['grant', 'refresh r1', 'grant']);
      expect(keeper.stats()).toEqual({ grants: 2, refreshes: 1 });
    }
  });

  it('keeps the pair and reports other refresh failures (network), then tries again next time', async () => {
    const clock = { now: 0 };
    const fake = fakeCalls(clock);
    const keeper = new TokenKeeper({ calls: fake.calls, now: () => clock.now });
    await keeper.valid();
    fake.state.failRefresh = () => new TuyaError({ kind: 'network' });
    await expect(keeper.renew('a1')).rejects.toMatchObject({ kind: 'network' });
    expect(keeper.peek()?.accessToken).toBe('a1');
    fake.state.failRefresh = undefined;
    expect((await keeper.renew('a1')).accessToken).toBe('a2');
    expect(fake.log).toEqual(['grant', 'refresh r1', 'refresh r1']);
  });
});
