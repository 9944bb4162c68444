import { afterEach, describe, expect, it } from 'vitest';
import type { FirmwareVariant } from '../common/knobs.ts';
import { generatePeople } from '../common/people.ts';
import { MAX_IDENTITY_ID_LENGTH } from './constants.ts';
import { startSophon, type RunningSophon } from './test-client.ts';

/** The firmware variants that refuse a `deleteidentities` batch as a whole (knobs.ts, ops-identity-list.ts). */

const people = generatePeople('variants-delete', 6);
const [a, b, c] = people.map((person) => person.identityId) as [string, string, string];
const TOO_LONG = 'x'.repeat(MAX_IDENTITY_ID_LENGTH + 1);

describe('Sophon deleteidentities firmware variants', () => {
  let sim: RunningSophon;
  afterEach(() => sim.close());

  const start = async (variants: FirmwareVariant[]): Promise<void> => {
    sim = await startSophon({ seed: 'variants-delete', people, knobs: { variants } });
  };
  const remove = (ids: string[]) => sim.call('deleteidentities', { identity_ids: ids });

  it('by default, unknown and invalid ids go to failed_identity_ids and the rest is deleted', async () => {
    await start([]);
    const answer = await remove([a, 'ghost', '', TOO_LONG, b]);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ success_identity_ids: [a, b], failed_identity_ids: ['ghost', '', TOO_LONG] });
    expect(sim.device.stats().people).toBe(4);
  });

  it('batch-not-found: one unknown id refuses the whole batch with ID_NOT_FOUND and deletes nothing', async () => {
    await start(['batch-not-found']);
    const answer = await remove([a, 'ghost', b]);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({
      error: { code: 'ID_NOT_FOUND', message: '未找到的ID值: ghost', status: 'NOT_FOUND' },
    });
    expect(sim.device.stats().people).toBe(6);
    expect(sim.device.log.all().at(-1)).toMatchObject({ status: 404, acknowledged: undefined });
    // A batch of known ids is deleted as usual; a single unknown id is refused the same way.
    expect((await remove([a, b])).json).toEqual({ success_identity_ids: [a, b], failed_identity_ids: [] });
    expect((await remove([a])).json).toMatchObject({ error: { code: 'ID_NOT_FOUND' } });
    expect(sim.device.stats().people).toBe(4);
  });

  it('batch-invalid: an empty or over-long id refuses the whole batch with INVALID_ARGUMENTS', async () => {
    await start(['batch-invalid']);
    for (const bad of ['', TOO_LONG]) {
      const answer = await remove([a, bad, b]);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({
        error: {
          code: 'INVALID_ARGUMENTS',
          message: `无效参数的值: identity_ids=${JSON.stringify(bad)}`,
          status: 'INVALID_ARGUMENT',
        },
      });
    }
    expect(sim.device.stats().people).toBe(6);
    // The longest valid id is accepted; unknown valid ids still go to failed_identity_ids.
    const edge = 'y'.repeat(MAX_IDENTITY_ID_LENGTH);
    expect((await remove([a, edge])).json).toEqual({ success_identity_ids: [a], failed_identity_ids: [edge] });
  });

  it('both variants: validity is checked before existence', async () => {
    await start(['batch-not-found', 'batch-invalid']);
    expect((await remove(['ghost', ''])).json).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
    expect((await remove(['ghost', c])).json).toMatchObject({ error: { code: 'ID_NOT_FOUND' } });
    expect(sim.device.stats().people).toBe(6);
  });
});
