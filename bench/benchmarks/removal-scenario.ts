import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knobs } from '../../tools/sim/common/knobs.ts';
import { generatePeople, type SimPerson } from '../../tools/sim/common/people.ts';
import type { Site } from '../../tools/sim/site/site.ts';
import { DEFAULT_CREDENTIALS } from '../../tools/sim/site/terminal-device.ts';
import type { RemoveAllInput } from '../laptop/remove-all.ts';
import type { RemoveNaiveInput } from '../laptop/remove-naive.ts';

/** One size of the removal benchmark and the terminals' simulated costs. */
export interface RemovalScenario {
  /** People on every terminal, all of them removed. */
  people: number;
  terminals: number;
  /** Simulated cost of every request, in ms (the sims' `latencyMs`). */
  perRequestMs: number;
  /** Simulated cost of every id deleted, in ms (the sims' `perItemLatencyMs`). */
  perItemMs: number;
  /** Most ids a terminal accepts in one request (the sims' `maxIdsPerRequest`); the app's batch size too. */
  cap: number;
  /** The naive baseline's sample: this many people on two terminals (one of each kind). */
  naivePeople: number;
}

/** The size the issue speaks of: 10,000 people from 50 terminals. */
export const FULL_SCENARIO: RemovalScenario = {
  people: 10_000,
  terminals: 50,
  perRequestMs: 50,
  perItemMs: 2,
  cap: 100,
  naivePeople: 200,
};

/** The CI version: 500 people from 5 terminals, same costs. */
export const QUICK_SCENARIO: RemovalScenario = {
  people: 500,
  terminals: 5,
  perRequestMs: 50,
  perItemMs: 2,
  cap: 100,
  naivePeople: 20,
};

/** Terminals of the naive sample: one Sophon, one BAS-IP. */
export const NAIVE_TERMINALS = 2;

/** Figure prefix of a scenario, e.g. `removal.10000x50`. */
export function prefixOf(s: RemovalScenario): string {
  return `removal.${s.people}x${s.terminals}`;
}

/** The knobs every terminal of a scenario runs with. */
export function knobsOf(s: RemovalScenario): Partial<Knobs> {
  return { latencyMs: s.perRequestMs, perItemLatencyMs: s.perItemMs, maxIdsPerRequest: s.cap };
}

/**
 * The ideal time: the slowest terminal's serial work at its cap, ceil(items / cap) requests of
 * `perRequestMs` plus `perItemMs` per item, and its read-back of the `leftAfter` rows it still lists
 * ({@link readBackMs}). Every terminal holds the same items here, so it is any one's.
 */
export function idealMs(s: RemovalScenario, leftAfter = 0): number {
  const deletes = Math.ceil(s.people / s.cap) * s.perRequestMs + s.people * s.perItemMs;
  return deletes + readBackMs(s, leftAfter);
}

/** Rows of a list page (the largest page BAS-IP allows; the engine reads every terminal in pages of it). */
const LIST_PAGE = 50;

/**
 * The read-back verification's share of the ideal (issue 14: verification is on by default and part of the
 * cost): one complete read of what the terminal still lists after the removal, `leftAfter` rows in pages of 50
 * (at least one request, for an empty list), each `perRequestMs` plus `perItemMs` per row.
 */
export function readBackMs(s: RemovalScenario, leftAfter: number): number {
  return Math.max(1, Math.ceil(leftAfter / LIST_PAGE)) * s.perRequestMs + leftAfter * s.perItemMs;
}

/**
 * What a BAS-IP panel of the site still lists once every person's card identifier is removed by link id: the
 * face identifiers of the people registered with three faces (tools/sim/basip seeds one each). Sophon
 * terminals list nobody then, so the panels' read-back is the longer one.
 */
export function leftAfterRemoval(people: readonly SimPerson[]): number {
  return people.filter((person) => person.faceCount === 3).length;
}

/** Site options: every terminal holds the same `people` (the population is exactly that size). */
export function siteOptionsOf(s: RemovalScenario, terminals: number, people: number) {
  return {
    terminals,
    kind: 'mixed' as const,
    seed: 'bench-removal',
    peoplePerTerminal: people,
    populationSize: people,
    configure: () => ({ knobs: knobsOf(s) }),
    log: () => undefined,
  };
}

/** The site's population, as the customer's list of people to remove would name them. */
export function populationOf(site: Site): SimPerson[] {
  return generatePeople(site.population.seed, site.population.size);
}

/** Writes the app driver's input (terminals, the removal list, batch size = cap) and answers its path. */
export function writeAppInput(dir: string, site: Site, s: RemovalScenario, run: number): string {
  const input: RemoveAllInput = {
    terminals: site.terminals.map((t) => ({ address: t.address, port: t.port, kind: t.kind })),
    items: populationOf(site).map((p, i) => ({ line: i + 2, identity_id: p.identityId, link_id: p.linkId })),
    batchSize: s.cap,
    concurrency: Math.min(64, site.terminals.length),
    credentials: DEFAULT_CREDENTIALS,
  };
  const path = join(dir, `removal-input-${run}.json`);
  writeFileSync(path, JSON.stringify(input));
  return path;
}

/** Writes the naive baseline's input (its sample site's terminals and people) and answers its path. */
export function writeNaiveInput(dir: string, site: Site, run: number): string {
  const input: RemoveNaiveInput = {
    terminals: site.terminals.map((t) => ({ origin: t.origin, kind: t.kind })),
    people: populationOf(site).map((p) => ({ identityId: p.identityId, linkId: p.linkId })),
    credentials: DEFAULT_CREDENTIALS,
  };
  const path = join(dir, `naive-input-${run}.json`);
  writeFileSync(path, JSON.stringify(input));
  return path;
}
