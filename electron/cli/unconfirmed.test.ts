import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { JobItem, JobSummary, OutcomeCounts } from '../../shared/domain/removal.ts';
import { DraftPlanRequestSchema, type DraftSummary, type ReviewedPlan } from '../../shared/domain/removal-draft.ts';
import type { Operation } from '../../shared/domain/sync.ts';
import { followCloudJob } from './commands/cloud-follow.ts';
import { itemRow, JOB_ITEM_HEADERS, JOB_LIST_HEADERS, summaryRow } from './commands/jobs.ts';
import { registerRemovalCommands } from './commands/removal.ts';
import { registerSyncCommands } from './commands/sync.ts';
import type { CliContext } from './context.ts';
import { describeCounts, printJobSummary } from './job-follow.ts';

const COUNTS: OutcomeCounts = { removed: 0, 'already-absent': 0, failed: 0, queued: 0, cancelled: 0, pending: 0 };

const summary = (counts: Partial<OutcomeCounts>, overrides: Partial<JobSummary> = {}): JobSummary => ({
  id: 'job-unconfirmed',
  kind: 'remove',
  state: 'done',
  mode: 'people',
  verify: true,
  label: null,
  createdAt: Date.UTC(2026, 4, 1),
  updatedAt: 0,
  finishedAt: 0,
  total: 3,
  terminals: 1,
  counts: { ...COUNTS, ...counts },
  verified: 2,
  unverified: 0,
  error: null,
  ...overrides,
});

const PLAN: ReviewedPlan = {
  planId: 'plan-1',
  mode: 'people',
  terminals: [],
  offline: [],
  skipped: [],
  totalItems: 1,
  unplannableItems: 0,
  estimatedMs: 0,
};

/** What `removal:parse-input` answers for ids on the command line: a draft with `count` valid ids. */
const draft = (count: number): DraftSummary => ({
  draftId: 'draft-1',
  mode: 'people',
  label: 'ids from the command line',
  input: {
    source: 'paste',
    table: false,
    encoding: null,
    delimiter: null,
    hasHeader: false,
    headerLine: null,
    columns: [],
    preview: [],
    mapping: { nativeId: 0 },
    mappingProblem: null,
    list: { mode: 'people', valid: count, errors: [], duplicates: 0, invalidRows: 0, blankLines: 0, totalRows: count },
    moreErrors: 0,
  },
  picked: 0,
  total: count,
  panelLocal: 0,
  cloudUsers: count,
});

/**
 * A CLI context without a core: records the calls, answers them from `answers` (`devices:check-all`: no
 * terminals, unless given), captures output and exit code; events are never sent.
 */
function fakeContext(answers: Record<string, unknown>) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: [string, unknown][] = [];
  let exitCode = 0;
  const answered: Record<string, unknown> = {
    'devices:check-all': [],
    'removal:parse-input': draft(1),
    'removal:plan': PLAN,
    ...answers,
  };
  const context: CliContext = {
    output: { out: (text) => out.push(text), err: (text) => err.push(text) },
    json: () => false,
    call: async (channel, request) => {
      calls.push([channel, request]);
      if (!(channel in answered)) throw new Error(`no answer for ${channel}`);
      return answered[channel] as never;
    },
    on: () => () => undefined,
    print: (data) => out.push(JSON.stringify(data)),
    setExitCode: (code) => {
      exitCode = code;
    },
    exitCode: () => exitCode,
  };
  return { context, out, err, calls, exitCode: () => exitCode };
}

/** `fcom remove ...` against a fake context; commander's errors are thrown, not exits. */
async function remove(fake: ReturnType<typeof fakeContext>, ...args: string[]): Promise<void> {
  const program = new Command('fcom').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerRemovalCommands(program, fake.context);
  await program.parseAsync(['remove', ...args], { from: 'user' });
}

describe('fcom remove: read-back on by default, --no-verify turns it off', () => {
  it('leaves verification on without an option, and --verify keeps it on', async () => {
    const fake = fakeContext({});
    await remove(fake, '--ids', '100001', '--devices', 'all', '--dry-run');
    await remove(fake, '--ids', '100001', '--devices', 'all', '--dry-run', '--verify');
    const plans = fake.calls.filter(([channel]) => channel === 'removal:plan');
    const [plain, verified] = plans.map(([, request]) => DraftPlanRequestSchema.parse(request));
    expect(plain?.verify).toBe(true);
    expect(verified?.verify).toBe(true);
  });

  it('sends verify: false with --no-verify', async () => {
    const fake = fakeContext({});
    await remove(fake, '--ids', '100001', '--devices', 'all', '--dry-run', '--no-verify');
    // The ids go into a draft in the core, which is planned: no item list is sent.
    expect(fake.calls).toEqual([
      [
        'removal:parse-input',
        { source: { kind: 'paste', text: '100001' }, mode: 'people', label: 'ids from the command line' },
      ],
      ['devices:check-all', {}],
      ['removal:plan', { draftId: 'draft-1', devices: 'all', verify: false }],
    ]);
  });

  it('refuses --no-verify with --cloud, before anything is sent', async () => {
    const fake = fakeContext({});
    await expect(remove(fake, '--cloud', 'aliyun', '--ids', 'u1', '--scope', 'iot:d1', '--no-verify')).rejects.toThrow(
      '--no-verify applies to terminals',
    );
    expect(fake.calls).toEqual([]);
  });

  it('says both options in its help', () => {
    const program = new Command('fcom');
    registerRemovalCommands(program, fakeContext({}).context);
    const help = program.commands.find((c) => c.name() === 'remove')?.helpInformation() ?? '';
    expect(help).toContain('--verify');
    expect(help).toContain('--no-verify');
    expect(help).toContain('unconfirmed');
  });
});

describe('unconfirmed items in the CLI', () => {
  it('exits 1 after `fcom remove` when an item ended unconfirmed, and says how to settle it', async () => {
    const ended = summary({ removed: 2, unconfirmed: 1 });
    const fake = fakeContext({
      'removal:parse-input': draft(3),
      'removal:start': { jobId: ended.id, plan: PLAN },
      'jobs:wait': ended,
    });
    await remove(fake, '--ids', '1,2,3', '--devices', 'all');
    // Exactly the plan printed as the dry run is started.
    expect(fake.calls).toContainEqual(['removal:start', { planId: 'plan-1' }]);
    expect(fake.err.join('\n')).toContain('Dry run (people): 1 items on 0 terminal(s)');
    expect(fake.exitCode()).toBe(1);
    const text = fake.out.join('\n');
    expect(text).toContain('removed 2, already absent 0, failed 0, unconfirmed 1');
    expect(text).toContain(`fcom jobs show ${ended.id} --outcome unconfirmed`);
    expect(text).toContain(`fcom jobs retry-failed ${ended.id}`);
  });

  it('exits 0 only when every item ended removed or already absent (a missing count is zero)', () => {
    const settled = fakeContext({});
    printJobSummary(settled.context, summary({ removed: 2, 'already-absent': 1 }));
    expect(settled.exitCode()).toBe(0);
    expect(settled.out.join('\n')).not.toContain('--outcome unconfirmed');
    const unconfirmed = fakeContext({});
    printJobSummary(unconfirmed.context, summary({ removed: 2, unconfirmed: 1 }));
    expect(unconfirmed.exitCode()).toBe(1);
  });

  it('exits 1 after an Alibaba Cloud removal with an unconfirmed pair', async () => {
    const ended = summary({ removed: 1, unconfirmed: 1 }, { kind: 'aliyun-removal', verify: false });
    const fake = fakeContext({ 'jobs:wait': ended });
    await followCloudJob(fake.context, ended.id);
    expect(fake.calls).toEqual([['jobs:wait', { jobId: ended.id }]]);
    expect(fake.exitCode()).toBe(1);
    expect(fake.out.join('\n')).toContain('unconfirmed 1');
  });

  it('lists unconfirmed apart in `fcom jobs list`, and each item’s evidence in `fcom jobs show`', () => {
    const row = summaryRow(summary({ removed: 5, failed: 2, unconfirmed: 3, queued: 1 }));
    expect(row).toHaveLength(JOB_LIST_HEADERS.length);
    const cell = (name: (typeof JOB_LIST_HEADERS)[number]) => row[JOB_LIST_HEADERS.indexOf(name)];
    expect([cell('removed'), cell('failed'), cell('unconfirmed'), cell('queued')]).toEqual(['5', '2', '3', '1']);
    expect(describeCounts({ ...COUNTS, removed: 1 })).toContain('unconfirmed 0');

    const item = (outcome: JobItem['outcome'], evidence: JobItem['evidence'], verified: boolean | null): JobItem => ({
      seq: 0,
      terminal: 'SPH-1',
      terminalKind: 'sophon',
      line: 2,
      name: null,
      personKey: '1',
      idKind: 'identity_id',
      nativeId: '100001',
      faceId: null,
      outcome,
      rawCode: null,
      reason: null,
      evidence,
      attempts: 1,
      verified,
      updatedAt: 0,
    });
    const evidenceOf = (row: string[]) => row[JOB_ITEM_HEADERS.indexOf('evidence')];
    expect(evidenceOf(itemRow(item('removed', 'answer', null), false))).toBe('terminal confirmed');
    expect(evidenceOf(itemRow(item('removed', 'answer', true), false))).toBe('terminal confirmed, read back');
    expect(evidenceOf(itemRow(item('removed', 'read-back', true), false))).toBe('read back');
    expect(evidenceOf(itemRow(item('already-absent', 'not-found', null), false))).toBe('terminal said not found');
    expect(evidenceOf(itemRow(item('already-absent', 'read-before', true), false))).toBe('read before sending');
    expect(evidenceOf(itemRow(item('removed', 'answer', null), true))).toBe('cloud confirmed');
    const unconfirmed = itemRow(item('unconfirmed', null, null), false);
    expect(unconfirmed[JOB_ITEM_HEADERS.indexOf('outcome')]).toBe('unconfirmed');
    expect(evidenceOf(unconfirmed)).toBe('');
  });

  it('marks an unconfirmed operation in `fcom sync list`', async () => {
    const op = (id: string, outcome: string): Operation => ({
      id,
      source: 'removal',
      jobId: 'job-1',
      jobLabel: null,
      kind: 'remove-person',
      targetKind: 'terminal',
      target: 'SPH-1',
      targetName: 'Gate',
      channel: null,
      subject: '100001',
      subjectName: null,
      state: 'needs-attention',
      outcome,
      reasonCode: 'failed',
      reason: null,
      rawCode: null,
      attempts: 1,
      retryable: true,
      queuedAt: null,
      syncedAt: null,
      updatedAt: 0,
      discardedBy: null,
      discardedAt: null,
      drift: null,
    });
    const fake = fakeContext({
      'sync:list': { items: [op('removal:1', 'unconfirmed'), op('removal:2', 'failed')], matching: 2 },
    });
    const program = new Command('fcom').exitOverride();
    registerSyncCommands(program, fake.context);
    await program.parseAsync(['sync', 'list'], { from: 'user' });
    expect(fake.out.find((line) => line.startsWith('removal:1'))).toContain('needs-attention (unconfirmed)');
    expect(fake.out.find((line) => line.startsWith('removal:2'))).not.toContain('unconfirmed');
  });
});
