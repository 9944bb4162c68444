import type { AxiosInstance } from 'axios';
import type { BasipApiVersion } from './api-version.ts';
import type { Credentials } from '../../secrets/secret-store.ts';
import { DriverError, type ProbeResult } from '../driver.ts';
import { login, type BasipLogin } from './auth.ts';
import { readBasipError } from './errors.ts';
import { sendRequest, type BasipAnswer } from './http.ts';
import { isRecord, pickRecord, pickText, type JsonRecord } from './json.ts';
import { readIdentifierPage } from './paging.ts';

/**
 * Identification of a BAS-IP panel: credential-free first, then (when the technician gave credentials)
 * with a login. The device-info answer (`GET /api/info`, `/api/v1/info`, `/api/v0/info`) is UNVERIFIED
 * beyond its first keys (`firmware_version`, `framework_version`, `frontend_version`, `api_version`): the key
 * names for model, serial and name are read from several plausible spellings. Some firmware keeps the info
 * behind a login (PROTOCOLS.md §6): its `401 {"error": "Log In"}` is the vendor's own answer, so it identifies
 * a v1 panel whose serial is read after a login.
 */

/** Keys a BAS-IP info answer is known or believed to carry; two of them make a panel. */
const INFO_KEYS = [
  'firmware_version',
  'framework_version',
  'frontend_version',
  'api_version',
  'device_model',
  'device_serial_number',
  'device_name',
];

const FIRMWARE_KEYS = ['firmware_version', 'firmware', 'fw_version'];
const MODEL_KEYS = ['device_model', 'model', 'device_type'];
const SERIAL_KEYS = ['device_serial_number', 'serial_number', 'serial', 'sn'];
const NAME_KEYS = ['device_name', 'name'];

/** The API level a panel speaks (api-version.ts, where `auth.ts` reads it too). */
export type { BasipApiVersion } from './api-version.ts';

/**
 * Reads a device-info answer; null when it does not look like a BAS-IP panel's. The fields may sit at the
 * top level or in a `data` / `info` / `device_info` object, as texts or numbers (some firmware sends versions,
 * model and serial as numbers: the app only displays them).
 */
export function readDeviceInfo(json: unknown): JsonRecord | null {
  if (!isRecord(json) || 'error' in json) return null;
  for (const candidate of [json, pickRecord(json, ['data', 'info', 'device_info'])]) {
    if (!candidate) continue;
    const known = INFO_KEYS.filter((key) => pickText(candidate, [key]) !== null).length;
    const versioned = pickText(candidate, ['firmware_version', 'api_version']) !== null;
    if (versioned && known >= 2) return candidate;
  }
  return null;
}

/**
 * The API level of a firmware version by the vendor's rule (API /v1 from firmware 3.9.0); null when the
 * version cannot be read.
 */
export function apiVersionOfFirmware(firmware: string | null): BasipApiVersion | null {
  const match = /^\s*v?(\d+)\.(\d+)/i.exec(firmware ?? '');
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 3 || (major === 3 && minor >= 9) ? 'v1' : 'v0';
}

/**
 * Whether an answer is a BAS-IP panel refusing a call for want of a login: 401 with the legacy
 * `{"error": "Log In"}` or the newer `{"error": {"code": "invalid_authentication"}}` (PROTOCOLS.md §2).
 */
export function isLoginWall(answer: Pick<BasipAnswer, 'status' | 'json'>): boolean {
  if (answer.status !== 401) return false;
  const error = readBasipError(answer.json);
  return error?.code === 'invalid_authentication' || /^\s*log\s*in\s*$/i.test(error?.message ?? '');
}

/**
 * Probes `http`'s origin for a BAS-IP panel: `/api/v1/info` first (a panel answering it speaks v1), then
 * `/api/info` and `/api/v0/info`. The level of a panel found that way comes from its firmware version, or
 * else from `/api/v1/info` answering 404 (v0). A panel that keeps its info behind a login
 * ({@link isLoginWall} on `/api/v1/info`, and no readable info elsewhere) is a v1 panel of unknown serial.
 * Anything else answers null; the first transport failure ends the probe at once (a refused or silent port
 * costs one request). Throws only the abort reason.
 */
export async function probeBasip(
  http: AxiosInstance,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult | null> {
  const get = async (path: string): Promise<BasipAnswer | null> => {
    try {
      return await sendRequest(http, { method: 'GET', path }, timeoutMs, signal);
    } catch (error) {
      if (error instanceof DriverError) return null;
      throw error;
    }
  };
  const v1 = await get('/api/v1/info');
  if (!v1) return null;
  const v1Info = v1.status === 200 ? readDeviceInfo(v1.json) : null;
  if (v1Info) return resultOf(v1Info, 'v1');
  const walled = isLoginWall(v1);
  for (const path of ['/api/info', '/api/v0/info']) {
    const answer = await get(path);
    if (!answer) break;
    const info = answer.status === 200 ? readDeviceInfo(answer.json) : null;
    if (!info) continue;
    const level = apiVersionOfFirmware(pickText(info, FIRMWARE_KEYS)) ?? (v1.status === 404 ? 'v0' : 'v1');
    return resultOf(info, level);
  }
  return walled ? resultOf({}, 'v1') : null;
}

/** How a BAS-IP panel words a refused login (PROTOCOLS.md §2): legacy texts or the newer code. */
const VENDOR_REFUSAL = /^(wrong login or password|log\s*in|administrator rights required|invalid_authentication)$/i;

/** What a BAS-IP identification with the technician's credentials found. */
export interface BasipVerification {
  /**
   * The panel, when the answers were recognisably a BAS-IP panel's; null otherwise. `apiVersion` is null when
   * the login was refused before the level could be seen.
   */
  result: (Omit<ProbeResult, 'apiVersion'> & { apiVersion: string | null }) | null;
  /** What the panel said of the credentials: accepted, refused in its own words, or null (no word). */
  credentials: 'ok' | 'rejected' | null;
}

/**
 * Read-only identification with credentials, for a panel the credential-free probe could not read: a login
 * (`/api/v1/login`, else `/api/v0/login`), then the device info with the token, then one page of identifiers
 * (v1). A panel is recognised when the token opens the info or the list, or when the login is refused in the
 * vendor's words ("Wrong login or password", `invalid_authentication`): a bare token or a refusal in other
 * words does not identify anything. The first transport failure ends it. Throws only the abort reason.
 */
export async function verifyBasip(
  http: AxiosInstance,
  credentials: Credentials,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<BasipVerification> {
  let session: BasipLogin;
  try {
    session = await login(http, credentials, timeoutMs, signal);
  } catch (error) {
    if (!(error instanceof DriverError)) throw error;
    // login() keeps the panel's own code or text as rawCode: only the vendor's words identify a panel.
    const refusedByPanel = error.kind === 'auth' && VENDOR_REFUSAL.test(error.rawCode ?? '');
    return refusedByPanel
      ? { result: { ...resultOf({}, 'v1'), apiVersion: null }, credentials: 'rejected' }
      : { result: null, credentials: null };
  }
  const get = async (path: string, params?: Record<string, number>): Promise<BasipAnswer | 'failed'> => {
    try {
      return await sendRequest(http, { method: 'GET', path, token: session.token, params }, timeoutMs, signal);
    } catch (error) {
      if (error instanceof DriverError) return 'failed';
      throw error;
    }
  };
  let info: JsonRecord | null = null;
  for (const path of [`/api/${session.apiVersion}/info`, '/api/info']) {
    const answer = await get(path);
    if (answer === 'failed') return { result: null, credentials: null };
    info = answer.status === 200 ? readDeviceInfo(answer.json) : null;
    if (info) break;
  }
  let listed = false;
  if (session.apiVersion === 'v1') {
    const page = await get('/api/v1/access/identifier/items', { limit: 10, page_number: 1 });
    listed = page !== 'failed' && page.status === 200 && readIdentifierPage(page.json) !== null;
  }
  if (!info && !listed) return { result: null, credentials: null };
  const level = (info && apiVersionOfFirmware(pickText(info, FIRMWARE_KEYS))) ?? session.apiVersion;
  return { result: resultOf(info ?? {}, level), credentials: 'ok' };
}

function resultOf(info: JsonRecord, apiVersion: BasipApiVersion): ProbeResult {
  return {
    kind: 'basip',
    apiVersion,
    serial: pickText(info, SERIAL_KEYS),
    model: pickText(info, MODEL_KEYS),
    firmware: pickText(info, FIRMWARE_KEYS),
    name: pickText(info, NAME_KEYS),
    peopleCount: null,
    capacity: null,
  };
}
