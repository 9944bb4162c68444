import { describe, expect, it } from 'vitest';
import { powerLossCycle, type CycleResult } from './cycle.ts';
import { powerLossSupport } from './loop-disk.ts';

const support = powerLossSupport();

function expectSafe(result: CycleResult): void {
  expect(result.integrity).toBe('ok');
  expect(result.lostPlan).toBe(false);
  expect(result.lostAcked).toBe(0);
  expect(result.sentTwiceOutsideInFlight).toBe(0);
  expect(result.unfinished).toBe(0);
}

describe.skipIf(!support.ok)(
  `a power cut under the journal (ext4 on a loop device, image copied without a sync)${support.ok ? '' : `: skipped, ${support.reason}`}`,
  () => {
    it('control: with synchronous=NORMAL (before issue 21) the cut loses answered items and they are sent again', async () => {
      const result = await powerLossCycle({
        items: 2000,
        terminals: 4,
        batch: 10,
        cutAfterMs: 0,
        cutAfterAcks: 5,
        mode: 'NORMAL',
      });
      expect(result.acked).toBe(50);
      expect(result.lostAcked + result.sentTwiceOutsideInFlight).toBeGreaterThan(0);
    }, 60_000);

    it("the app's settings: the same cut loses nothing and sends nothing twice", async () => {
      const result = await powerLossCycle({ items: 2000, terminals: 4, batch: 10, cutAfterMs: 0, cutAfterAcks: 5 });
      expect(result.acked).toBe(50);
      expectSafe(result);
    }, 60_000);

    it('cuts at random times: nothing acknowledged lost, only the in-flight batches read again, integrity ok', async () => {
      for (let cycle = 0; cycle < 2; cycle++) {
        const cutAfterMs = Math.floor(Math.random() * 1500);
        const result = await powerLossCycle({ items: 3000, terminals: 4, batch: 10, cutAfterMs });
        expect.soft(result, `cut after ${cutAfterMs} ms`).toBeDefined();
        expectSafe(result);
      }
    }, 90_000);
  },
);
