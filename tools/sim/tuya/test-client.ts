import { request } from 'node:http';
import { canonicalUrl, sign, stringToSign } from './signature.ts';
import type { TokenGrant } from './tokens.ts';

/** A Tuya answer as the tests read it. */
export interface Envelope<T = unknown> {
  success: boolean;
  result?: T;
  code?: number;
  msg?: string;
  t: number;
  tid: string;
}

/** A raw call, with hooks to break it on purpose. */
export interface RawCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query exactly as sent on the wire. */
  path: string;
  /** JSON-serialised unless a string. */
  body?: unknown;
  /** Signed as a token call (no access_token). Default: paths under /v1.0/token. */
  tokenCall?: boolean;
  /** Access token to send and sign with (default: the client's current one; null sends none). */
  accessToken?: string | null;
  /** The url the client signs (default: the canonical form of `path`). */
  signUrl?: string;
  /** Extra headers named in Signature-Headers and signed. */
  signedHeaders?: Record<string, string>;
  /** Extra headers, sent after signing (they override signed ones: tampering). */
  headers?: Record<string, string>;
  /** `t` to send (default: the clock). */
  t?: number;
  /** Body bytes actually sent, when different from the signed ones (tampering). */
  sentBody?: string;
}

/**
 * A minimal signing client for the simulator's tests (a test helper, not the app's client). Builds the
 * headers of PROTOCOLS.md §3 over node:http with no keep-alive, so an offline cloud gives ECONNREFUSED.
 */
export class TuyaTestClient {
  readonly origin: string;
  readonly clientId: string;
  readonly secret: string;
  readonly now: () => number;
  token: TokenGrant | undefined;
  private nonceCounter = 0;

  constructor(options: { origin: string; clientId: string; secret: string; now: () => number }) {
    this.origin = options.origin;
    this.clientId = options.clientId;
    this.secret = options.secret;
    this.now = options.now;
  }

  /** Sends a call and parses the answer (HTTP status and envelope). */
  async call<T = unknown>(raw: RawCall): Promise<{ status: number; body: Envelope<T> }> {
    const bodyText = raw.body === undefined ? '' : typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body);
    const tokenCall = raw.tokenCall ?? raw.path.startsWith('/v1.0/token');
    const accessToken = raw.accessToken === undefined ? this.token?.access_token : (raw.accessToken ?? undefined);
    const t = String(raw.t ?? this.now());
    const nonce = `nonce-${++this.nonceCounter}`;
    const signedHeaders = Object.entries(raw.signedHeaders ?? {});
    const signature = sign({
      clientId: this.clientId,
      secret: this.secret,
      ...(tokenCall ? {} : { accessToken: accessToken ?? '' }),
      t,
      nonce,
      stringToSign: stringToSign({
        method: raw.method,
        body: bodyText,
        signedHeaders,
        url: raw.signUrl ?? canonicalUrl(raw.path),
      }),
    });
    const headers: Record<string, string> = {
      client_id: this.clientId,
      sign: signature,
      sign_method: 'HMAC-SHA256',
      t,
      nonce,
      ...(signedHeaders.length > 0 ? { 'Signature-Headers': signedHeaders.map(([k]) => k).join(':') } : {}),
      ...Object.fromEntries(signedHeaders),
      ...(!tokenCall && accessToken !== undefined ? { access_token: accessToken } : {}),
      ...(bodyText !== '' ? { 'Content-Type': 'application/json' } : {}),
      ...raw.headers,
    };
    return this.send<T>(raw.method, raw.path, headers, raw.sentBody ?? bodyText);
  }

  /** `GET /v1.0/token?grant_type=1`; keeps the pair. */
  async grant(): Promise<Envelope<TokenGrant>> {
    const { body } = await this.call<TokenGrant>({ method: 'GET', path: '/v1.0/token?grant_type=1' });
    if (body.success && body.result) this.token = body.result;
    return body;
  }

  /** `GET /v1.0/token/{refresh_token}`; keeps the new pair. */
  async refresh(refreshToken = this.token?.refresh_token ?? ''): Promise<Envelope<TokenGrant>> {
    const { body } = await this.call<TokenGrant>({ method: 'GET', path: `/v1.0/token/${refreshToken}` });
    if (body.success && body.result) this.token = body.result;
    return body;
  }

  /** A signed GET with the query sorted by key. */
  async get<T = unknown>(path: string, query: Record<string, string | number> = {}): Promise<Envelope<T>> {
    const entries = Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1));
    const qs = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return (await this.call<T>({ method: 'GET', path: qs ? `${path}?${qs}` : path })).body;
  }

  /** A signed POST with a JSON body. */
  async post<T = unknown>(path: string, body: unknown): Promise<Envelope<T>> {
    return (await this.call<T>({ method: 'POST', path, body })).body;
  }

  private send<T>(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; body: Envelope<T> }> {
    const url = new URL(this.origin);
    if (body !== '') headers['Content-Length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Envelope<T> });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body === '' ? undefined : body);
    });
  }
}
