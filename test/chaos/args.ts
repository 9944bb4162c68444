import { parseArgs } from 'node:util';

/** What one chaos run is asked to do. */
export interface ChaosOptions {
  /** How long the random phase lasts, in minutes (fractions allowed). */
  minutes: number;
  /** Seed of every random choice of the conductor (faults, workload, kill moments) and of the simulators. */
  seed: string;
  /** Average forced restarts (kill -9 of the app process) per minute. */
  restartsPerMinute: number;
  /** Print the figures as JSON instead of text. */
  json: boolean;
  /** Simulated terminals (half Sophon, half BAS-IP). */
  terminals: number;
  /** Keep the temporary data directory (for a post-mortem). */
  keep: boolean;
}

/** The defaults of `npm run chaos`. */
export const DEFAULT_CHAOS_OPTIONS: ChaosOptions = {
  minutes: 1,
  seed: 'chaos',
  restartsPerMinute: 4,
  json: false,
  terminals: 4,
  keep: false,
};

function positive(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(`--${name} must be a number above 0 and at most ${max}, not "${text}".`);
  }
  return value;
}

/** Reads the command line of `npm run chaos -- --minutes N [--seed S] [--restarts-per-minute R] [--json]`. */
export function parseChaosArgs(argv: readonly string[]): ChaosOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      minutes: { type: 'string' },
      seed: { type: 'string' },
      'restarts-per-minute': { type: 'string' },
      terminals: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const terminals = positive('terminals', values.terminals, DEFAULT_CHAOS_OPTIONS.terminals, 16);
  if (!Number.isInteger(terminals) || terminals < 2) throw new Error('--terminals must be a whole number from 2.');
  return {
    minutes: positive('minutes', values.minutes, DEFAULT_CHAOS_OPTIONS.minutes, 24 * 60),
    seed: values.seed ?? DEFAULT_CHAOS_OPTIONS.seed,
    restartsPerMinute: positive(
      'restarts-per-minute',
      values['restarts-per-minute'],
      DEFAULT_CHAOS_OPTIONS.restartsPerMinute,
      120,
    ),
    json: values.json ?? false,
    terminals,
    keep: values.keep ?? false,
  };
}
