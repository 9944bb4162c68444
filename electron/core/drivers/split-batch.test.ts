import { describe, expect, it } from 'vitest';
import { DriverError, type ItemResult } from './driver.ts';
import { splitUntilAnswered } from './split-batch.ts';

const removed = (id: string): ItemResult => ({
  id,
  outcome: 'removed',
  evidence: 'answer',
  rawCode: 'ok',
  reason: null,
});
const notFound = (id: string): ItemResult => ({
  id,
  outcome: 'already-absent',
  evidence: 'not-found',
  rawCode: 'NF',
  reason: null,
});
const whole = (error: unknown): boolean => error instanceof DriverError && error.rawCode === 'WHOLE';

describe('splitUntilAnswered', () => {
  it('splits a whole-request rejection down to the bad id, in input order', async () => {
    const sent: string[][] = [];
    const send = async (ids: readonly string[]) => {
      sent.push([...ids]);
      if (ids.includes('bad')) throw new DriverError('invalid', 'refused', 'WHOLE', 404);
      return ids.map(removed);
    };
    const results = await splitUntilAnswered(['a', 'b', 'bad', 'c'], send, whole, notFound);
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      ['a', 'removed'],
      ['b', 'removed'],
      ['bad', 'already-absent'],
      ['c', 'removed'],
    ]);
    expect(sent).toEqual([['a', 'b', 'bad', 'c'], ['a', 'b'], ['bad', 'c'], ['bad'], ['c']]);
  });

  it('keeps the answers given when a later part fails, and leaves the rest unconfirmed (never resent blindly)', async () => {
    let calls = 0;
    const send = async (ids: readonly string[]) => {
      calls++;
      if (calls === 1) throw new DriverError('invalid', 'refused', 'WHOLE', 404);
      if (calls === 3) throw new DriverError('retryable', 'busy', 'HTTP_503', 503);
      return ids.map(removed);
    };
    const results = await splitUntilAnswered(['a', 'b', 'c', 'd'], send, whole, notFound);
    expect(results.map((r) => [r.id, r.outcome, r.evidence ?? null])).toEqual([
      ['a', 'removed', 'answer'],
      ['b', 'removed', 'answer'],
      ['c', 'unconfirmed', null],
      ['d', 'unconfirmed', null],
    ]);
  });

  it('rethrows when nothing was answered yet, and always on an abort', async () => {
    const failing = async () => {
      throw new DriverError('retryable', 'busy', 'HTTP_503', 503);
    };
    await expect(splitUntilAnswered(['a', 'b'], failing, whole, notFound)).rejects.toThrow('busy');
    let calls = 0;
    const aborting = async (ids: readonly string[]) => {
      calls++;
      if (calls === 1) throw new DriverError('invalid', 'refused', 'WHOLE', 404);
      if (calls === 3) throw new Error('aborted');
      return ids.map(removed);
    };
    await expect(splitUntilAnswered(['a', 'b', 'c', 'd'], aborting, whole, notFound)).rejects.toThrow('aborted');
  });
});
