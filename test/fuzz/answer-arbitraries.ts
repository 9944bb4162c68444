import fc from 'fast-check';
import type { Answer, Delivery } from './answer-server.ts';

/**
 * Arbitrary terminal answers: the shape a parser expects with any field wrong (type, range, missing),
 * vendor error bodies with any code, other JSON, truncated JSON, HTML, binary, empty and oversized bodies,
 * with any status, content type and delivery.
 */

/** Any JSON value (the small kind). */
const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

/** A value that is usually `valid`, sometimes another JSON value, sometimes left out (undefined). */
export function maybe<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: valid as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Text a hostile device might put in a field: anything, long, controls, astral characters. */
export const deviceText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ minLength: 50, maxLength: 300, unit: 'binary' }) },
  fc.constantFrom('', ' ', '😀'.repeat(150), '\u202eevil\u0000', 'x'.repeat(5_000), '<script>alert(1)</script>'),
);

/** Counts as a device might send them: right, negative, fractional, huge, textual. */
export const deviceCount: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 100_000 }) },
  fc.constantFrom(-1, 0.5, 2 ** 53, 1e300, '12', '０', null),
);

/** An object with some of `fields`, each possibly wrong; extra keys of any JSON sometimes added. */
export function shape(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const model = Object.fromEntries(Object.entries(fields).map(([key, arb]) => [key, maybe(arb)]));
  return fc
    .tuple(fc.record(model), fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 2 }))
    .map(([record, extra]) => ({ ...extra, ...record }));
}

/** Turns a JSON shape into body text: whole, truncated anywhere, or wrapped in an array. */
export function asBody(json: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: json.map((value) => JSON.stringify(value) ?? '') },
    fc.tuple(json, fc.double({ min: 0, max: 1, noNaN: true })).map(([value, at]) => {
      const text = JSON.stringify(value) ?? '';
      return text.slice(0, Math.floor(text.length * at));
    }),
    json.map((value) => JSON.stringify([value])),
  );
}

/** Bodies no parser of JSON answers should accept. */
const foreignBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '"text"',
    '<!doctype html><html><body>Router login</body></html>',
    '<?xml version="1.0"?><error/>',
    '{"a":',
    '\uFEFF{}',
    'NaN',
  ),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.uint8Array({ maxLength: 300 }),
);

/** An oversized JSON body (hundreds of kilobytes): well under the driver's cap, over any sane field. */
const oversized: fc.Arbitrary<string> = fc
  .integer({ min: 100_000, max: 600_000 })
  .map((n) => JSON.stringify({ identities: [], list_items: [], pagination: { total_count: 1 }, pad: 'x'.repeat(n) }));

const status = fc.oneof(
  { weight: 8, arbitrary: fc.constant(200) },
  fc.constantFrom(201, 204, 301, 302, 400, 401, 403, 404, 405, 408, 429, 500, 502, 503),
  fc.integer({ min: 200, max: 599 }),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/html',
  'text/plain',
  'application/octet-stream',
  'image/png',
  null,
);

const delivery = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Delivery>('whole') },
  fc.constantFrom<Delivery>('chunked', 'short', 'gzip', 'bad-gzip'),
);

/** A whole answer whose body is drawn from `expected` (the shape a parser wants, near misses included). */
export function answer(expected: fc.Arbitrary<string>): fc.Arbitrary<Answer> {
  return fc.record({
    status,
    contentType,
    delivery,
    body: fc
      .oneof(
        { weight: 6, arbitrary: expected },
        { weight: 2, arbitrary: foreignBody },
        { weight: 1, arbitrary: oversized },
      )
      .map((body) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body)),
  });
}
