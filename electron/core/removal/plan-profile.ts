import type { RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import { API_V0_CODE, API_V0_REASON } from '../../../shared/domain/capabilities.ts';
import { NO_ID_CODE, personKeyOf, resolveId, type PlannedItem } from './plan-ids.ts';

/** A target as planning needs it: its serial, its kind, and whether it is a BAS-IP panel on API v0. */
export interface PlanTarget {
  serial: string;
  kind: TerminalKind;
  apiV0: boolean;
}

/**
 * What one list gives on targets of one kind: the positions (in the list) of the rows planned there, in plan
 * order, duplicates dropped, and the tally the dry run needs. Every target with the same list, kind and API
 * generation has the same profile, so 50 terminals of two kinds are planned in two passes over the list, not 50.
 */
export interface TerminalProfile {
  /** Positions in the list of the rows planned, in plan order. */
  kept: Int32Array;
  /** Items that can be sent. */
  sendable: number;
  /** Items failed at plan time (no id of this kind, API v0). */
  unplannable: number;
  /** Sendable items per id kind (one request carries one kind). */
  perKind: Map<string, number>;
}

/** Builds the profile of `list` on a target (one pass over the list). */
export function profileOf(list: readonly RemovalItem[], target: PlanTarget, mode: RemovalMode): TerminalProfile {
  const kept: number[] = [];
  const seen = new Set<string>();
  const perKind = new Map<string, number>();
  let sendable = 0;
  let unplannable = 0;
  list.forEach((item, position) => {
    const resolved = resolveId(item, target.kind, mode);
    const nativeId = 'failure' in resolved ? personKeyOf(item, mode) : resolved.nativeId;
    const faceId = 'failure' in resolved ? '' : resolved.faceId;
    const unique = `${resolved.idKind}\u0000${nativeId}\u0000${faceId}`;
    if (seen.has(unique)) return;
    seen.add(unique);
    kept.push(position);
    if (target.apiV0 || 'failure' in resolved) unplannable++;
    else {
      sendable++;
      perKind.set(resolved.idKind, (perKind.get(resolved.idKind) ?? 0) + 1);
    }
  });
  return { kept: Int32Array.from(kept), sendable, unplannable, perKind };
}

/** Profiles shared by targets with the same list, kind and API generation (see {@link TerminalProfile}). */
export function profileCache(mode: RemovalMode): (list: readonly RemovalItem[], target: PlanTarget) => TerminalProfile {
  const byList = new Map<readonly RemovalItem[], Map<string, TerminalProfile>>();
  return (list, target) => {
    let byTarget = byList.get(list);
    if (!byTarget) byList.set(list, (byTarget = new Map()));
    const key = `${target.kind}/${target.apiV0 ? 'v0' : ''}`;
    let profile = byTarget.get(key);
    if (!profile) byTarget.set(key, (profile = profileOf(list, target, mode)));
    return profile;
  };
}

/**
 * The item at `position` of a target's plan (0 = its first), with seq `firstSeq + position`: the same item
 * `planItems` gives, built on its own, so a plan can be journaled in any order of chunks and continued after a crash.
 */
export function plannedItemAt(
  list: readonly RemovalItem[],
  profile: TerminalProfile,
  target: PlanTarget,
  mode: RemovalMode,
  position: number,
  firstSeq: number,
): PlannedItem {
  const item = list[profile.kept[position] as number] as RemovalItem;
  const resolved = resolveId(item, target.kind, mode);
  const personKey = personKeyOf(item, mode);
  return {
    seq: firstSeq + position,
    terminal: target.serial,
    terminalKind: target.kind,
    line: item.line,
    name: item.name ?? null,
    personKey,
    idKind: resolved.idKind,
    nativeId: 'failure' in resolved ? personKey : resolved.nativeId,
    faceId: 'failure' in resolved ? '' : resolved.faceId,
    failure: target.apiV0
      ? { rawCode: API_V0_CODE, reason: API_V0_REASON }
      : 'failure' in resolved
        ? { rawCode: NO_ID_CODE, reason: resolved.failure }
        : null,
  };
}
