import fc from 'fast-check';
import { channels } from '../../shared/ipc/contract.ts';
import type { Channel } from '../../shared/ipc/types.ts';
import { csvFile, rawBytes } from './csv-arbitraries.ts';
import { credentials, int, jobId, junk, kind, serial, shaped, text } from './payload-parts.ts';

/** Anything at all, and the known-job token, for the tests that use these payloads. */
export { junk, KNOWN_JOB } from './payload-parts.ts';

/**
 * Arbitrary payloads for every IPC channel: anything at all, and "near misses" shaped like the channel's
 * request (each field valid, at a boundary, one past it, or of another type; keys dropped; unknown keys
 * added). The oracle is the contract's own request schema, so both valid and invalid payloads are useful.
 */

const devicesOf = fc.oneof(fc.constant('all'), fc.array(serial, { maxLength: 3 }), fc.constantFrom('ALL', 'none'));

/** A `removal:plan` request, valid or nearly: a draft id (unknown to the core) and the run's options. */
const nearPlanRequest = shaped({
  draftId: fc.oneof(jobId, text(0, 80)),
  devices: devicesOf,
  verify: fc.oneof(fc.boolean(), fc.constantFrom('true', 1)),
  match: fc.constantFrom('id', 'name', 'uid'),
  confirmAmbiguous: fc.oneof(fc.boolean(), fc.constant('yes')),
  skipUnresolved: fc.oneof(fc.boolean(), fc.constant(0)),
});

/** A `removal:plan` request the contract accepts (the draft store is reached: it answers NOT_FOUND). */
const validPlanRequest = fc.record(
  {
    draftId: fc.string({ minLength: 1, maxLength: 16 }),
    devices: fc.oneof(
      fc.constant('all' as const),
      fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
    ),
    verify: fc.boolean(),
  },
  { requiredKeys: ['draftId', 'devices'] },
);

const removalTuning = shaped({
  sophonBatchSize: int(1, 500),
  basipBatchSize: int(1, 500),
  concurrency: int(1, 64),
  perTerminal: int(1, 8),
  maxAttempts: int(1, 20),
  requestTimeoutMs: int(500, 120_000),
});

const empty = shaped({});

const columnIndex = fc.oneof(fc.nat({ max: 6 }), fc.constantFrom(-1, 1.5, '0'));
const mapping = shaped({
  identity_id: columnIndex,
  link_id: columnIndex,
  uid: columnIndex,
  name: columnIndex,
  nativeId: columnIndex,
});
const base64Of = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** A `removal:parse-input` source: pasted text or a file's base64 (CSV of any kind, or any bytes). */
const inputSource = fc.oneof(
  fc.record({
    kind: fc.constant('paste'),
    text: fc.oneof(
      csvFile.map((file) => file.text),
      text(0, 200),
    ),
  }),
  fc.record({
    kind: fc.constant('file'),
    fileName: fc.oneof(fc.constantFrom('people.csv', '名单.csv'), text(1, 300)),
    base64: fc.oneof(
      csvFile.map((file) => base64Of(file.bytes)),
      rawBytes.map(base64Of),
      fc.constantFrom('', 'MTAwMQ==', '@@', 'AAAA', 'A', '===='),
    ),
  }),
);

/**
 * The near-miss payload arbitrary of each channel, by name. Keyed by plain strings so that the contract can
 * grow without breaking the type check here: a channel not listed gets {@link derivedNearMiss}.
 */
export const nearMiss: Record<string, fc.Arbitrary<unknown>> = {
  'app:info': empty,
  'settings:get': empty,
  'settings:update': shaped({
    language: fc.constantFrom('en', 'zh-CN', 'fr', 'EN'),
    siteAdapters: fc.array(text(1, 64), { maxLength: 34 }),
    removal: removalTuning,
  }),
  'status:get': empty,
  'network:adapters': empty,
  'devices:list': empty,
  'devices:add': shaped({ address: text(1, 300), kind, credentials }),
  'devices:forget': shaped({ serial }),
  'devices:people': shaped({ serial, pageIndex: int(0, 1_000_000), pageSize: int(1, 100) }),
  'devices:set-credentials': shaped({
    target: fc.oneof(shaped({ serial }), shaped({ kind }), shaped({ serial, kind })),
    credentials,
  }),
  'discovery:start': shaped({ adapters: fc.array(text(1, 64), { maxLength: 34 }) }),
  'discovery:stop': empty,
  'discovery:state': empty,
  'discovery:sweep': shaped({
    cidr: fc.oneof(text(1, 64), fc.constantFrom('10.0.0.0/8', '127.0.0.1/32', '192.168.1.0/24', '1.2.3.4/33')),
  }),
  'jobs:cancel': shaped({ jobId }),
  'removal:parse-input': fc.oneof(
    shaped({
      draftId: fc.oneof(jobId, text(0, 80)),
      source: fc.oneof(inputSource, shaped({ kind: fc.constantFrom('paste', 'file', 'url'), text: text(0, 20) })),
      mode: fc.constantFrom('people', 'faces-only', 'all'),
      mapping,
      column: text(0, 40),
      names: fc.oneof(fc.boolean(), fc.constant('yes')),
    }),
    fc.record(
      { source: inputSource, mode: fc.constantFrom('people', 'faces-only'), mapping },
      { requiredKeys: ['source'] },
    ),
  ),
  'removal:plan': fc.oneof(nearPlanRequest, validPlanRequest),
  'removal:start': fc.oneof(shaped({ planId: fc.oneof(jobId, text(0, 80)) }), fc.record({ planId: jobId })),
  'removal:draft-page': shaped({
    draftId: fc.oneof(jobId, text(0, 80)),
    part: fc.constantFrom('items', 'picked', 'errors', 'all'),
    offset: int(0, 10_000_000),
    limit: int(1, 500),
  }),
  'jobs:list': shaped({ limit: int(1, 1000) }),
  'jobs:show': shaped({
    jobId,
    outcome: fc.constantFrom('removed', 'already-absent', 'failed', 'queued', 'cancelled', 'pending', 'done'),
    terminal: serial,
    offset: int(0, 10_000_000),
    limit: int(1, 1000),
  }),
  'jobs:pause': shaped({ jobId }),
  'jobs:resume': shaped({ jobId }),
  'jobs:retry-failed': shaped({ jobId }),
  'jobs:export': shaped({ jobId, format: fc.constantFrom('csv', 'json', 'xml') }),
  // The sync queue and the report (issue 7): ids name no operation of the empty journal, so actions are refused.
  'sync:status': empty,
  'sync:list': shaped({
    state: fc.constantFrom('queued', 'running', 'done', 'needs-attention', 'discarded', 'failed'),
    target: serial,
    offset: int(0, 10_000_000),
    limit: int(1, 1000),
  }),
  'sync:now': empty,
  'sync:retry': shaped({
    selection: fc.oneof(
      shaped({
        ids: fc.array(fc.oneof(text(0, 160), fc.constantFrom('removal:1', 'push:2', ':', 'x')), { maxLength: 3 }),
      }),
      shaped({ all: fc.constantFrom('needs-attention', 'queued') }),
    ),
  }),
  'sync:discard': shaped({
    selection: fc.oneof(
      shaped({ ids: fc.array(fc.oneof(text(0, 160), fc.constantFrom('removal:1', 'push:2')), { maxLength: 3 }) }),
      shaped({ all: fc.constantFrom('needs-attention', 'queued') }),
    ),
    confirm: fc.constantFrom(true, false, 'yes'),
  }),
  'report:build': shaped({
    format: fc.constantFrom('html', 'csv', 'pdf'),
    since: fc.oneof(int(0, 2_000_000_000_000), fc.constant(-1)),
    until: int(0, 2_000_000_000_000),
  }),
  // Cloud channels (issue 6). Settings never save usable credentials here, so no accepted payload reaches a
  // real cloud: tests, pushes and removals are refused (not configured) or fail without a network call.
  'cloud:get-config': empty,
  'cloud:set-config': fc.oneof(
    shaped({
      cloud: fc.constantFrom('tuya', 'aliyun', 'azure'),
      settings: shaped({
        baseUrl: fc.constantFrom('http://127.0.0.1:9', 'https://127.0.0.1:9', 'http://example.com', 'ftp://x', ''),
        projectId: text(0, 64),
      }),
      secrets: shaped({ clientSecret: fc.constant(null), appKey: fc.constant(null), token: text(0, 8) }),
    }),
    fc.record(
      {
        cloud: fc.constant('aliyun'),
        settings: fc.record(
          { batchSize: fc.integer({ min: 1, max: 50 }), requestsPerSecond: fc.integer({ min: 1, max: 50 }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['cloud'] },
    ),
  ),
  'cloud:test': shaped({ cloud: fc.constantFrom('tuya', 'aliyun', 'TUYA') }),
  'permissions:channels': empty,
  'permissions:push': shaped({
    channelIds: fc.array(text(1, 128), { maxLength: 3 }),
    mode: fc.constantFrom('full', 'increment', 'all'),
    certificate: fc.constantFrom('card', 'card+face', 'card+password', 'card+password+face', 'face', 2),
    label: text(0, 300),
  }),
  'permissions:tasks': shaped({ jobId }),
  'permissions:task-detail': shaped({
    taskId: text(1, 128),
    state: fc.constantFrom('pending', 'failed', 'succeeded', 'ok'),
    offset: int(0, 10_000_000),
    limit: int(1, 1000),
  }),
  'permissions:retry-failed': shaped({ jobId }),
  'cloud-removal:start': shaped({
    userType: fc.constantFrom('IDENTITY', 'OPEN', 'YUNDUN', 'PHONE', 'X'),
    userIds: fc.array(text(0, 128), { maxLength: 4 }),
    scopeType: fc.constantFrom('IOT_ID', 'SPACE_ID', 'DEVICE'),
    scopeIds: fc.array(text(0, 128), { maxLength: 3 }),
    label: text(0, 300),
  }),
};

/** A near miss for a channel without a hand-written one: its request's keys, each holding anything. */
export function derivedNearMiss(channel: Channel): fc.Arbitrary<unknown> {
  const shape = (channels[channel].request as { shape?: Record<string, unknown> }).shape ?? {};
  return shaped(Object.fromEntries(Object.keys(shape).map((key) => [key, junk])));
}

/** Any payload for `channel`: anything at all, or a near miss of its request shape. */
export function payloadFor(channel: Channel): fc.Arbitrary<unknown> {
  const near = nearMiss[channel] ?? derivedNearMiss(channel);
  return fc.oneof({ weight: 1, arbitrary: junk }, { weight: 3, arbitrary: near });
}

/** Channel names a client might send by mistake or malice: near misses of real names and prototype keys. */
export const notAChannel: fc.Arbitrary<unknown> = fc.oneof(
  junk,
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'devices:ADD', 'devices:add '),
  fc.string({ maxLength: 30 }).map((s) => `devices:${s}`),
);
