import type { FaultKind, KnobBox } from '../../tools/sim/common/knobs.ts';
import type { Prng } from '../../tools/sim/common/prng.ts';
import type { SimTerminal } from '../support/removal/test-kit.ts';
import type { ChaosSite } from './site.ts';

/** The kinds of fault a chaos run injects, as the figures name them. */
export const CHAOS_FAULT_KINDS = [
  'link-cut',
  'http500',
  'http503',
  'busy',
  'timeout',
  'slow-body',
  'drop',
  'token-expiry',
  'latency',
  'cloud-offline',
  'throttle',
] as const;

/** One kind of injected fault. */
export type ChaosFaultKind = (typeof CHAOS_FAULT_KINDS)[number];

/** Something to undo later (restore a link, bring a cloud back, lift a throttle or a latency). */
interface Undo {
  at: number;
  what: string;
  run(): Promise<void> | void;
}

const KNOB_FAULTS = [
  'http500',
  'http503',
  'busy',
  'timeout',
  'slow-body',
  'drop',
] as const satisfies readonly FaultKind[];

/**
 * Injects random faults into the simulated site: links cut and restored, 5xx, time-outs, slow bodies, dropped
 * connections, token expiry, throttling, latency and clouds going offline. Every choice comes from the run's
 * seeded generator; counted timed faults are undone by {@link tick} when due, and all by {@link restoreAll}.
 */
export class FaultInjector {
  /** Faults injected, by kind. */
  readonly injected: Record<ChaosFaultKind, number> = Object.fromEntries(
    CHAOS_FAULT_KINDS.map((k) => [k, 0]),
  ) as Record<ChaosFaultKind, number>;
  /** Links cut and brought back, clouds taken offline and back, and so on. */
  restored = 0;
  private undos: Undo[] = [];
  private readonly site: ChaosSite;
  private readonly prng: Prng;
  /** Slowest body a terminal fault dribbles (above the app's request time-out, so some answers are lost). */
  private readonly slowBodyMaxMs: number;

  constructor(site: ChaosSite, prng: Prng, slowBodyMaxMs: number) {
    this.site = site;
    this.prng = prng;
    this.slowBodyMaxMs = slowBodyMaxMs;
  }

  /** Faults still to undo (cut links, offline clouds, throttles, latencies). */
  get pending(): number {
    return this.undos.length;
  }

  /** Injects one random fault somewhere on the site. */
  async injectOne(): Promise<ChaosFaultKind> {
    const roll = this.prng.next();
    if (roll < 0.7) return this.onTerminal(this.prng.pick(this.site.terminals));
    return this.onCloud(this.prng.next() < 0.5 ? 'tuya' : 'aliyun');
  }

  /** Undoes the timed faults that are due. */
  async tick(now = Date.now()): Promise<void> {
    const due = this.undos.filter((u) => u.at <= now);
    this.undos = this.undos.filter((u) => u.at > now);
    for (const undo of due) {
      await undo.run();
      this.restored += 1;
    }
  }

  /** Undoes every fault: links up, clouds online, no throttle, no latency, no fault rules. */
  async restoreAll(): Promise<void> {
    await this.tick(Number.POSITIVE_INFINITY);
    for (const t of this.site.terminals) {
      t.device.knobs.set({ latencyMs: 0, faults: [] });
      await t.bringBack();
    }
    for (const cloud of [this.site.tuya, this.site.aliyun]) {
      cloud.knobs.set({ latencyMs: 0, faults: [] });
      await cloud.setOnline(true);
    }
    this.site.tuya.setThrottle(undefined);
    this.site.aliyun.setRateLimit(null);
  }

  private count(kind: ChaosFaultKind): ChaosFaultKind {
    this.injected[kind] += 1;
    return kind;
  }

  private later(ms: number, what: string, run: () => Promise<void> | void): void {
    this.undos.push({ at: Date.now() + ms, what, run });
  }

  private async onTerminal(t: SimTerminal): Promise<ChaosFaultKind> {
    const roll = this.prng.next();
    if (roll < 0.25) {
      if (this.undos.some((u) => u.what === `link:${t.serial}`)) return this.onTerminal(t);
      await t.cutOff();
      this.later(this.prng.int(1000, 7000), `link:${t.serial}`, () => t.bringBack());
      return this.count('link-cut');
    }
    if (roll < 0.33) {
      t.device.knobs.set({ latencyMs: this.prng.int(200, 1500) });
      this.later(this.prng.int(2000, 6000), `latency:${t.serial}`, () => void t.device.knobs.set({ latencyMs: 0 }));
      return this.count('latency');
    }
    if (roll < 0.41 && t.kind === 'basip') {
      this.addRule(t.device.knobs, 'expired-credentials', 1, 1);
      return this.count('token-expiry');
    }
    const kind = this.prng.pick(KNOB_FAULTS);
    if (kind === 'slow-body') t.device.knobs.set({ slowBodyMs: this.prng.int(300, this.slowBodyMaxMs) });
    this.addRule(t.device.knobs, kind, 0.6, this.prng.int(1, 4));
    return this.count(kind);
  }

  private async onCloud(name: 'tuya' | 'aliyun'): Promise<ChaosFaultKind> {
    const cloud = name === 'tuya' ? this.site.tuya : this.site.aliyun;
    const roll = this.prng.next();
    if (roll < 0.22) {
      if (this.undos.some((u) => u.what === `cloud:${name}`)) return this.onCloud(name);
      await cloud.setOnline(false);
      this.later(this.prng.int(1500, 8000), `cloud:${name}`, () => cloud.setOnline(true));
      return this.count('cloud-offline');
    }
    if (roll < 0.36) {
      cloud.expireTokens();
      return this.count('token-expiry');
    }
    if (roll < 0.5) {
      if (name === 'tuya')
        this.site.tuya.setThrottle({ maxRequestsPerSecond: 2, code: this.prng.pick([1110, 1111, 1199]) });
      else this.site.aliyun.setRateLimit(2);
      this.later(this.prng.int(2000, 6000), `throttle:${name}`, () =>
        name === 'tuya' ? this.site.tuya.setThrottle(undefined) : this.site.aliyun.setRateLimit(null),
      );
      return this.count('throttle');
    }
    // A cloud time-out holds the app for its whole client time-out (20-30 s): rare, and once.
    const kinds = this.prng.next() < 0.1 ? (['timeout'] as const) : KNOB_FAULTS.filter((k) => k !== 'timeout');
    const kind = this.prng.pick(kinds);
    this.addRule(cloud.knobs, kind, 0.4, kind === 'timeout' ? 1 : this.prng.int(1, 2));
    return this.count(kind);
  }

  private addRule(knobs: KnobBox, kind: FaultKind, rate: number, count: number): void {
    knobs.set({ faults: [...knobs.get().faults, { kind, rate, count }] });
  }
}
