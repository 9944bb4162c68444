import fc from 'fast-check';

/**
 * Building blocks of the IPC payload arbitraries (ipc-payloads.ts): anything at all, strings and numbers
 * around a rule's limits, and objects with some of their fields, each valid, near a limit or anything.
 */

/** Anything a hostile renderer or WebSocket client could send (structured-clone shapes included). */
export const junk: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 2,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Token replaced by the id of a job that exists (ipc-dispatch.test.ts swaps it in). */
export const KNOWN_JOB = '@known-job';

/** A string around a `min`..`max` length rule: empty, at the limits, one past, padded, any text. */
export function text(min: number, max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 24), unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
    fc.constantFrom('', ' ', '\u0000', '   x   ', 'x'.repeat(max), 'x'.repeat(max + 1), '\u{1F600}'.repeat(max)),
  );
}

/** A number around an integer rule `min`..`max`: inside, at and past the limits, fractions, NaN, text. */
export function int(min: number, max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min, max }) },
    fc.constantFrom(min - 1, min, max, max + 1, 0.5, -0, Number.NaN, Infinity, 2 ** 53, String(min)),
    fc.double(),
  );
}

/** A field: usually from `valid`, sometimes anything at all. */
export function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk });
}

/** An object with some of `fields` (each a {@link field}), sometimes with an unknown key added. */
export function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const model = Object.fromEntries(Object.entries(fields).map(([key, arb]) => [key, field(arb)]));
  const record = fc.record(model, { requiredKeys: [] });
  return fc.oneof(
    { weight: 4, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc.tuple(record, fc.string({ maxLength: 12 }), junk).map(([r, k, v]) => ({ ...r, [k]: v })),
    },
  );
}

/** A terminal serial (1 to 128 characters), or a near miss. */
export const serial = text(1, 128);

/** A job id (1 to 64 characters), a near miss, or the known-job token. */
export const jobId = fc.oneof(text(1, 64), fc.constant(KNOWN_JOB));

/** A terminal kind, or a near miss. */
export const kind = fc.oneof(fc.constantFrom('sophon', 'basip', 'unknown', 'SOPHON'), text(0, 8));

/** Credentials as typed, or near misses. */
export const credentials = shaped({ username: text(1, 128), password: text(0, 256) });
