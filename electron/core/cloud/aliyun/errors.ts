import { DriverError, type FailureKind } from '../../drivers/driver.ts';
import { failureKindOfMeaning, type CodeMeaning } from './codes.ts';

/**
 * Why a call to the Alibaba Cloud gateway failed:
 * - `gateway`: the API gateway refused it before the platform saw it (signature, AppKey, clock, nonce, URL);
 * - `vendor`: the platform answered an error `code` (see codes.ts);
 * - `throttled`: HTTP 403 Request Limited after every allowed attempt;
 * - `network`: no answer (offline, DNS, refused, timed out, TLS): the work is queued;
 * - `protocol`: an answer that is not the living platform's (HTML from a captive portal, a bad proxy);
 * - `config`: the client settings are unusable (host, AppKey, AppSecret, project).
 */
export type AliyunErrorReason = 'gateway' | 'vendor' | 'throttled' | 'network' | 'protocol' | 'config';

/** What an {@link AliyunError} is made from. */
export interface AliyunErrorInit {
  kind: FailureKind;
  reason: AliyunErrorReason;
  message: string;
  /** The vendor code ("2402"), the gateway's X-Ca-Error-Message ("Invalid Signature"), or a socket code. */
  rawCode?: string | null;
  /** The HTTP status, or null when nothing answered. */
  status?: number | null;
  meaning?: CodeMeaning | null;
  /** The gateway's X-Ca-Request-Id, for support tickets. */
  requestId?: string | null;
}

/** A failed call to Alibaba Cloud: a DriverError (so the removal engine can classify it) with more detail. */
export class AliyunError extends DriverError {
  readonly reason: AliyunErrorReason;
  readonly meaning: CodeMeaning | null;
  readonly requestId: string | null;

  constructor(init: AliyunErrorInit) {
    super(init.kind, init.message, init.rawCode ?? null, init.status ?? null);
    this.name = 'AliyunError';
    this.reason = init.reason;
    this.meaning = init.meaning ?? null;
    this.requestId = init.requestId ?? null;
  }
}

/** An error for a vendor answer whose code means the whole call failed. */
export function vendorError(meaning: CodeMeaning, status: number, requestId: string | null): AliyunError {
  return new AliyunError({
    kind: failureKindOfMeaning(meaning),
    reason: meaning.throttled ? 'throttled' : 'vendor',
    message: meaning.message,
    rawCode: String(meaning.code),
    status,
    meaning,
    requestId,
  });
}

const CHECK_KEYS = 'Check the AppKey and AppSecret in the cloud settings.';

/** The gateway's own rejections (X-Ca-Error-Message, empty body), with the technician's explanation. */
const GATEWAY_REJECTIONS: ReadonlyArray<{ test: RegExp; kind: FailureKind; message: string }> = [
  {
    test: /^Invalid Signature Method/i,
    kind: 'invalid',
    message: 'The gateway refused the signature method. This is a fault in Face Commissioner; report it.',
  },
  {
    test: /^Invalid Signature/i,
    kind: 'auth',
    message: `Alibaba Cloud rejected the request signature: the AppSecret does not belong to the AppKey. ${CHECK_KEYS}`,
  },
  {
    test: /^Invalid AppKey/i,
    kind: 'auth',
    message: `Alibaba Cloud does not know this AppKey (or it belongs to another region). ${CHECK_KEYS} Check the gateway host too.`,
  },
  {
    test: /Timestamp/i,
    kind: 'invalid',
    message:
      "Alibaba Cloud rejected the request time: this laptop's clock is off by more than 15 minutes. Set the date, time and time zone (automatic time), then retry.",
  },
  {
    test: /^Nonce Used/i,
    kind: 'retryable',
    message: 'The gateway saw this request twice (a proxy may repeat requests). It will be sent again, re-signed.',
  },
  {
    test: /Content-MD5/i,
    kind: 'invalid',
    message: 'The gateway received a different body than was sent: a proxy may be changing requests. Check the proxy.',
  },
  {
    test: /^Invalid Url|Api Not Found|Invalid Api/i,
    kind: 'invalid',
    message:
      'The gateway has no such API at this address. Check the gateway host (China: api.link.aliyun.com; international: api-iot.ap-southeast-1.aliyuncs.com).',
  },
];

/** An error for a request the API gateway refused itself (X-Ca-Error-Message). */
export function gatewayError(status: number, gatewayMessage: string, requestId: string | null): AliyunError {
  const found = GATEWAY_REJECTIONS.find((r) => r.test.test(gatewayMessage));
  const rawCode = gatewayMessage.split(',')[0]?.trim().slice(0, 80) ?? gatewayMessage;
  if (found) return new AliyunError({ ...found, reason: 'gateway', rawCode, status, requestId });
  const kind: FailureKind = status >= 500 ? 'retryable' : status === 401 || status === 403 ? 'auth' : 'invalid';
  const message = `The Alibaba Cloud gateway refused the request (HTTP ${status}: ${rawCode}).`;
  return new AliyunError({ kind, reason: 'gateway', message, rawCode, status, requestId });
}

/** An answer that is not a living-platform envelope (a captive portal, a proxy's error page). */
export function protocolError(host: string, status: number, requestId: string | null): AliyunError {
  return new AliyunError({
    kind: 'retryable',
    reason: 'protocol',
    message: `${host} answered HTTP ${status} with something that is not Alibaba Cloud's answer. Check the gateway host and the network (a captive portal or a proxy?). The removal will be sent again later.`,
    rawCode: `HTTP_${status}`,
    status,
    requestId,
  });
}

const OFFLINE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
const TLS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO/;
const QUEUED = 'The removal is queued and will be sent when the connection returns.';

/** Turns a transport failure (no HTTP answer) into a network error that says the work is queued. */
export function networkError(host: string, error: unknown): AliyunError {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const text = error instanceof Error ? error.message : String(error);
  const rawCode = code || 'NETWORK';
  if (OFFLINE.has(code)) {
    const message = `Alibaba Cloud (${host}) cannot be reached (${code}): check the laptop's internet connection. ${QUEUED}`;
    return new AliyunError({ kind: 'offline', reason: 'network', message, rawCode });
  }
  if (TLS.test(code)) {
    const message = `The secure connection to ${host} could not be verified (${code}): a proxy or captive portal may be in the way. ${QUEUED}`;
    return new AliyunError({ kind: 'offline', reason: 'network', message, rawCode });
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(text)) {
    const message = `Alibaba Cloud (${host}) did not answer in time; the removal may or may not have happened. ${QUEUED} Sending it twice is harmless.`;
    return new AliyunError({ kind: 'retryable', reason: 'network', message, rawCode: code || 'TIMEOUT' });
  }
  const message = `The connection to Alibaba Cloud (${host}) failed (${code || text}). ${QUEUED}`;
  return new AliyunError({ kind: 'retryable', reason: 'network', message, rawCode });
}
