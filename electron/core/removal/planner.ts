import type { RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { PresenceCounts, UnresolvedPerson } from '../../../shared/domain/people-index.ts';
import type { RemovalPlan, RemovalSettings, RemovalTargets, TerminalPlan } from '../../../shared/domain/removal.ts';
import type { Terminal, TerminalKind } from '../../../shared/domain/terminal.ts';
import { API_V0_REASON, canRemove, capabilitiesOf, isApiV0 } from '../../../shared/domain/capabilities.ts';
import { AppError } from '../../../shared/errors.ts';
import type { PlannedItem } from './plan-ids.ts';
import { plannedItemAt, profileCache, type PlanTarget } from './plan-profile.ts';

/** What a request is estimated to cost, for the dry run's time estimate. */
export interface CostEstimate {
  /** Per request, whatever its size. */
  requestMs: number;
  /** Per id in a request. */
  perItemMs: number;
}

/** A safe guess for terminals on a LAN: small computers deleting faces and photos per person. */
export const DEFAULT_COST: CostEstimate = { requestMs: 300, perItemMs: 30 };

/** A plan: what the dry run shows, plus every item to journal. */
export interface PlanDraft {
  plan: RemovalPlan;
  items: PlannedItem[];
}

/**
 * Picks the targeted terminals from the inventory: `all` takes every trusted terminal whose kind is known and
 * that can remove (the others, unknown kinds, BAS-IP panels on API v0, untrusted and conflicting terminals, are
 * returned as skipped); named serials must all be in the inventory, else NOT_FOUND names the missing ones, and
 * all trusted, else CONFLICT names the untrusted ones and those in an identity conflict, with what to do (nothing
 * is planned or sent). A named panel on API v0 stays a target: its items are failed at plan time (see
 * {@link planItems}).
 */
export function resolveTargets(
  inventory: readonly Terminal[],
  devices: RemovalTargets,
): { targets: Terminal[]; skipped: string[] } {
  if (devices === 'all') {
    const targets = inventory.filter(
      (t) => t.kind !== 'unknown' && t.trust === 'trusted' && canRemove(capabilitiesOf(t)),
    );
    if (targets.length === 0) {
      throw new AppError(
        'NOT_FOUND',
        inventory.some((t) => t.trust === 'trusted' && isApiV0(t))
          ? `No trusted terminal can remove people: ${API_V0_REASON}`
          : inventory.some((t) => t.kind !== 'unknown')
            ? 'No trusted terminal is in the inventory: terminals found by discovery are sent nothing until you trust them. Trust yours (fcom devices trust SERIAL..., or Trust in Devices), then try again.'
            : 'No terminal of a known kind is in the inventory. Add terminals first (fcom devices add ADDRESS, or discovery), then try again.',
      );
    }
    return { targets, skipped: inventory.filter((t) => !targets.includes(t)).map((t) => t.serial) };
  }
  const bySerial = new Map(inventory.map((t) => [t.serial, t]));
  const wanted = [...new Set(devices)];
  const missing = wanted.filter((s) => !bySerial.has(s));
  if (missing.length > 0) {
    throw new AppError(
      'NOT_FOUND',
      `Not in the inventory: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}. Check the serials with "fcom devices list", or add the terminals first.`,
      { missing },
    );
  }
  const targets = wanted.map((s) => bySerial.get(s) as Terminal);
  const conflicts = targets.filter((t) => t.trust === 'conflict').map((t) => t.serial);
  const untrusted = targets.filter((t) => t.trust !== 'trusted' && t.trust !== 'conflict').map((t) => t.serial);
  if (conflicts.length > 0 || untrusted.length > 0) {
    const parts = [
      conflicts.length > 0
        ? `in an identity conflict (another device claims to be them): ${conflicts.slice(0, 10).join(', ')}; open each in Devices and keep it or move it to its claimant (fcom devices trust SERIAL [--address A]), or forget it`
        : '',
      untrusted.length > 0
        ? `not trusted (found by discovery): ${untrusted.slice(0, 10).join(', ')}; check they are yours and trust them with "fcom devices trust SERIAL..." or Trust in Devices`
        : '',
    ].filter((p) => p !== '');
    throw new AppError('CONFLICT', `Nothing was sent. Terminals ${parts.join('. Terminals ')}. Then try again.`, {
      conflicts,
      untrusted,
    });
  }
  return { targets, skipped: [] };
}

/** Ids per request for a terminal kind (faces are removed one request per face). */
export function batchSizeFor(kind: TerminalKind, mode: RemovalMode, settings: RemovalSettings): number {
  if (mode === 'faces-only') return 1;
  return kind === 'basip' ? settings.basipBatchSize : settings.sophonBatchSize;
}

/** What a plan is made from. */
export interface PlanInput {
  mode: RemovalMode;
  items: readonly RemovalItem[];
  targets: readonly Terminal[];
  skipped?: readonly string[];
  settings: RemovalSettings;
  cost?: CostEstimate;
  /**
   * A list of people resolved through the site index (people-index/resolve.ts): per target, the items with that
   * terminal's own ids; a target listed with no items gets no requests. Targets not listed take `items`.
   */
  perTerminal?: ReadonlyMap<string, readonly RemovalItem[]>;
  /** Per target: how many of the list the index shows there, absent, or unknown (the dry run's presence). */
  presence?: ReadonlyMap<string, PresenceCounts>;
  /** People of the list not resolved on some targets (listed before anything runs). */
  unresolved?: readonly UnresolvedPerson[];
}

/**
 * Every item of a plan, one at a time in plan order: for every target terminal and every list row, the item
 * with the id that terminal's kind uses (identity_id on Sophon; link_id, else uid on BAS-IP; a single-column
 * `nativeId` list applies to each). Rows without such an id become items failed at plan time (raw code
 * {@link NO_ID_CODE}); on a BAS-IP panel on API v0 (named explicitly) every item is failed at plan time with raw
 * code `plan:api-v0`, never retried. Duplicates on one terminal are planned once. The same input always gives the same items.
 */
export function* planItems(input: PlanInput): Generator<PlannedItem> {
  let seq = 0;
  const profiles = profileCache(input.mode);
  for (const terminal of input.targets) {
    const target = planTargetOf(terminal);
    const list = listFor(input, terminal.serial);
    const profile = profiles(list, target);
    const firstSeq = seq;
    for (let position = 0; position < profile.kept.length; position++) {
      yield plannedItemAt(list, profile, target, input.mode, position, firstSeq);
    }
    seq += profile.kept.length;
  }
}

/** A terminal as planning needs it (see {@link PlanTarget}). */
export function planTargetOf(terminal: Terminal): PlanTarget {
  return { serial: terminal.serial, kind: terminal.kind, apiV0: isApiV0(terminal) };
}

/** The list rows planned for a target: its own (resolved through the index) or the request's. */
export function listFor(input: Pick<PlanInput, 'items' | 'perTerminal'>, serial: string): readonly RemovalItem[] {
  return input.perTerminal?.get(serial) ?? input.items;
}

/**
 * The dry run of a plan: per terminal how many items, whether it is offline, and an estimated
 * time from the batch size and `cost`; the whole-job estimate applies the concurrency limit.
 */
function summarize(input: PlanInput): RemovalPlan {
  const cost = input.cost ?? DEFAULT_COST;
  // Targets with the same list, kind and API generation share one pass over the list (plan-profile.ts).
  const profiles = profileCache(input.mode);
  const tally = new Map(input.targets.map((t) => [t.serial, profiles(listFor(input, t.serial), planTargetOf(t))]));
  let totalItems = 0;
  for (const profile of tally.values()) totalItems += profile.kept.length;
  const terminals: TerminalPlan[] = input.targets.map((terminal) => {
    const { sendable, unplannable, perKind } = tally.get(terminal.serial) ?? {
      sendable: 0,
      unplannable: 0,
      perKind: new Map<string, number>(),
    };
    // One request carries one kind of id (BAS-IP link ids and uids go separately).
    const size = batchSizeFor(terminal.kind, input.mode, input.settings);
    const requests = [...perKind.values()].reduce((n, count) => n + Math.ceil(count / size), 0);
    return {
      serial: terminal.serial,
      name: terminal.name,
      kind: terminal.kind,
      address: `${terminal.address}:${terminal.port}`,
      online: terminal.online,
      items: sendable,
      unplannable,
      requests,
      estimatedMs: Math.round(requests * cost.requestMs + sendable * cost.perItemMs),
      ...(input.presence?.has(terminal.serial) ? { presence: input.presence.get(terminal.serial) } : {}),
    };
  });
  const lanes = terminals.map((t) => t.estimatedMs);
  const longest = Math.max(0, ...lanes);
  const spread = lanes.reduce((a, b) => a + b, 0) / input.settings.concurrency;
  return {
    mode: input.mode,
    terminals,
    offline: terminals.filter((t) => !t.online).map((t) => t.serial),
    skipped: [...(input.skipped ?? [])],
    totalItems,
    unplannableItems: terminals.reduce((n, t) => n + t.unplannable, 0),
    estimatedMs: Math.round(Math.max(longest, spread)),
    ...(input.unresolved ? { unresolved: [...input.unresolved] } : {}),
  };
}

/** Plans a removal (see {@link planItems}), with every item in an array. */
export function planRemoval(input: PlanInput): PlanDraft {
  return { plan: summarize(input), items: [...planItems(input)] };
}

/**
 * Plans a removal without holding its items: the dry run from one pass, and the items as an iterable that
 * plans them again, one at a time, while they are journaled (a 500,000-item plan is not kept in memory).
 */
export function planRemovalLazily(input: PlanInput): { plan: RemovalPlan; items: Iterable<PlannedItem> } {
  return { plan: summarize(input), items: { [Symbol.iterator]: () => planItems(input) } };
}
