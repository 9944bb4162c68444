import type { TerminalKind } from './terminal.ts';

/**
 * What a terminal can do through its local API, derived from its kind and API version (never from its
 * credential state): the API level, which ids it removes people by, whether it removes single faces and
 * whether it lists its people. A terminal that can do nothing (an unknown kind, a BAS-IP panel on API v0)
 * is left out of plans and not logged in to.
 */
export interface TerminalCapabilities {
  /** The API level the app talks to, e.g. 'v2' (Sophon), 'v1' or 'v0' (BAS-IP); null when unknown. */
  api: string | null;
  /** Removes people by identity_id (Sophon). */
  removeByIdentityId: boolean;
  /** Removes people by link_id (BAS-IP v1). */
  removeByLinkId: boolean;
  /** Removes people by uid (BAS-IP v1). */
  removeByUid: boolean;
  /** Removes a single face of a person (Sophon). */
  removeSingleFaces: boolean;
  /** Lists its people (read for verification and counts). */
  listPeople: boolean;
}

/** Raw code of plan-time failures on a BAS-IP panel whose firmware only offers API v0. */
export const API_V0_CODE = 'plan:api-v0';

/** Why a BAS-IP panel on API v0 is left out of removals (the plan-time failure reason). */
export const API_V0_REASON =
  "Firmware too old for removal (API v0): update the panel's firmware to 3.9 or later, then add it again.";

const NONE = {
  removeByIdentityId: false,
  removeByLinkId: false,
  removeByUid: false,
  removeSingleFaces: false,
  listPeople: false,
} as const;

/**
 * A terminal's capabilities from its kind and API version. Sophon (v2): identity_id, single faces, list.
 * BAS-IP v1 (or not yet known: the driver speaks v1): link_id, uid, list. BAS-IP v0 (firmware before 3.9):
 * nothing. Unknown kind: nothing.
 */
export function capabilitiesOf(terminal: { kind: TerminalKind; apiVersion: string | null }): TerminalCapabilities {
  const version = terminal.apiVersion?.trim().toLowerCase() || null;
  if (terminal.kind === 'sophon') {
    return { ...NONE, api: version ?? 'v2', removeByIdentityId: true, removeSingleFaces: true, listPeople: true };
  }
  if (terminal.kind === 'basip') {
    if (version === 'v0') return { ...NONE, api: 'v0' };
    return { ...NONE, api: version ?? 'v1', removeByLinkId: true, removeByUid: true, listPeople: true };
  }
  return { ...NONE, api: version };
}

/** Whether a terminal can remove anything at all (by any id or face). */
export function canRemove(capabilities: TerminalCapabilities): boolean {
  return (
    capabilities.removeByIdentityId ||
    capabilities.removeByLinkId ||
    capabilities.removeByUid ||
    capabilities.removeSingleFaces
  );
}

/** Whether a terminal's firmware only offers BAS-IP API v0, which the app cannot use. */
export function isApiV0(terminal: { kind: TerminalKind; apiVersion: string | null }): boolean {
  return terminal.kind === 'basip' && capabilitiesOf(terminal).api === 'v0';
}

/** Short words naming what a terminal removes by, e.g. ['id', 'faces'] or ['link', 'uid']; empty: nothing. */
export function removalWords(capabilities: TerminalCapabilities): string[] {
  return [
    capabilities.removeByIdentityId ? 'id' : '',
    capabilities.removeSingleFaces ? 'faces' : '',
    capabilities.removeByLinkId ? 'link' : '',
    capabilities.removeByUid ? 'uid' : '',
  ].filter((w) => w !== '');
}
