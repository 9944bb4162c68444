import { describe, expect, it } from 'vitest';
import { parseSubnet } from './address.ts';
import { sweepSubnet } from './sweep.ts';

describe('sweepSubnet', () => {
  it('probes each address of the range once, never outside it, within the concurrency bound', async () => {
    const probed: string[] = [];
    let active = 0;
    let peak = 0;
    const found = await sweepSubnet(
      parseSubnet('10.9.8.0/24'),
      async (address) => {
        probed.push(address);
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 1));
        active--;
        return address.endsWith('.7') || address.endsWith('.200') ? address : null;
      },
      { concurrency: 16, signal: new AbortController().signal, onProgress: () => {} },
    );
    expect(found).toEqual(['10.9.8.7', '10.9.8.200']);
    expect(new Set(probed).size).toBe(254);
    expect(
      probed.every(
        (a) => /^10\.9\.8\.(\d+)$/.test(a) && Number(a.split('.')[3]) >= 1 && Number(a.split('.')[3]) <= 254,
      ),
    ).toBe(true);
    expect(peak).toBeLessThanOrEqual(16);
  });

  it('stops when cancelled and reports progress along the way', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const run = sweepSubnet(
      parseSubnet('10.0.0.0/22'),
      async (address) => {
        if (address === '10.0.0.50') controller.abort(new Error('cancelled by technician'));
        return null;
      },
      { concurrency: 4, signal: controller.signal, onProgress: (done) => progress.push(done) },
    );
    await expect(run).rejects.toThrow('cancelled by technician');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThan(100);
  });
});
