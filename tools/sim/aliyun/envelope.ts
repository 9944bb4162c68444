// The living platform's request envelope:
//   {"id": "<uuid>", "version": "1.0", "request": {"apiVer": "1.2.0", "iotToken" | "cloudToken": "..."}, "params": {...}}

/** A well-formed request envelope. */
export interface Envelope {
  /** Echoed in the answer's `id`. */
  id: string;
  apiVer: string;
  iotToken?: string;
  cloudToken?: string;
  /** The `params` member as sent (undefined when absent); each API validates it. */
  params: unknown;
}

/** The result of reading an envelope: the envelope, or the id to answer "Request Format Error" with. */
export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; id: string | null };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request id of a parsed body, when it has a usable one. */
function readId(value: unknown): string | null {
  if (!isObject(value)) return null;
  if (typeof value.id === 'string' && value.id.length > 0) return value.id;
  // The SDKs send a string; a JSON number is read as its text, as the platform's JSON binding does.
  return typeof value.id === 'number' ? String(value.id) : null;
}

/**
 * Reads the envelope of a body. Anything but a JSON object with a string id, `version` "1.0" and a
 * `request` object with a non-empty `apiVer` (and string tokens, when present) is a format error. A
 * JSON content type is required (the platform's SDKs send `application/json; charset=utf-8`).
 */
export function parseEnvelope(body: Buffer, contentType: string | undefined): EnvelopeResult {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, id: null };
  }
  const id = readId(value);
  if (!(contentType ?? '').toLowerCase().startsWith('application/json')) return { ok: false, id };
  if (!isObject(value) || id === null || value.version !== '1.0' || !isObject(value.request)) return { ok: false, id };
  const { apiVer, iotToken, cloudToken } = value.request;
  if (typeof apiVer !== 'string' || apiVer.length === 0) return { ok: false, id };
  if (iotToken !== undefined && iotToken !== null && typeof iotToken !== 'string') return { ok: false, id };
  if (cloudToken !== undefined && cloudToken !== null && typeof cloudToken !== 'string') return { ok: false, id };
  const envelope: Envelope = { id, apiVer, params: value.params };
  if (typeof iotToken === 'string') envelope.iotToken = iotToken;
  if (typeof cloudToken === 'string') envelope.cloudToken = cloudToken;
  return { ok: true, envelope };
}
