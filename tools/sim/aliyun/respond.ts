import type { ServerResponse } from 'node:http';
import { sendJson } from '../common/http.ts';
import { ALIYUN_ERRORS, type AliyunErrorKey } from './errors.ts';

/** What an API handler answers: a row of the error table, or success. */
export type ApiOutcome =
  { error: AliyunErrorKey } | { error?: undefined; message: string | null; data?: unknown; acknowledged?: string[] };

/** Every answer carries the gateway's request id. */
function baseHeaders(requestId: string): Record<string, string> {
  return { 'X-Ca-Request-Id': requestId };
}

/**
 * A rejection by the API gateway itself (signature, app key, timestamp, nonce, URL): the status, the
 * explanation in `X-Ca-Error-Message` and an empty body, as Alibaba Cloud's API gateway answers.
 */
export function sendGatewayRejection(
  response: ServerResponse,
  requestId: string,
  status: number,
  message: string,
): void {
  response.writeHead(status, { ...baseHeaders(requestId), 'X-Ca-Error-Message': message, 'Content-Length': 0 });
  response.end();
}

/**
 * A row of the vendor's error table: `{"id","code","message","localizedMsg","data":null}`. Rows whose
 * HTTP status is not 200 (500, 503, 403 Request Limited, 401 Empty Signature, 400 Request Format Error) also
 * explain themselves in `X-Ca-Error-Message`, like every gateway-level answer.
 */
export async function sendErrorRow(
  response: ServerResponse,
  requestId: string,
  id: string | null,
  key: AliyunErrorKey,
  slowMs?: number,
): Promise<void> {
  const row = ALIYUN_ERRORS[key];
  const headers = baseHeaders(requestId);
  if (row.http !== 200) headers['X-Ca-Error-Message'] = row.message;
  const body = { id, code: row.code, message: row.message, localizedMsg: row.localizedMsg, data: null };
  await sendJson(response, row.http, body, { headers, ...(slowMs ? { slowMs } : {}) });
}

/** A success: code 200, with `data` only when the API has some (the delete's documented answer has none). */
export async function sendSuccess(
  response: ServerResponse,
  requestId: string,
  id: string,
  outcome: { message: string | null; data?: unknown },
  slowMs?: number,
): Promise<void> {
  const body: Record<string, unknown> = { id, code: 200, message: outcome.message, localizedMsg: null };
  if (outcome.data !== undefined) body.data = outcome.data;
  await sendJson(response, 200, body, { headers: baseHeaders(requestId), ...(slowMs ? { slowMs } : {}) });
}
