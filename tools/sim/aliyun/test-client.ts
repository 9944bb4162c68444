// A minimal signing client for the simulator's tests. It signs on its own (node:crypto, written from the
// gateway's formula) so that tests do not trust the simulator's signature helpers to check themselves.
import { createHash, createHmac } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';

/** A signed request, ready to send or to tamper with. */
export interface Draft {
  method: string;
  path: string;
  /** Raw query string as sent, without "?" (may be in any order). */
  rawQuery: string;
  headers: Record<string, string>;
  body: Buffer;
  /** The string the client signed. */
  stringToSign: string;
}

/** How to build a {@link Draft}. */
export interface DraftOptions {
  appKey: string;
  appSecret: string;
  path: string;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
  timestamp: number;
  nonce: string;
  method?: string;
  /** Query parameters, sent in this order. */
  query?: Array<[string, string]>;
  /** More headers; X-Ca-* ones are signed. */
  extraHeaders?: Record<string, string>;
  contentType?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The Url line: path plus query sorted by key ("k=v", or "k" for an empty value). */
export function signedUrl(path: string, query: Array<[string, string]>): string {
  if (query.length === 0) return path;
  const sorted = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${sorted.map(([k, v]) => (v ? `${k}=${v}` : k)).join('&')}`;
}

/** base64(HMAC-SHA256(secret, text)). */
export function hmac256(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

/** Builds and signs a request the way the official SDKs do (every X-Ca-* header signed). */
export function draft(options: DraftOptions): Draft {
  const method = options.method ?? 'POST';
  const body = Buffer.isBuffer(options.body)
    ? options.body
    : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? {}), 'utf8');
  const headers: Record<string, string> = {
    accept: 'application/json; charset=utf-8',
    'content-type': options.contentType ?? JSON_TYPE,
    'x-ca-key': options.appKey,
    'x-ca-timestamp': String(options.timestamp),
    'x-ca-nonce': options.nonce,
    'x-ca-signature-method': 'HmacSHA256',
    'x-ca-stage': 'RELEASE',
    ...Object.fromEntries(Object.entries(options.extraHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  if (body.length > 0) headers['content-md5'] = createHash('md5').update(body).digest('base64');
  const signed = Object.keys(headers)
    .filter((name) => name.startsWith('x-ca-'))
    .sort();
  headers['x-ca-signature-headers'] = signed.join(',');
  const query = options.query ?? [];
  const stringToSign =
    `${method}\n${headers.accept}\n${headers['content-md5'] ?? ''}\n${headers['content-type']}\n\n` +
    signed.map((name) => `${name}:${headers[name]}\n`).join('') +
    signedUrl(options.path, query);
  headers['x-ca-signature'] = hmac256(options.appSecret, stringToSign);
  const rawQuery = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { method, path: options.path, rawQuery, headers, body, stringToSign };
}

/** An answer as the tests read it. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON. */
  json: Record<string, unknown> | null;
}

/** Sends a draft as it is (no keep-alive, so going offline is seen at once). */
export function send(origin: string, item: Draft): Promise<Reply> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: item.method,
        path: item.rawQuery ? `${item.path}?${item.rawQuery}` : item.path,
        headers: { ...item.headers, 'content-length': String(item.body.length) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | null;
          try {
            json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(item.body);
  });
}

/** Signs and sends living-platform envelopes with fresh nonces and the test's clock. */
export class Caller {
  private counter = 0;
  private readonly origin: string;
  private readonly appKey: string;
  private readonly appSecret: string;
  private readonly clock: () => number;

  constructor(origin: string, appKey: string, appSecret: string, clock: () => number) {
    this.origin = origin;
    this.appKey = appKey;
    this.appSecret = appSecret;
    this.clock = clock;
  }

  /** A nonce never used before by this caller (UUID-shaped). */
  nonce(): string {
    this.counter += 1;
    return `00000000-0000-4000-8000-${String(this.counter).padStart(12, '0')}`;
  }

  /** A signed draft of `body` to `path`. */
  draft(path: string, body: unknown, more: Partial<DraftOptions> = {}): Draft {
    return draft({
      appKey: this.appKey,
      appSecret: this.appSecret,
      path,
      body,
      timestamp: this.clock(),
      nonce: this.nonce(),
      ...more,
    });
  }

  /** Sends an envelope `{id, version, request: {apiVer, ...auth}, params}`. */
  call(path: string, apiVer: string, params: unknown, auth: Record<string, string> = {}): Promise<Reply> {
    const id = this.nonce().replace('00000000', 'aaaaaaaa');
    return send(this.origin, this.draft(path, { id, version: '1.0', request: { apiVer, ...auth }, params }));
  }

  /** Gets a fresh cloudToken for `projectId` (throws unless code 200). */
  async cloudToken(projectId: string): Promise<string> {
    const reply = await this.call('/cloud/token', '1.0.1', { grantType: 'project', res: projectId });
    const data = reply.json?.data as { cloudToken?: string } | undefined;
    if (reply.json?.code !== 200 || !data?.cloudToken) throw new Error(`no cloudToken: ${reply.text}`);
    return data.cloudToken;
  }

  /** Calls the delete API with a cloudToken. */
  remove(cloudToken: string, params: unknown): Promise<Reply> {
    return this.call('/face/paas/permission/delete', '1.2.0', params, { cloudToken });
  }
}
