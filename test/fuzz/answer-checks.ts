import { expect } from 'vitest';
import { PeoplePageSchema } from '../../shared/domain/discovery.ts';
import {
  DriverError,
  type Endpoint,
  type ItemResult,
  type ProbeResult,
  type TerminalSession,
} from '../../electron/core/drivers/driver.ts';
import { within } from './harness.ts';

/**
 * What a driver call may come back with when a terminal answers anything at all: a valid result, or a
 * classified DriverError, within a bounded time. Anything else (a TypeError, a ZodError, a hang) fails.
 */

const KINDS = ['retryable', 'auth', 'offline', 'invalid'];
const OUTCOMES = ['removed', 'already-absent', 'failed', 'queued', 'cancelled', 'unconfirmed'];

/** How many calls of each name gave a value and how many null or a DriverError (proves the fuzz reaches both). */
export type Tally = Map<string, { values: number; refusals: number }>;

/**
 * Runs the driver call `name` and returns its value, or null when it failed with a well-formed
 * DriverError; anything else thrown, or an answer later than `withinMs`, fails the test.
 */
export async function settle<T>(
  tally: Tally,
  name: string,
  call: () => Promise<T>,
  withinMs: number,
  context: string,
): Promise<T | null> {
  const started = performance.now();
  const counts = tally.get(name) ?? { values: 0, refusals: 0 };
  tally.set(name, counts);
  let value: T | null = null;
  try {
    value = await within(call(), withinMs + 1_000, `${context} ${name}`);
  } catch (error) {
    expectDriverError(error, `${context} ${name}`);
  }
  if (value === null) counts.refusals++;
  else counts.values++;
  const elapsed = performance.now() - started;
  expect(elapsed, `${context} ${name}: took ${Math.round(elapsed)} ms`).toBeLessThan(withinMs);
  return value;
}

/** Asserts that every call of the tally gave a value at least once and was refused at least once. */
export function expectBothPaths(tally: Tally): void {
  for (const [name, counts] of tally) {
    expect(counts.values, `${name} never gave a value`).toBeGreaterThan(0);
    expect(counts.refusals, `${name} was never refused`).toBeGreaterThan(0);
  }
}

/** A classified DriverError whose texts stay short enough to show. */
export function expectDriverError(error: unknown, context: string): void {
  if (!(error instanceof DriverError)) {
    throw new Error(`${context}: not a DriverError: ${error instanceof Error ? error.stack : String(error)}`);
  }
  expect(KINDS, context).toContain(error.kind);
  expect(error.message.length, `${context}: ${error.message.slice(0, 200)}`).toBeLessThanOrEqual(1_000);
  if (error.rawCode !== null) expect(typeof error.rawCode, context).toBe('string');
  if (error.rawCode !== null) expect(error.rawCode.length, context).toBeLessThanOrEqual(400);
  if (error.status !== null) expect(Number.isInteger(error.status), context).toBe(true);
}

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** A probe result of the expected kind with short texts and sane counts (or null: not this kind). */
export function expectProbe(result: ProbeResult | null, kind: 'sophon' | 'basip', context: string): void {
  if (result === null) return;
  expect(result.kind, context).toBe(kind);
  expect(result.apiVersion.length, context).toBeLessThanOrEqual(16);
  for (const text of [result.serial, result.model, result.firmware, result.name]) {
    if (text !== null) expect(text.length, context).toBeLessThanOrEqual(200);
  }
  for (const count of [result.peopleCount, result.capacity]) {
    if (count !== null) expect(isCount(count), context).toBe(true);
  }
}

/** A people count (or none, when the terminal does not tell) and capacity that are whole and not negative. */
export function expectCount(result: { count: number | null; capacity: number | null } | null, context: string): void {
  if (result === null) return;
  if (result.count !== null) expect(isCount(result.count), context).toBe(true);
  if (result.capacity !== null) expect(isCount(result.capacity), context).toBe(true);
}

/** A page that satisfies the contract's response schema and holds at most `pageSize` people. */
export function expectPage(page: unknown, pageSize: number, context: string): void {
  if (page === null) return;
  expect(PeoplePageSchema.safeParse(page).success, `${context}: ${JSON.stringify(page).slice(0, 300)}`).toBe(true);
  expect((page as { items: unknown[] }).items.length, context).toBeLessThanOrEqual(pageSize);
}

/** One result per requested id, in order, each with a known outcome; removed or absent only with evidence. */
export function expectItemResults(results: ItemResult[] | null, ids: readonly string[], context: string): void {
  if (results === null) return;
  expect(
    results.map((r) => r.id),
    context,
  ).toEqual([...ids]);
  for (const result of results) {
    expect(OUTCOMES, context).toContain(result.outcome);
    // Whatever a device answers, "removed" and "already absent" rest on evidence (ARCHITECTURE.md, "Evidence").
    if (result.outcome === 'removed' || result.outcome === 'already-absent') {
      expect(['answer', 'not-found', 'read-back', 'read-before'], context).toContain(result.evidence);
    }
    if (result.rawCode !== null) expect(typeof result.rawCode, context).toBe('string');
    if (result.reason !== null) expect(typeof result.reason, context).toBe('string');
  }
}

/** What {@link checkReadOperations} drives: a driver and one of its sessions on the fuzzed endpoint. */
export interface ReadTarget {
  kind: 'sophon' | 'basip';
  driver: { probe(endpoint: Endpoint): Promise<ProbeResult | null> };
  session: Pick<TerminalSession, 'verifyCredentials' | 'countPeople' | 'listPeople'>;
  endpoint: Endpoint;
}

/**
 * The read operations every driver has, against a fuzzed answer: probe, login, count and one page of the
 * list, each a valid result or a DriverError within `limitMs`.
 */
export async function checkReadOperations(
  tally: Tally,
  target: ReadTarget,
  page: { pageIndex: number; pageSize: number },
  limitMs: number,
  context: string,
): Promise<void> {
  const { kind, driver, session, endpoint } = target;
  expectProbe(await settle(tally, 'probe', () => driver.probe(endpoint), limitMs, context), kind, context);
  await settle(tally, 'login', () => session.verifyCredentials(), limitMs, context);
  expectCount(await settle(tally, 'count', () => session.countPeople(), limitMs, context), context);
  const listed = await settle(tally, 'list', () => session.listPeople(page.pageIndex, page.pageSize), limitMs, context);
  expectPage(listed, page.pageSize, context);
}
