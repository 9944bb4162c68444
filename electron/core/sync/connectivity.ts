import type { CloudReachability } from '../../../shared/domain/status.ts';
import type { CloudConnectivity } from '../../../shared/domain/sync.ts';
import { toErrorPayload } from '../../../shared/errors.ts';

/** What one probe of a cloud found: it answers and accepts us, it does not answer, or it refuses the credentials. */
export type ProbeOutcome = 'reachable' | 'unreachable' | 'rejected';

/**
 * The port a cloud client implements for the connectivity monitor: one cheap authenticated call (a token
 * fetch). It resolves with what it found, or throws: a thrown error counts as `unreachable`, unless it
 * carries `outcome: 'rejected'` (the cloud answered and refused the credentials; see cloud-probes.ts). The
 * error's message is shown to the technician.
 */
export interface CloudProbe {
  /** The cloud's name, as operations name their target (`tuya`, `aliyun`). */
  readonly cloud: string;
  probe(signal: AbortSignal): Promise<ProbeOutcome>;
}

/** Timing of the monitor: probes of an unreachable cloud back off (full jitter) up to `maxMs`. */
export interface ConnectivityTiming {
  /** First retry after a failed probe (default 5 s); doubles per failure. */
  baseMs: number;
  /** Longest wait between probes of an unreachable cloud (default 5 minutes). */
  maxMs: number;
  /** Wait between probes of a reachable cloud (default 2 minutes). */
  healthyMs: number;
  /** Time-out of one probe (default 20 s). */
  timeoutMs: number;
}

/** Default {@link ConnectivityTiming}. */
export const DEFAULT_CONNECTIVITY_TIMING: ConnectivityTiming = {
  baseMs: 5_000,
  maxMs: 300_000,
  healthyMs: 120_000,
  timeoutMs: 20_000,
};

/** Watches whether the clouds answer, probing with back-off, and tells when one comes back. */
export interface ConnectivityMonitor {
  /** Adds a cloud to watch (the cloud settings do, once credentials are set); returns a function removing it. */
  register(probe: CloudProbe): () => void;
  /**
   * Records what a real call to a cloud just showed (a job's request answered, or found no network), as a probe
   * would: a cloud seen answering again resumes its queued work. A cloud without a probe (not configured yet, or
   * Alibaba Cloud with a user token) is kept from these calls alone: the monitor is the ONE source of every
   * cloud's reachability (the status bar, the sync queue's targets and its cloud lines all read it).
   */
  observe(cloud: string, outcome: ProbeOutcome, error?: string): void;
  /** What is known of one cloud now: unknown before any probe or call. */
  reachability(cloud: string): CloudReachability;
  /** Probes every cloud now (Sync now); resolves with what each answered. */
  probeNow(): Promise<CloudConnectivity[]>;
  clouds(): CloudConnectivity[];
  /** What the status bar shows: unknown with no cloud, unreachable when any is, else reachable. */
  overall(): CloudReachability;
  /** Starts probing on the timing (probes at once). */
  start(): void;
  stop(): void;
}

/** What the monitor tells its owner. */
export interface ConnectivityEvents {
  /** A cloud answers again after not answering (or for the first time): its queued work can go. */
  onReachable(cloud: string): void;
  /** Anything changed (the status bar and the sync queue republish). */
  onChange(): void;
}

interface Watched {
  probe: CloudProbe;
  state: CloudConnectivity;
  failures: number;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
}

/** Creates the {@link ConnectivityMonitor}. Terminal presence is not probed here: discovery tells it. */
export function createConnectivityMonitor(
  events: ConnectivityEvents,
  timing: Partial<ConnectivityTiming> = {},
  now: () => number = Date.now,
  random: () => number = Math.random,
): ConnectivityMonitor {
  const t = { ...DEFAULT_CONNECTIVITY_TIMING, ...timing };
  const watched = new Map<string, Watched>();
  /** Clouds seen only through their calls (no probe registered). */
  const passive = new Map<string, CloudConnectivity>();
  const stop = new AbortController();
  let started = false;

  const delayAfter = (w: Watched): number =>
    w.failures === 0
      ? t.healthyMs
      : Math.max(t.baseMs / 2, Math.floor(random() * Math.min(t.maxMs, t.baseMs * 2 ** (w.failures - 1))));

  const schedule = (w: Watched, from: number): void => {
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    if (!started || stop.signal.aborted || watched.get(w.probe.cloud) !== w) return;
    const delay = delayAfter(w);
    w.state = { ...w.state, nextProbeAt: from + delay };
    w.timer = setTimeout(() => void probeOne(w), delay);
    w.timer.unref();
  };

  /** Records one finding about a cloud; tells when it answers again; reschedules its next probe. */
  const record = (w: Watched, outcome: ProbeOutcome, thrown: string | null): void => {
    const before = w.state.reachability;
    const at = now();
    let error = thrown;
    if (outcome === 'unreachable') {
      w.failures++;
      error ??= `The ${w.probe.cloud} cloud did not answer. Work for it stays queued until it does.`;
    } else w.failures = 0;
    if (outcome === 'rejected') error ??= `The ${w.probe.cloud} cloud refused the credentials.`;
    if (outcome === 'reachable') error = null;
    w.state = {
      ...w.state,
      reachability: outcome === 'unreachable' ? 'unreachable' : 'reachable',
      credentialsRejected: outcome === 'rejected',
      lastProbeAt: at,
      nextProbeAt: null,
      error,
    };
    if (watched.get(w.probe.cloud) !== w) return;
    schedule(w, at);
    if (outcome === 'reachable' && before !== 'reachable') events.onReachable(w.probe.cloud);
    events.onChange();
  };

  const probeOne = (w: Watched): Promise<void> => {
    w.running ??= (async () => {
      let outcome: ProbeOutcome;
      let error: string | null = null;
      try {
        outcome = await w.probe.probe(AbortSignal.any([stop.signal, AbortSignal.timeout(t.timeoutMs)]));
      } catch (thrown) {
        const refused = (thrown as { outcome?: unknown } | null)?.outcome === 'rejected';
        outcome = refused ? 'rejected' : 'unreachable';
        error = toErrorPayload(thrown).message;
      }
      record(w, outcome, error);
    })().finally(() => {
      w.running = undefined;
    });
    return w.running;
  };

  /** What a cloud without a probe showed: kept, told like a probe's finding. */
  const observePassive = (cloud: string, outcome: ProbeOutcome, error: string | null): void => {
    const before = passive.get(cloud)?.reachability ?? 'unknown';
    passive.set(cloud, {
      cloud,
      reachability: outcome === 'unreachable' ? 'unreachable' : 'reachable',
      credentialsRejected: outcome === 'rejected',
      lastProbeAt: now(),
      nextProbeAt: null,
      error: outcome === 'reachable' ? null : error,
    });
    if (outcome !== 'unreachable' && before !== 'reachable') events.onReachable(cloud);
    events.onChange();
  };

  const states = (): CloudConnectivity[] => [...[...watched.values()].map((w) => w.state), ...passive.values()];

  return {
    register(probe) {
      const previous = watched.get(probe.cloud);
      if (previous?.timer) clearTimeout(previous.timer);
      const w: Watched = {
        probe,
        failures: 0,
        timer: undefined,
        running: undefined,
        // What its calls showed before it had a probe is kept until the first probe answers.
        state: {
          cloud: probe.cloud,
          reachability: 'unknown',
          credentialsRejected: false,
          lastProbeAt: null,
          nextProbeAt: null,
          error: null,
          ...passive.get(probe.cloud),
        },
      };
      passive.delete(probe.cloud);
      watched.set(probe.cloud, w);
      events.onChange();
      if (started) void probeOne(w);
      return () => {
        if (watched.get(probe.cloud) !== w) return;
        if (w.timer) clearTimeout(w.timer);
        watched.delete(probe.cloud);
        events.onChange();
      };
    },
    observe(cloud, outcome, error) {
      const w = watched.get(cloud);
      if (w) record(w, outcome, error ?? null);
      else observePassive(cloud, outcome, error ?? null);
    },
    reachability: (cloud) => (watched.get(cloud)?.state ?? passive.get(cloud))?.reachability ?? 'unknown',
    async probeNow() {
      await Promise.all([...watched.values()].map((w) => probeOne(w)));
      return [...watched.values()].map((w) => w.state);
    },
    clouds: states,
    overall() {
      const known = states().map((s) => s.reachability);
      if (known.length === 0 || known.every((s) => s === 'unknown')) return 'unknown';
      return known.includes('unreachable') ? 'unreachable' : 'reachable';
    },
    start() {
      if (started) return;
      started = true;
      for (const w of watched.values()) void probeOne(w);
    },
    stop() {
      started = false;
      stop.abort();
      for (const w of watched.values()) if (w.timer) clearTimeout(w.timer);
    },
  };
}
