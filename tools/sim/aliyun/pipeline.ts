import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyTransportFault, sleep, type SimHandler } from '../common/http.ts';
import type { FaultKind, KnobBox } from '../common/knobs.ts';
import type { Prng } from '../common/prng.ts';
import type { RequestLog } from '../common/request-log.ts';
import {
  CLOUD_TOKEN_API_VER,
  CLOUD_TOKEN_PATH,
  CLOUD_TOKEN_REFRESH_PATH,
  issueCloudToken,
  refreshCloudToken,
} from './api-cloud-token.ts';
import {
  PERMISSION_DELETE_API_VER,
  PERMISSION_DELETE_PATH,
  deletePermissions,
  type AliyunVariant,
} from './api-permission-delete.ts';
import { parseEnvelope, type Envelope } from './envelope.ts';
import { GATEWAY_REJECTIONS, type AliyunErrorKey } from './errors.ts';
import { checkGateway, type NonceBook } from './gateway.ts';
import type { RateLimiter } from './rate-limit.ts';
import { sendErrorRow, sendGatewayRejection, sendSuccess, type ApiOutcome } from './respond.ts';
import type { PermissionStore } from './state.ts';
import type { TokenBook, TokenOwner } from './tokens.ts';

/** The published APIs and the one version of each. */
const API_VERSIONS = new Map([
  [CLOUD_TOKEN_PATH, CLOUD_TOKEN_API_VER],
  [CLOUD_TOKEN_REFRESH_PATH, CLOUD_TOKEN_API_VER],
  [PERMISSION_DELETE_PATH, PERMISSION_DELETE_API_VER],
]);

/** A forced answer from the error table, for rows no request can cause in a simulator. */
export interface InjectedError {
  key: AliyunErrorKey;
  /** Answer this many matching requests, then retire (default 1). */
  count?: number;
  pathIncludes?: string;
}

/** What the request pipeline works with. */
export interface PipelineContext {
  now: () => number;
  prng: Prng;
  log: RequestLog;
  knobs: KnobBox;
  limiter: RateLimiter;
  nonces: NonceBook;
  tokens: TokenBook;
  store: PermissionStore;
  /** App secrets by app key (every app the gateway knows). */
  secrets: Map<string, string>;
  /** The living platform project of each app key; an app missing here is not registered on the platform. */
  appProjects: Map<string, string>;
  injected: InjectedError[];
  /** Platform variants in force (changed while the simulator runs). */
  variants: Set<AliyunVariant>;
}

/** What the knob faults turn into, besides the transport faults. */
const FAULT_ROWS: Partial<Record<FaultKind, AliyunErrorKey>> = {
  http500: 'internalError',
  http503: 'serviceUnavailable',
  busy: 'hsfInvokeTimeout',
  'expired-credentials': 'iotTokenInvalid',
  'wrong-credentials': 'requestAuthorizedError',
};

/** Knob faults that make sense on /cloud/token (it takes no token). */
const TOKEN_CALL_FAULTS: FaultKind[] = [
  'http500',
  'http503',
  'busy',
  'timeout',
  'slow-body',
  'drop',
  'wrong-credentials',
];

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  // Raw bytes (not common/http.ts readBody's decoded text): Content-MD5 is computed over the bytes sent.
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headerMap(request: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    out[name] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

function forLog(body: Buffer): unknown {
  if (body.length === 0) return null;
  const text = body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Builds the gateway's HTTP handler: authentication, flow control, faults, then the API. */
export function createPipeline(ctx: PipelineContext): SimHandler {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const receivedAt = Date.now();
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    const body = await readRaw(request);
    const headers = headerMap(request);
    const requestId = ctx.prng.uuid().toUpperCase();
    const path = url.pathname;
    const query = [...url.searchParams];
    const entry = { method: request.method ?? '', path, query: Object.fromEntries(query), body: forLog(body) };
    const log = (status: number, extra: { fault?: string; acknowledged?: string[] } = {}): void => {
      ctx.log.add({ ...entry, receivedAt, status, ...extra });
    };
    const parsed = parseEnvelope(body, headers['content-type']);
    const id = parsed.ok ? parsed.envelope.id : parsed.id;
    const fail = async (key: AliyunErrorKey, slowMs?: number, fault?: string): Promise<void> => {
      await sendErrorRow(response, requestId, id, key, slowMs);
      log(response.statusCode, fault ? { fault } : {});
    };

    const verdict = checkGateway(
      { method: entry.method, path, query, headers, body },
      { routes: new Set(API_VERSIONS.keys()), apps: ctx.secrets, now: ctx.now, nonces: ctx.nonces },
    );
    if (!verdict.ok) {
      if (verdict.reason === 'emptySignature') return fail('emptySignature');
      const rejection = GATEWAY_REJECTIONS[verdict.reason];
      sendGatewayRejection(response, requestId, rejection.http, verdict.message ?? rejection.message);
      return log(rejection.http);
    }
    if (!ctx.limiter.admit(ctx.now())) return fail('requestLimited');

    const knobs = ctx.knobs.get();
    await sleep(knobs.latencyMs);
    const fault = ctx.knobs.nextFault(path, path === CLOUD_TOKEN_PATH ? TOKEN_CALL_FAULTS : undefined);
    if (applyTransportFault(fault, request)) return log(0, { fault: fault as string });
    const slowMs = fault === 'slow-body' ? knobs.slowBodyMs : undefined;
    const faultRow = fault === undefined ? undefined : FAULT_ROWS[fault];
    if (faultRow) return fail(faultRow, undefined, fault);

    if (!parsed.ok) return fail('requestFormatError', slowMs);
    const injected = takeInjected(ctx.injected, path);
    if (injected) return fail(injected, slowMs, `injected:${injected}`);
    const outcome = runApi(ctx, path, parsed.envelope, verdict.appKey);
    if (outcome.error) return fail(outcome.error, slowMs);
    await sleep(knobs.perItemLatencyMs * (outcome.acknowledged?.length ?? 0));
    await sendSuccess(response, requestId, parsed.envelope.id, outcome, slowMs);
    log(200, outcome.acknowledged ? { acknowledged: outcome.acknowledged } : {});
  };
}

/** The first injected error that matches `path`, consuming one use. */
function takeInjected(list: InjectedError[], path: string): AliyunErrorKey | undefined {
  const index = list.findIndex((rule) => !rule.pathIncludes || path.includes(rule.pathIncludes));
  const rule = list[index];
  if (!rule) return undefined;
  const left = (rule.count ?? 1) - 1;
  if (left <= 0) list.splice(index, 1);
  else rule.count = left;
  return rule.key;
}

/**
 * The living platform behind the gateway: an API version it does not publish is "Find Backend Error"
 * (no backend is bound to that path and version); an app the platform does not know is "app not exist";
 * business calls need a valid cloudToken (preferred when both are sent) or iotToken.
 */
function runApi(ctx: PipelineContext, path: string, envelope: Envelope, appKey: string): ApiOutcome {
  if (API_VERSIONS.get(path) !== envelope.apiVer) return { error: 'findBackendError' };
  const projectId = ctx.appProjects.get(appKey);
  if (projectId === undefined) return { error: 'appNotExist' };
  if (path === CLOUD_TOKEN_PATH) return issueCloudToken(envelope.params, appKey, projectId, ctx.tokens);
  if (path === CLOUD_TOKEN_REFRESH_PATH) {
    const revokeOld = ctx.variants.has('refresh-revokes-old');
    return refreshCloudToken(envelope.params, envelope.cloudToken, appKey, projectId, ctx.tokens, revokeOld);
  }
  const owner = resolveToken(ctx.tokens, envelope, appKey);
  if (typeof owner === 'string') return { error: owner };
  return deletePermissions(envelope.params, owner, ctx.store, {
    maxScopeIds: ctx.knobs.get().maxIdsPerRequest,
    wholeBatch3000: ctx.variants.has('batch-3000'),
  });
}

function resolveToken(tokens: TokenBook, envelope: Envelope, appKey: string): TokenOwner | AliyunErrorKey {
  const cloud = envelope.cloudToken?.trim() ? envelope.cloudToken : undefined;
  const iot = envelope.iotToken?.trim() ? envelope.iotToken : undefined;
  if (cloud === undefined && iot === undefined) return 'iotTokenBlank';
  const owner = cloud !== undefined ? tokens.check('cloud', cloud, appKey) : tokens.check('iot', iot ?? '', appKey);
  return owner ?? 'iotTokenInvalid';
}
