import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyTransportFault, readBody, sendJson, sleep, type SimHandler } from '../common/http.ts';
import type { FaultKind, KnobBox } from '../common/knobs.ts';
import type { RequestLog } from '../common/request-log.ts';
import type { Body } from './args.ts';
import { SOPHON_BASE_PATH } from './constants.ts';
import { SophonError } from './errors.ts';
import { type JsonAnswer, type RawAnswer, SERVER_FAULTS, consolePage, faultAnswer, frameworkPage } from './faults.ts';
import type { OpContext, OpTable } from './op-types.ts';
import type { SophonStore } from './store.ts';

/** What the request pipeline works on. */
export interface SophonHandlerDeps {
  store: SophonStore;
  knobs: KnobBox;
  log: RequestLog;
  ops: OpTable;
  credentials: { username: string; password: string };
}

/** The outcome of one request: an answer plus what the log records. */
type Outcome = (JsonAnswer | RawAnswer) & { acknowledged?: string[] };

/** `application/json`, with or without parameters such as `charset=utf-8`, in any letter case. */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function parseBody(raw: string): Body {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SophonError('INVALID_REQUEST_JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SophonError('INVALID_REQUEST_JSON');
  return parsed as Body;
}

function logBody(raw: string): unknown {
  if (raw === '') return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function sendRaw(response: ServerResponse, answer: RawAnswer): void {
  response.writeHead(answer.status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.text) });
  response.end(answer.text);
}

/**
 * Builds the device's HTTP handler. Per request, in order: read the body; read the knobs; draw a server
 * fault; wait `latencyMs`; apply `drop`/`timeout`/`http500`/`http503`/`busy`; route (unknown op → 404
 * page, or a 200 HTML page under the `html-200` variant; non-POST → 405 page); check the content type (UNSUPPORT_CONTENT_TYPE); parse the JSON object
 * (INVALID_REQUEST_JSON, also for an empty body or a non-object); run the operation. `slow-body` dribbles
 * the normal answer out over `slowBodyMs`. Every request lands in the log with its status (0 when none was
 * sent), its fault and, for deletes, the ids removed. Under the `int-codes` variant every error answer
 * carries its integer code (errors.ts).
 */
export function createSophonHandler(deps: SophonHandlerDeps): SimHandler {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://device.invalid');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const record = (status: number, body: unknown, fault?: string, acknowledged?: string[]): void => {
      deps.log.add({ method, path, query: Object.fromEntries(url.searchParams), body, status, fault, acknowledged });
    };

    let raw: string;
    try {
      raw = await readBody(request);
    } catch (error) {
      if ((error as { status?: number }).status !== 413) {
        record(0, null); // the client went away while sending
        return;
      }
      const page = frameworkPage(413);
      record(page.status, null);
      sendRaw(response, page);
      return;
    }
    const knobs = deps.knobs.get();
    let fault: FaultKind | undefined = deps.knobs.nextFault(path, SERVER_FAULTS);
    await sleep(knobs.latencyMs);

    if (applyTransportFault(fault, request)) {
      record(0, logBody(raw), fault);
      return;
    }
    let outcome: Outcome | undefined = faultAnswer(fault, knobs.variants.includes('int-codes'));
    if (!outcome) {
      const context: Omit<OpContext, 'body'> = {
        store: deps.store,
        knobs,
        credentials: deps.credentials,
        takeFault: (kind) => {
          if (deps.knobs.nextFault(path, [kind]) !== kind) return false;
          fault = kind;
          return true;
        },
      };
      outcome = await route(deps.ops, method, path, request.headers['content-type'], raw, context);
    }

    // Logged before the answer goes out, so a client that has its answer always finds the entry.
    record(outcome.status, logBody(raw), fault, outcome.acknowledged);
    if ('text' in outcome) sendRaw(response, outcome);
    else
      await sendJson(response, outcome.status, outcome.body, { slowMs: fault === 'slow-body' ? knobs.slowBodyMs : 0 });
  };
}

async function route(
  ops: OpTable,
  method: string,
  path: string,
  contentType: string | undefined,
  raw: string,
  context: Omit<OpContext, 'body'>,
): Promise<Outcome> {
  const name = path.startsWith(SOPHON_BASE_PATH) ? path.slice(SOPHON_BASE_PATH.length) : '';
  const op = Object.hasOwn(ops, name) ? ops[name] : undefined;
  if (!op) return context.knobs.variants.includes('html-200') ? consolePage() : frameworkPage(404);
  if (method !== 'POST') return frameworkPage(405);
  try {
    if (!isJsonContentType(contentType)) throw new SophonError('UNSUPPORT_CONTENT_TYPE', contentType ?? '');
    const result = await op({ ...context, body: parseBody(raw) });
    return { status: 200, body: result.body, acknowledged: result.acknowledged };
  } catch (error) {
    if (error instanceof SophonError) {
      return { status: error.httpStatus, body: error.toBody(context.knobs.variants.includes('int-codes')) };
    }
    throw error; // a simulator bug: let serve() report it instead of disguising it as INTERNAL_ERROR
  }
}
