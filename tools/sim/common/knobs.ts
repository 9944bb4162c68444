import { createPrng, type Prng } from './prng.ts';

/**
 * Faults a simulated terminal or cloud can be told to produce:
 * - `http500`, `http503`: that status with the vendor's error body;
 * - `busy`: the vendor's "device busy" answer (Sophon/BAS-IP: a 503-class busy error);
 * - `timeout`: accept the request and never answer (until the server closes);
 * - `slow-body`: answer correctly but dribble the body out over `slowBodyMs`;
 * - `drop`: destroy the connection without an answer;
 * - `expired-credentials`: treat the presented token as expired;
 * - `wrong-credentials`: refuse logins as if the password were wrong.
 */
export const FAULT_KINDS = [
  'http500',
  'http503',
  'busy',
  'timeout',
  'slow-body',
  'drop',
  'expired-credentials',
  'wrong-credentials',
] as const;

/** One kind of fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Firmware variants real devices show where the vendor documents are silent or contradict themselves
 * (PROTOCOLS.md §6, issue 14). Each is a knob of the simulated site and of the demo, so the app is tested
 * against them, not only against the documented happy path:
 * - `batch-not-found` (Sophon): a `deleteidentities` batch naming one unknown id is answered
 *   `ID_NOT_FOUND` as a whole and NOTHING of the batch is deleted;
 * - `batch-invalid` (Sophon): the same with `INVALID_ARGUMENTS` when one id of the batch is not valid;
 * - `uid-delete-empty` (BAS-IP): the uid delete answers 200 with no body (the sim's documented default);
 *   `uid-delete-result` answers a per-uid `result[]` instead;
 * - `link-id-null` (BAS-IP): link answers carry `link_id: null` in every result entry ("by default return
 *   null value", vendor document);
 * - `list-400` (BAS-IP): a delete naming one unknown id is refused as a whole with 400 "Wrong JSON body";
 * - `html-200` (both): unknown paths answer 200 with an HTML page instead of a 404;
 * - `int-codes` (Sophon): error codes are integers where the examples show strings;
 * - `numeric-values` (both): numbers where the examples show strings in fields the app does not use
 *   (Sophon `user_type`, a person's `type`; BAS-IP `identifier_number`, `identifier_type`);
 * - `no-totals` (BAS-IP): list answers carry no pagination totals;
 * - `null-values` (both): null where the examples show a value, in fields the app does not depend on
 *   (Sophon `user_type`, `ext_user_info`, `permission_ids`; BAS-IP `framework_version`, `frontend_version`,
 *   `device_name`, an identifier's `identifier_number` and owner `name`);
 * - `info-behind-login` (BAS-IP): the info paths answer 401 `{"error": "Log In"}` without a valid token, as
 *   some firmware does (PROTOCOLS.md §6), so the panel is identified only after logging in;
 * - `no-has-more` (Tuya): the permission query answers `total` and `list` without `has_more`, as the vendor's
 *   captured answer does (its description lists `hasMore`).
 * A silent page cap is the numeric knob `pageCap`.
 */
export const FIRMWARE_VARIANTS = [
  'batch-not-found',
  'batch-invalid',
  'uid-delete-empty',
  'uid-delete-result',
  'link-id-null',
  'list-400',
  'html-200',
  'int-codes',
  'numeric-values',
  'no-totals',
  'info-behind-login',
  'no-has-more',
  'null-values',
] as const;

/** One firmware variant (see {@link FIRMWARE_VARIANTS}). */
export type FirmwareVariant = (typeof FIRMWARE_VARIANTS)[number];

/** A fault rule: which requests it hits and how often. */
export interface FaultRule {
  kind: FaultKind;
  /** Probability per matching request, 0..1 (default 1). Drawn from the simulator's seeded generator. */
  rate?: number;
  /** Affect at most this many requests, then retire (default: until cleared). */
  count?: number;
  /** Only requests whose path contains this text. */
  pathIncludes?: string;
}

/** Behaviour settings of a simulator; all can be changed while it runs. */
export interface Knobs {
  /** Added to every request, in milliseconds. */
  latencyMs: number;
  /** Added per item in a bulk request (per id deleted, per record returned), in milliseconds. */
  perItemLatencyMs: number;
  /** Most ids accepted in one bulk request; more is a validation error. */
  maxIdsPerRequest: number;
  /** Most people the person database holds. */
  capacity: number;
  /** How long a `slow-body` answer takes to arrive, in milliseconds. */
  slowBodyMs: number;
  /**
   * Most rows a list page really holds, whatever page size was asked (0: no cap). The device answers a
   * shorter page WITHOUT saying so and pages with the capped size (offset = page × cap).
   */
  pageCap: number;
  /** Firmware variants in force (see {@link FIRMWARE_VARIANTS}). */
  variants: FirmwareVariant[];
  faults: FaultRule[];
}

/** Sensible defaults: fast, roomy, no faults. */
export const DEFAULT_KNOBS: Knobs = {
  latencyMs: 0,
  perItemLatencyMs: 0,
  maxIdsPerRequest: 1000,
  capacity: 50_000,
  slowBodyMs: 2000,
  pageCap: 0,
  variants: [],
  faults: [],
};

/** Holds a simulator's knobs and decides, per request, which fault (if any) applies. */
export class KnobBox {
  private current: Knobs;
  private readonly prng: Prng;

  constructor(initial: Partial<Knobs> = {}, seed: number | string = 1) {
    this.current = {
      ...DEFAULT_KNOBS,
      ...initial,
      variants: [...(initial.variants ?? [])],
      faults: [...(initial.faults ?? [])],
    };
    this.prng = createPrng(seed);
  }

  /** The knobs now in force (a copy). */
  get(): Knobs {
    return {
      ...this.current,
      variants: [...this.current.variants],
      faults: this.current.faults.map((f) => ({ ...f })),
    };
  }

  /** Whether firmware variant `variant` is in force. */
  has(variant: FirmwareVariant): boolean {
    return this.current.variants.includes(variant);
  }

  /** Changes some knobs; `faults`, when given, replaces the whole list. */
  set(patch: Partial<Knobs>): Knobs {
    this.current = {
      ...this.current,
      ...patch,
      variants: [...(patch.variants ?? this.current.variants)],
      faults: [...(patch.faults ?? this.current.faults)],
    };
    return this.get();
  }

  /** Removes every fault rule. */
  clearFaults(): void {
    this.current.faults = [];
  }

  /**
   * The fault to apply to a request on `path`, consuming one use of a counted rule. Rules are tried in
   * order; the first that matches and fires wins.
   */
  nextFault(path: string, only?: readonly FaultKind[]): FaultKind | undefined {
    for (const rule of this.current.faults) {
      if (only && !only.includes(rule.kind)) continue;
      if (rule.pathIncludes && !path.includes(rule.pathIncludes)) continue;
      if (rule.count !== undefined && rule.count <= 0) continue;
      if (this.prng.next() >= (rule.rate ?? 1)) continue;
      if (rule.count !== undefined) rule.count -= 1;
      return rule.kind;
    }
    return undefined;
  }
}
