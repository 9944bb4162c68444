import { describe, expect, it } from 'vitest';
import { createAdaptivePacer } from './pacer.ts';

/** A pacer on a hand-driven clock: sleeping advances the clock; `starts` records when each attempt began. */
function pacerAt(ceiling: number, options: { guardMs?: number; increaseAfterMs?: number } = {}) {
  let clock = 0;
  const starts: number[] = [];
  const pacer = createAdaptivePacer({
    ceiling: () => ceiling,
    now: () => clock,
    sleep: async (ms) => void (clock += ms),
    ...options,
  });
  return {
    pacer,
    now: () => clock,
    advance: (ms: number) => void (clock += ms),
    starts,
    /** Acquires a slot and records when the attempt starts; answers its ticket. */
    async attempt(): Promise<number> {
      const ticket = await pacer.acquire();
      starts.push(clock);
      return ticket;
    },
  };
}

describe('adaptive pacer for Alibaba Cloud', () => {
  it('spaces attempts evenly at the ceiling while the gateway does not throttle', async () => {
    const p = pacerAt(10, { guardMs: 0 });
    for (let i = 0; i < 5; i++) await p.attempt();
    expect(p.starts).toEqual([0, 100, 200, 300, 400]);
    expect(p.pacer.rate()).toBe(10);
  });

  it('keeps its schedule when a caller comes late by less than one spacing (it catches up, within the window)', async () => {
    const p = pacerAt(10, { guardMs: 0 });
    await p.attempt(); // 0
    p.advance(150); // the caller was busy: the slot at 100 ms is missed by 50 ms
    await p.attempt();
    await p.attempt();
    expect(p.starts).toEqual([0, 150, 200]);
    p.advance(500); // late by more than one spacing: no burst to make up for all of it
    await p.attempt();
    await p.attempt();
    expect(p.starts.slice(3)).toEqual([700, 700]);
    await p.attempt();
    expect(p.starts.at(-1)).toBe(800);
  });

  it('learns the quota from a throttled answer and waits for the window instead of retrying at once', async () => {
    const p = pacerAt(50, { guardMs: 0 });
    for (let i = 0; i < 20; i++) await p.attempt(); // 0, 20, ... 380 ms: the gateway admits 20 a second
    const throttled = await p.attempt(); // at 400 ms
    p.pacer.throttled(throttled);
    expect(p.pacer.rate()).toBe(20);
    await p.attempt();
    // 20 attempts the gateway counted lie within the last second: the next waits until the first leaves it.
    expect(p.starts.at(-1)).toBe(1000);
    await p.attempt();
    expect(p.starts.at(-1)).toBe(1050); // then evenly, at the learned 20 per second
  });

  it('keeps its attempts within a window slightly longer than the gateway counts (arrivals jitter)', async () => {
    const p = pacerAt(4, { guardMs: 40 });
    for (let i = 0; i < 6; i++) await p.attempt();
    expect(p.starts).toEqual([0, 260, 520, 780, 1040, 1300]);
    const inAnySecond = Math.max(...p.starts.map((s) => p.starts.filter((t) => t >= s && t < s + 1040).length));
    expect(inAnySecond).toBeLessThanOrEqual(4);
  });

  it('slows down by at least one request per second when throttled at its own learned rate', async () => {
    const p = pacerAt(50, { guardMs: 0 });
    for (let i = 0; i < 10; i++) await p.attempt();
    p.pacer.throttled(await p.attempt());
    expect(p.pacer.rate()).toBe(10);
    for (let i = 0; i < 12; i++) await p.attempt();
    // Another app takes part of the quota: throttled again although the pacer keeps to 10 a second.
    p.pacer.throttled(await p.attempt());
    expect(p.pacer.rate()).toBe(9);
  });

  it('tries one request per second more after a quiet while, up to the ceiling', async () => {
    const p = pacerAt(12, { guardMs: 0, increaseAfterMs: 1000 });
    for (let i = 0; i < 10; i++) await p.attempt();
    p.pacer.throttled(await p.attempt());
    expect(p.pacer.rate()).toBe(10);
    p.advance(1000);
    await p.attempt();
    expect(p.pacer.rate()).toBe(11);
    p.advance(1000);
    await p.attempt();
    p.advance(1000);
    await p.attempt();
    expect(p.pacer.rate()).toBe(12);
  });

  it('does not count an attempt that was aborted while it waited for its slot', async () => {
    let clock = 0;
    const pacer = createAdaptivePacer({
      ceiling: () => 1,
      guardMs: 0,
      now: () => clock,
      sleep: (_ms, signal) => Promise.reject(signal?.reason as Error),
    });
    await pacer.acquire(); // at 0: no wait
    const stop = new AbortController();
    stop.abort(new Error('paused'));
    await expect(pacer.acquire(stop.signal)).rejects.toThrow('paused');
    clock = 1000;
    await expect(pacer.acquire()).resolves.toBeGreaterThan(0); // the aborted reservation did not take the slot
  });
});
