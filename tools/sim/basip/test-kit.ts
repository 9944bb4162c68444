import { createHash } from 'node:crypto';
import { serve, type SimServer } from '../common/http.ts';
import { createBasipDevice, type BasipDevice, type BasipDeviceOptions } from './index.ts';

/** An HTTP answer as the tests look at it. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

/** How {@link PanelHarness.call} builds a request. */
export interface CallOptions {
  token?: string;
  /** Sent as JSON text unless `raw` is given. */
  body?: unknown;
  /** Sent as is. */
  raw?: string;
  /** Default `application/json` when a body is sent. */
  contentType?: string | null;
  signal?: AbortSignal;
}

/** A simulated panel listening on 127.0.0.1, with small helpers for its API. */
export interface PanelHarness {
  readonly device: BasipDevice;
  readonly server: SimServer;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** Logs in on `/api/<level>/login` with the MD5 of `password` and returns the token (throws unless 200). */
  login(password?: string, level?: 'v0' | 'v1'): Promise<string>;
  close(): Promise<void>;
}

/** MD5 hex of a password, lower-case unless `upper`. */
export function md5(text: string, upper = false): string {
  const hex = createHash('md5').update(text, 'utf8').digest('hex');
  return upper ? hex.toUpperCase() : hex;
}

/** Creates a panel with `options` and serves it on 127.0.0.1 (a free port). */
export async function startPanel(options: BasipDeviceOptions = {}): Promise<PanelHarness> {
  const device = createBasipDevice(options);
  const server = await serve(device.handle);
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = {};
    if (o.token !== undefined) headers.Authorization = `Bearer ${o.token}`;
    const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    const contentType = o.contentType === undefined ? 'application/json' : o.contentType;
    if (body !== undefined && contentType !== null) headers['Content-Type'] = contentType;
    const response = await fetch(server.origin + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  return {
    device,
    server,
    call,
    async login(password = options.password ?? '123456', level = 'v1') {
      const user = encodeURIComponent(options.username ?? 'admin');
      const reply = await call('GET', `/api/${level}/login?username=${user}&password=${md5(password)}`);
      if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.text}`);
      return (reply.json as { token: string }).token;
    },
    close: () => server.close(),
  };
}
