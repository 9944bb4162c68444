import type { AxiosInstance } from 'axios';
import { DriverError, type ProbeResult } from '../driver.ts';
import { sendRequest, type BasipAnswer } from './http.ts';
import { isRecord, pickRecord, pickText, type JsonRecord } from './json.ts';

/**
 * Credential-free identification of a BAS-IP panel. The device-info answer (`GET /api/info`,
 * `/api/v1/info`, `/api/v0/info`) is UNVERIFIED beyond its first keys (`firmware_version`,
 * `framework_version`, `frontend_version`, `api_version`): the key names for model, serial and name are
 * read from several plausible spellings.
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

/** The API level a panel speaks: `/api/v1` (firmware 3.9 and later) or only `/api/v0`. */
export type BasipApiVersion = 'v1' | 'v0';

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
 * Probes `http`'s origin for a BAS-IP panel: `/api/v1/info` first (a panel answering it speaks v1), then
 * `/api/info` and `/api/v0/info`. The level of a panel found that way comes from its firmware version, or
 * else from `/api/v1/info` answering 404 (v0). Anything else answers null; the first transport failure
 * ends the probe at once (a refused or silent port costs one request). Throws only the abort reason.
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
  for (const path of ['/api/info', '/api/v0/info']) {
    const answer = await get(path);
    if (!answer) return null;
    const info = answer.status === 200 ? readDeviceInfo(answer.json) : null;
    if (!info) continue;
    const level = apiVersionOfFirmware(pickText(info, FIRMWARE_KEYS)) ?? (v1.status === 404 ? 'v0' : 'v1');
    return resultOf(info, level);
  }
  return null;
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
