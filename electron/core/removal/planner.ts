import type { RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { PresenceCounts, UnresolvedPerson } from '../../../shared/domain/people-index.ts';
import type { RemovalPlan, RemovalSettings, RemovalTargets, TerminalPlan } from '../../../shared/domain/removal.ts';
import type { Terminal, TerminalKind } from '../../../shared/domain/terminal.ts';
import { API_V0_CODE, API_V0_REASON, canRemove, capabilitiesOf, isApiV0 } from '../../../shared/domain/capabilities.ts';
import { AppError } from '../../../shared/errors.ts';

/** One item to journal: one person (or face) on one terminal, with the id that terminal's kind uses. */
export interface PlannedItem {
  /** Order within the job (items are sent in this order). */
  seq: number;
  terminal: string;
  terminalKind: TerminalKind;
  line: number | null;
  name: string | null;
  personKey: string;
  /** identity_id (Sophon), link_id or uid (BAS-IP); face_id or register_image_id for faces-only. */
  idKind: string;
  /** The id sent: identity_id, link_id or uid; for faces-only the person's identity_id. */
  nativeId: string;
  /** For faces-only: the face_id or register_image_id; '' otherwise. */
  faceId: string;
  /** Set when the item cannot be sent to this terminal: it is journaled as failed at once, never silently dropped. */
  failure: { rawCode: string; reason: string } | null;
}

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

/** Raw code of an item that had no id of its terminal's kind at plan time. */
export const NO_ID_CODE = 'plan:no-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UID = /^\d{1,15}$/;

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

/** The key that identifies a list row across terminals (for grouping per person in reports). */
export function personKeyOf(item: RemovalItem, mode: RemovalMode): string {
  if (mode === 'faces-only') return `${item.identity_id ?? ''}/${item.register_image_id ?? item.face_id ?? ''}`;
  return (
    item.identity_id ?? item.link_id ?? (item.uid === undefined ? undefined : String(item.uid)) ?? item.nativeId ?? ''
  );
}

type Resolved = { idKind: string; nativeId: string; faceId: string } | { failure: string; idKind: string };

/** The id a terminal of `kind` uses for a list row, or why there is none. */
export function resolveId(item: RemovalItem, kind: TerminalKind, mode: RemovalMode): Resolved {
  const key = personKeyOf(item, mode);
  if (kind === 'unknown') {
    return {
      idKind: 'unknown',
      failure: 'The app cannot tell what kind of terminal this is: add it again with --kind.',
    };
  }
  if (mode === 'faces-only') {
    if (!capabilitiesOf({ kind, apiVersion: null }).removeSingleFaces) {
      return {
        idKind: 'face',
        failure: `${kind === 'basip' ? 'BAS-IP panels' : 'This terminal'} cannot remove a single face: remove the whole person instead.`,
      };
    }
    const faceKind = item.register_image_id !== undefined ? 'register_image_id' : 'face_id';
    const faceId = item.register_image_id ?? item.face_id;
    if (item.identity_id === undefined || faceId === undefined) {
      return { idKind: faceKind, failure: 'A face removal needs the identity_id and a face_id or register_image_id.' };
    }
    return { idKind: faceKind, nativeId: item.identity_id, faceId };
  }
  if (kind === 'sophon') {
    const id = item.identity_id ?? item.nativeId;
    if (id !== undefined) return { idKind: 'identity_id', nativeId: id, faceId: '' };
    return {
      idKind: item.link_id !== undefined ? 'link_id' : 'uid',
      failure: `No identity_id for "${key}": Sophon terminals remove people by identity_id only.`,
    };
  }
  if (item.link_id !== undefined) {
    if (UUID.test(item.link_id)) return { idKind: 'link_id', nativeId: item.link_id.toLowerCase(), faceId: '' };
    return { idKind: 'link_id', failure: `"${item.link_id}" is not a link_id: BAS-IP link ids are UUIDs.` };
  }
  if (item.uid !== undefined) return { idKind: 'uid', nativeId: String(item.uid), faceId: '' };
  const native = item.nativeId;
  if (native !== undefined && UUID.test(native))
    return { idKind: 'link_id', nativeId: native.toLowerCase(), faceId: '' };
  if (native !== undefined && UID.test(native) && Number(native) > 0) {
    return { idKind: 'uid', nativeId: String(Number(native)), faceId: '' };
  }
  return {
    idKind: 'identity_id',
    failure: `"${key}" is neither a link_id (UUID) nor a uid (whole number), so BAS-IP panels cannot remove it.`,
  };
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
 * code {@link API_V0_CODE}, never retried. Duplicates on one terminal are planned once. The same input always gives the same items.
 */
export function* planItems(input: PlanInput): Generator<PlannedItem> {
  let seq = 0;
  for (const terminal of input.targets) {
    const tooOld = isApiV0(terminal);
    const seen = new Set<string>();
    for (const item of input.perTerminal?.get(terminal.serial) ?? input.items) {
      const resolved = resolveId(item, terminal.kind, input.mode);
      const personKey = personKeyOf(item, input.mode);
      const nativeId = 'failure' in resolved ? personKey : resolved.nativeId;
      const faceId = 'failure' in resolved ? '' : resolved.faceId;
      const unique = JSON.stringify([resolved.idKind, nativeId, faceId]);
      if (seen.has(unique)) continue;
      seen.add(unique);
      yield {
        seq: seq++,
        terminal: terminal.serial,
        terminalKind: terminal.kind,
        line: item.line,
        name: item.name ?? null,
        personKey,
        idKind: resolved.idKind,
        nativeId,
        faceId,
        failure: tooOld
          ? { rawCode: API_V0_CODE, reason: API_V0_REASON }
          : 'failure' in resolved
            ? { rawCode: NO_ID_CODE, reason: resolved.failure }
            : null,
      };
    }
  }
}

/**
 * The dry run of a plan from its items: per terminal how many items, whether it is offline, and an estimated
 * time from the batch size and `cost`; the whole-job estimate applies the concurrency limit.
 */
function summarize(input: PlanInput, items: Iterable<PlannedItem>): RemovalPlan {
  const cost = input.cost ?? DEFAULT_COST;
  const tally = new Map(
    input.targets.map((t) => [t.serial, { sendable: 0, unplannable: 0, perKind: new Map<string, number>() }]),
  );
  let totalItems = 0;
  for (const item of items) {
    totalItems++;
    const mine = tally.get(item.terminal);
    if (!mine) continue;
    if (item.failure) mine.unplannable++;
    else {
      mine.sendable++;
      mine.perKind.set(item.idKind, (mine.perKind.get(item.idKind) ?? 0) + 1);
    }
  }
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
  const items = [...planItems(input)];
  return { plan: summarize(input, items), items };
}

/**
 * Plans a removal without holding its items: the dry run from one pass, and the items as an iterable that
 * plans them again, one at a time, while they are journaled (a 500,000-item plan is not kept in memory).
 */
export function planRemovalLazily(input: PlanInput): { plan: RemovalPlan; items: Iterable<PlannedItem> } {
  return { plan: summarize(input, planItems(input)), items: { [Symbol.iterator]: () => planItems(input) } };
}
