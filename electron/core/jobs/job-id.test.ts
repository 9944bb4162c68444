import { describe, expect, it } from 'vitest';
import { JOB_ID_LENGTH, newJobId } from './job-id.ts';

describe('job ids', () => {
  it('are 12 characters of [0-9a-z], all different, every character used', () => {
    const ids = Array.from({ length: 20_000 }, newJobId);
    expect(ids.every((id) => id.length === JOB_ID_LENGTH && /^[0-9a-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // The first four characters (the CLI's shortest prefix) spread over the whole alphabet.
    expect(new Set(ids.map((id) => id[0])).size).toBe(36);
    expect(new Set(ids.map((id) => id.slice(0, 4))).size).toBeGreaterThan(19_000);
  });
});
