import { IDENTIFIER_TYPES, type BasipIdentifier } from './identifier.ts';
import type { PanelAnswer } from './panel.ts';

/**
 * How the firmware variants of tools/sim/common/knobs.ts reshape a panel's answers (see README.md here).
 * The routes decide WHEN a variant applies; these helpers only say WHAT the answer looks like then.
 */

/** The page an embedded web server gives for any path it does not know (`html-200`). */
export const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>BAS-IP</title></head><body><div id="app">Loading…</div></body></html>';

/** `html-200`: an unknown path answered 200 with the web interface's HTML page instead of a 404. */
export function htmlAnswer(): PanelAnswer {
  return { status: 200, text: HTML_PAGE, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}

/** A text as a JSON number when it survives the round trip exactly (no leading zero, no lost digit), else itself. */
export function numberIfExact(text: string): string | number {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && String(n) === text ? n : text;
}

/** `major.minor` of a version as a number (`2.4.0` → 2.4); the text itself when it does not start that way. */
export function versionNumber(version: string): string | number {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? Number(`${match[1]}.${match[2]}`) : numberIfExact(version);
}

/**
 * Numeric codes for `identifier_type` and the owner's `type` under `numeric-values`. The vendor shows only
 * strings; these numbers are OUR invention (position in the vendor's list, from 1), so the app must not use them.
 */
const OWNER_TYPES = ['owner', 'guest'] as const;

/**
 * `numeric-values`: an identifier as a list shows it with numbers where the vendor shows strings, in fields
 * the app does not depend on: `identifier_number` (when it is a plain number), `identifier_type` and the
 * owner's `type` (as codes), the owner's `name` (when it is digits only). `identifier_uid` and `link_id` keep
 * their documented types.
 */
export function numericIdentifier(item: BasipIdentifier): Record<string, unknown> {
  return {
    ...item,
    identifier_number: numberIfExact(item.identifier_number),
    identifier_type: IDENTIFIER_TYPES.indexOf(item.identifier_type) + 1,
    identifier_owner: {
      name: numberIfExact(item.identifier_owner.name),
      type: OWNER_TYPES.indexOf(item.identifier_owner.type) + 1,
    },
  };
}

/**
 * `numeric-values` in the device-info answer: the versions as `major.minor` numbers, the firmware version,
 * model and serial as numbers when they survive the round trip (`4.1`, `2019`, `202405170001`); names stay text.
 */
export function numericInfo(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const key of ['framework_version', 'frontend_version', 'api_version']) {
    if (typeof out[key] === 'string') out[key] = versionNumber(out[key]);
  }
  for (const key of ['firmware_version', 'device_model', 'device_serial_number']) {
    if (typeof out[key] === 'string') out[key] = numberIfExact(out[key]);
  }
  return out;
}

/** `null-values` in the device-info answer: null versions of parts the app does not use, and no name. */
export function nullInfo(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, framework_version: null, frontend_version: null, device_name: null };
}

/** `null-values`: an identifier as a list shows it with null number and owner name (the app uses neither). */
export function nullIdentifier(item: Record<string, unknown>): Record<string, unknown> {
  const owner = (item.identifier_owner ?? {}) as Record<string, unknown>;
  return { ...item, identifier_number: null, identifier_owner: { ...owner, name: null } };
}

/** `link-id-null`: every entry of a link answer's `result` with `link_id: null`. */
export function withNullLinkIds<T extends { link_id: string | null }>(result: readonly T[]): T[] {
  return result.map((entry) => ({ ...entry, link_id: null }));
}
