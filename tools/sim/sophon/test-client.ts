import { deflateSync, crc32 } from 'node:zlib';
import type { SimDevice } from '../common/device.ts';
import { serve, type SimServer } from '../common/http.ts';
import { createSophonDevice, type SophonDeviceOptions } from './index.ts';

/**
 * A tiny client for the tests of this folder only (the app has its own Sophon client): starts a device on
 * 127.0.0.1 and calls its operations with fetch.
 */

/** One answer as a test sees it. */
export interface SophonAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else undefined. */
  json: unknown;
  text: string;
}

/** How to send a request; by default POST with `Content-Type: application/json` and the JSON body. */
export interface CallOptions {
  method?: string;
  /** `null` sends no Content-Type header. */
  contentType?: string | null;
  /** Sent as is instead of the JSON of `body`. */
  rawBody?: string;
  signal?: AbortSignal;
}

/** Calls `op` (or any path starting with "/") on `origin`. */
export async function callSophon(
  origin: string,
  op: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<SophonAnswer> {
  const method = options.method ?? 'POST';
  const headers: Record<string, string> = {};
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['Content-Type'] = contentType;
  const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const path = op.startsWith('/') ? op : `/sophon/v2/face/${op}`;
  const response = await fetch(`${origin}${path}`, {
    method,
    headers,
    // Bytes, not a string: fetch would add "text/plain" to a string body without a Content-Type.
    body: method === 'GET' || method === 'HEAD' || payload === undefined ? undefined : Buffer.from(payload),
    signal: options.signal,
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, headers: response.headers, json: isJson ? JSON.parse(text) : undefined, text };
}

/** A running simulated device plus a bound `call`. */
export interface RunningSophon {
  device: SimDevice;
  server: SimServer;
  call(op: string, body?: unknown, options?: CallOptions): Promise<SophonAnswer>;
  close(): Promise<void>;
}

/** Creates a device and serves it on 127.0.0.1 (a free port). */
export async function startSophon(options: SophonDeviceOptions = {}): Promise<RunningSophon> {
  const device = createSophonDevice(options);
  const server = await serve(device.handle);
  return {
    device,
    server,
    call: (op, body, callOptions) => callSophon(server.origin, op, body, callOptions),
    close: () => server.close(),
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A complete, valid grey PNG of the given size, base64-encoded (a stand-in registration photo). */
export function pngBase64(width: number, height: number): string {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte of each row
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const png = Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return png.toString('base64');
}

/** The head of a baseline JPEG (SOI, APP0, SOF0) of the given size, base64-encoded. */
export function jpegHeadBase64(width: number, height: number): string {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
  ];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0]).toString('base64');
}
