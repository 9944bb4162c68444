import type { SimDeviceInfo } from '../common/device.ts';

/** Which local API a panel speaks: `/api/v1` (firmware 3.9 and later) or only `/api/v0` (earlier firmware). */
export type BasipApiLevel = 'v0' | 'v1';

/**
 * The API level of a firmware version: 3.9.0 and later speak `/api/v1` (vendor: "Multi-apartment panels
 * API 2.x.x, API /v1 starting from 3.9.0 firmware version"); earlier ones only `/api/v0`. Unparsable
 * versions count as current firmware.
 */
export function apiLevelOf(firmware: string): BasipApiLevel {
  const match = /^\s*v?(\d+)(?:\.(\d+))?/i.exec(firmware);
  if (!match) return 'v1';
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major > 3 || (major === 3 && minor >= 9) ? 'v1' : 'v0';
}

/**
 * The answer of `GET /api/info` (and `/api/<level>/info`), which needs no login. UNVERIFIED: the vendor's
 * guides show it starting `{"firmware_version", "framework_version", "frontend_version", "api_version", ...}`
 * and say it carries the model and serial number; the remaining key names (`device_model`,
 * `device_serial_number`, `device_name`) and the framework/frontend numbers are our guess. `api_version` is
 * 2.x for `/api/v1` panels and 1.x for `/api/v0` ones, as the vendor numbers its API documents.
 */
export function infoBody(info: SimDeviceInfo, level: BasipApiLevel): Record<string, unknown> {
  return {
    firmware_version: info.firmware,
    framework_version: level === 'v1' ? '1.4.0' : '1.1.0',
    frontend_version: level === 'v1' ? '1.5.2' : '1.2.0',
    api_version: level === 'v1' ? '2.4.0' : '1.6.0',
    device_name: `${info.model} entrance panel`,
    device_model: info.model,
    device_serial_number: info.serial,
  };
}
