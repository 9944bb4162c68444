import type { FaultKind } from '../common/knobs.ts';
import { errorBody, SOPHON_ERRORS, type SophonErrorBody } from './errors.ts';

/**
 * Server-level faults, drawn once per request before it is routed. `wrong-credentials` is drawn by login
 * only; `expired-credentials` never applies (the Sophon API has no token).
 */
export const SERVER_FAULTS: readonly FaultKind[] = ['http500', 'http503', 'busy', 'timeout', 'drop', 'slow-body'];

/** An answer that is not the device's JSON (framework pages, plain-text fault pages). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** A JSON answer. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * The message of the `busy` fault. The vendor lists no busy code; INTERNAL_ERROR is documented as
 * "请再次请求" (ask again), which is what a busy device means, so `busy` answers HTTP 503 with
 * `{"error": {"code": "INTERNAL_ERROR", "message": "设备忙，请稍后再试", "status": "UNAVAILABLE"}}`.
 * Clients should treat it (and any 503) as retryable.
 */
export const BUSY_MESSAGE = '设备忙，请稍后再试';

/** The body the `busy` fault answers; `intCodes`: the integer code (variant `int-codes`). */
export function busyBody(intCodes = false): SophonErrorBody {
  const code = intCodes ? SOPHON_ERRORS.INTERNAL_ERROR.index : 'INTERNAL_ERROR';
  return { error: { code, message: BUSY_MESSAGE, status: 'UNAVAILABLE' } };
}

/**
 * The answer of an answering fault: `http500` → 500 with the INTERNAL_ERROR body; `http503` → 503 with a
 * plain-text body, as the embedded web server (or a proxy in front of a restarting service) sends it;
 * `busy` → see {@link BUSY_MESSAGE}. Undefined for other kinds. `intCodes`: error codes as integers.
 */
export function faultAnswer(kind: FaultKind | undefined, intCodes = false): JsonAnswer | RawAnswer | undefined {
  if (kind === 'http500') return { status: 500, body: errorBody('INTERNAL_ERROR', undefined, intCodes) };
  if (kind === 'busy') return { status: 503, body: busyBody(intCodes) };
  if (kind === 'http503') {
    return { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, text: 'Service Unavailable' };
  }
  return undefined;
}

const TITLES: Record<number, [string, string]> = {
  404: [
    'Not Found',
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  ],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  413: ['Request Entity Too Large', 'The data value transmitted exceeds the capacity limit.'],
};

/**
 * The page the device's web framework answers before the API code runs: an unknown path (404), a method
 * other than POST (405, with `Allow: POST`), an oversized body (413). The device is a Python service; its
 * framework's stock HTML error pages are the most plausible answers, not the API's JSON errors.
 */
export function frameworkPage(status: 404 | 405 | 413): RawAnswer {
  const [title, text] = TITLES[status] as [string, string];
  const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
  if (status === 405) headers.Allow = 'POST';
  return {
    status,
    headers,
    text: `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`,
  };
}

/**
 * What an unknown path answers under the `html-200` variant: HTTP 200 with the device's web console page,
 * as an embedded web server that falls back to its single-page app's index for every path it does not
 * route. A client must not take a 200 for an answer of the API.
 */
export function consolePage(): RawAnswer {
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    text:
      '<!doctype html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>人脸识别终端</title></head>\n' +
      '<body><div id="app"></div><script src="/static/js/app.js"></script></body>\n</html>\n',
  };
}
