import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { auditOutcomes } from '../../../test/audit/ground-truth.ts';
import {
  addTerminals,
  deleteRequests,
  startTerminal,
  testCore,
  type SimTerminal,
} from '../../../test/support/removal/test-kit.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Core } from '../compose.ts';
import { DRAFT_GONE, PLAN_GONE, PLAN_STALE, PLAN_STARTED } from './errors.ts';
import { createRemovalDraftService } from './service.ts';

const people = generatePeople('drafts', 12);
const csvOf = (rows: typeof people) =>
  Buffer.from(
    ['name,identity_id,link_id', ...rows.map((p) => `${p.name},${p.identityId},${p.linkId}`)].join('\n'),
  ).toString('base64');

function refusal(run: () => unknown): { code: string; reason: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, reason: (error.details as { reason?: unknown })?.reason };
    throw error;
  }
  throw new Error('did not throw');
}

describe('reviewed plans: plan(draftId) → planId, start(planId) journals exactly that plan', () => {
  const terminals: SimTerminal[] = [];
  let core: Core;
  let cleanup: () => Promise<void>;
  const jobs = () => core.services.jobs.list().length;
  const sent = () => terminals.reduce((n, t) => n + deleteRequests(t.device).length, 0);

  beforeAll(async () => {
    terminals.push(await startTerminal('sophon', 'SPH-D', people), await startTerminal('basip', 'BAS-D', people));
    ({ core, cleanup } = testCore({ sophonBatchSize: 5, basipBatchSize: 5 }));
    await addTerminals(core, terminals);
  });
  afterAll(async () => {
    await cleanup();
    for (const t of terminals) await t.cutOff();
  });

  it('starts the reviewed plan once; a later change of the list does not change what was reviewed', async () => {
    const drafts = core.services.removalDrafts;
    const draft = drafts.read({
      source: { kind: 'file', fileName: 'leavers.csv', base64: csvOf(people.slice(0, 4)) },
      mode: 'people',
    });
    const serials = terminals.map((t) => t.serial);
    const plan = drafts.plan({ draftId: draft.draftId, devices: serials });
    expect(plan.planId).toMatch(/.+/);
    expect(plan.terminals.map((t) => [t.serial, t.items])).toEqual(serials.map((s) => [s, 4]));
    // The technician edits the list after the review: the reviewed plan is still the one started.
    drafts.read({
      draftId: draft.draftId,
      source: { kind: 'file', fileName: 'more.csv', base64: csvOf(people) },
      mode: 'people',
    });
    const { jobId, plan: started } = drafts.start(plan.planId);
    expect(started).toMatchObject({ planId: plan.planId, totalItems: 8 });
    const summary = await core.services.jobs.whenIdle(jobId);
    expect(summary).toMatchObject({ total: 8, label: 'leavers.csv', counts: { removed: 8, failed: 0 } });
    const items = core.services.jobs.show({ jobId, offset: 0, limit: 100 }).items;
    expect(auditOutcomes(items, new Map(terminals.map((t) => [t.serial, t.device])))).toEqual([]);
    expect(
      terminals.every(
        (t) =>
          !t.device.holds(
            t.kind === 'sophon' ? 'identity_id' : 'link_id',
            t.kind === 'sophon' ? people[0]!.identityId : people[0]!.linkId,
            '',
          ),
      ),
    ).toBe(true);
    // Starting it again would send everything twice.
    const before = jobs();
    expect(refusal(() => drafts.start(plan.planId))).toEqual({ code: 'CONFLICT', reason: PLAN_STARTED });
    expect(jobs()).toBe(before);
  });

  it('refuses, sending nothing, when a target moved or left the targets since the review', () => {
    const drafts = core.services.removalDrafts;
    const { draftId } = drafts.read({
      source: { kind: 'file', fileName: 'x.csv', base64: csvOf(people.slice(6, 9)) },
      mode: 'people',
    });
    const moved = drafts.plan({ draftId, devices: 'all' });
    const sophon = core.services.inventory.get(terminals[0]!.serial)!;
    core.services.inventory.save({ ...sophon, port: sophon.port + 1 });
    const before = { jobs: jobs(), sent: sent() };
    expect(refusal(() => drafts.start(moved.planId))).toEqual({ code: 'CONFLICT', reason: PLAN_STALE });
    core.services.inventory.save(sophon);

    const narrowed = drafts.plan({ draftId, devices: 'all' });
    core.services.discovery.forget(terminals[1]!.serial);
    let message = '';
    try {
      drafts.start(narrowed.planId);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/the site changed since the review \(.+ is no longer targeted\): review the plan again/);
    expect({ jobs: jobs(), sent: sent() }).toEqual(before);
  });

  it('answers coded NOT_FOUND for an expired draft or plan', () => {
    let clock = 0;
    const service = createRemovalDraftService({
      engine: core.services.removal,
      terminal: (serial) => core.services.inventory.get(serial),
      cloud: core.services.cloudJobs,
      now: () => clock,
      bounds: { drafts: { maxEntries: 4, maxIdleMs: 60_000 }, plans: { maxEntries: 4, maxIdleMs: 10_000 } },
    });
    const { draftId } = service.read({ source: { kind: 'paste', text: people[10]!.identityId }, mode: 'people' });
    const plan = service.plan({ draftId, devices: [terminals[0]!.serial] });
    clock += 10_001;
    expect(refusal(() => service.start(plan.planId))).toEqual({ code: 'NOT_FOUND', reason: PLAN_GONE });
    clock += 60_001;
    expect(refusal(() => service.plan({ draftId, devices: 'all' }))).toEqual({ code: 'NOT_FOUND', reason: DRAFT_GONE });
    expect(refusal(() => service.start('no-such-plan'))).toEqual({ code: 'NOT_FOUND', reason: PLAN_GONE });
  });
});
