import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../common/knobs.ts';
import type { RequestLog } from '../common/request-log.ts';
import { applyTransportFault, readBody, sendJson, sleep, type SimHandler } from '../common/http.ts';
import { DEVICE_BUSY, errorBody, INTERNAL_ERROR, SERVICE_UNAVAILABLE, type BasipApiError } from './errors.ts';
import type { PanelAnswer, PanelState } from './panel.ts';
import { createRouter } from './router.ts';

/** The faults decided when a request arrives (the credentials faults are decided by login and the guard). */
const ARRIVAL_FAULTS: readonly FaultKind[] = ['timeout', 'drop', 'http500', 'http503', 'busy', 'slow-body'];

const STATUS_FAULTS: Partial<Record<FaultKind, BasipApiError>> = {
  http500: INTERNAL_ERROR,
  http503: SERVICE_UNAVAILABLE,
  busy: DEVICE_BUSY,
};

/**
 * The HTTP handler of a panel. Per request it reads the knobs afresh, then: draws an arrival fault
 * (`timeout`/`drop` take the request over unanswered; `http500`/`http503`/`busy` answer an error without
 * touching data), waits `latencyMs`, runs the route, waits `perItemLatencyMs` per item touched — AFTER the
 * change is made, so a client that gives up during that wait still changed the panel — logs the request,
 * and sends the answer (dribbled over `slowBodyMs` with `slow-body`).
 */
export function createHandler(state: PanelState, log: RequestLog): SimHandler {
  const route = createRouter(state);
  return async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://panel.invalid');
    const method = request.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    let rawBody: string;
    try {
      rawBody = await readBody(request);
    } catch {
      log.add({ method, path: url.pathname, query, body: null, status: 413 });
      response.writeHead(413, { 'Content-Type': 'text/plain' }).end('Request Entity Too Large');
      return;
    }
    const entry = { method, path: url.pathname, query, body: bodyForLog(rawBody) };
    const knobs = state.knobs.get();
    const fault = state.knobs.nextFault(url.pathname, ARRIVAL_FAULTS);
    if (fault === 'timeout' || fault === 'drop') {
      log.add({ ...entry, status: 0, fault });
      applyTransportFault(fault, request);
      return;
    }
    await sleep(knobs.latencyMs);
    const statusFault = fault ? STATUS_FAULTS[fault] : undefined;
    let answer: PanelAnswer;
    if (statusFault) {
      answer = { status: statusFault.status, body: errorBody(state.errorStyle, statusFault), fault };
    } else {
      answer = route({
        state,
        request: {
          method,
          path: url.pathname,
          query: url.searchParams,
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
          rawBody,
        },
      });
      await sleep(knobs.perItemLatencyMs * (answer.items ?? 0));
    }
    const logFault = answer.fault ?? fault;
    log.add({
      ...entry,
      status: answer.status,
      ...(logFault ? { fault: logFault } : {}),
      ...(answer.acknowledged ? { acknowledged: answer.acknowledged } : {}),
    });
    await send(response, answer, fault === 'slow-body' ? knobs.slowBodyMs : 0);
  };
}

async function send(response: ServerResponse, answer: PanelAnswer, slowMs: number): Promise<void> {
  if (answer.body !== undefined) {
    await sendJson(response, answer.status, answer.body, {
      slowMs,
      ...(answer.headers ? { headers: answer.headers } : {}),
    });
    return;
  }
  const text = answer.text ?? '';
  const headers: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(text), ...answer.headers };
  if (text && headers['Content-Type'] === undefined) headers['Content-Type'] = 'text/plain; charset=utf-8';
  response.writeHead(answer.status, headers).end(text);
}

/** The parsed JSON body, the raw text when it is not JSON, or null when empty. */
function bodyForLog(raw: string): unknown {
  if (raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
