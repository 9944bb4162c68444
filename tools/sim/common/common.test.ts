import { describe, expect, it } from 'vitest';
import { KnobBox } from './knobs.ts';
import { generatePeople } from './people.ts';
import { createPrng } from './prng.ts';

describe('simulator common pieces', () => {
  it('generates the same population for the same seed, with unique ids and both scripts', () => {
    const a = generatePeople('site-1', 5000);
    const b = generatePeople('site-1', 5000);
    expect(a).toEqual(b);
    expect(new Set(a.map((p) => p.linkId)).size).toBe(5000);
    expect(new Set(a.map((p) => p.identityId)).size).toBe(5000);
    expect(a.some((p) => /[\u4e00-\u9fff]/.test(p.name))).toBe(true);
    expect(a.some((p) => /^[A-Z][a-zé]+ /.test(p.name))).toBe(true);
    expect(a[0]?.linkId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(generatePeople('site-2', 3)).not.toEqual(generatePeople('site-1', 3));
  });

  it('fires counted, path-filtered and probabilistic faults as configured', () => {
    const knobs = new KnobBox({ faults: [{ kind: 'http503', count: 2, pathIncludes: '/delete' }] }, 7);
    expect(knobs.nextFault('/list')).toBeUndefined();
    expect(knobs.nextFault('/delete')).toBe('http503');
    expect(knobs.nextFault('/delete')).toBe('http503');
    expect(knobs.nextFault('/delete')).toBeUndefined();

    knobs.set({ faults: [{ kind: 'busy', rate: 0.25 }] });
    let fired = 0;
    for (let i = 0; i < 4000; i++) if (knobs.nextFault('/x')) fired++;
    expect(fired).toBeGreaterThan(850);
    expect(fired).toBeLessThan(1150);
  });

  it('draws integers within bounds', () => {
    const prng = createPrng(3);
    for (let i = 0; i < 1000; i++) {
      const n = prng.int(10, 12);
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(12);
    }
  });
});
