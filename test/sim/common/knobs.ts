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
  faults: FaultRule[];
}

/** Sensible defaults: fast, roomy, no faults. */
export const DEFAULT_KNOBS: Knobs = {
  latencyMs: 0,
  perItemLatencyMs: 0,
  maxIdsPerRequest: 1000,
  capacity: 50_000,
  slowBodyMs: 2000,
  faults: [],
};

/** Holds a simulator's knobs and decides, per request, which fault (if any) applies. */
export class KnobBox {
  private current: Knobs;
  private readonly prng: Prng;

  constructor(initial: Partial<Knobs> = {}, seed: number | string = 1) {
    this.current = { ...DEFAULT_KNOBS, ...initial, faults: [...(initial.faults ?? [])] };
    this.prng = createPrng(seed);
  }

  /** The knobs now in force (a copy). */
  get(): Knobs {
    return { ...this.current, faults: this.current.faults.map((f) => ({ ...f })) };
  }

  /** Changes some knobs; `faults`, when given, replaces the whole list. */
  set(patch: Partial<Knobs>): Knobs {
    this.current = { ...this.current, ...patch, faults: [...(patch.faults ?? this.current.faults)] };
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
