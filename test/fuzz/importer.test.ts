import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PeopleImportSchema,
  RemovalListSchema,
  TEXT_ENCODINGS,
  type RemovalList,
  type RemovalMode,
} from '../../shared/domain/people-import.ts';
import { AppError } from '../../shared/errors.ts';
import {
  buildRemovalList,
  decodeText,
  importPeopleFile,
  parsePastedIds,
  parsePeopleTable,
} from '../../electron/core/people-import/index.ts';
import { csvFile, encode, physicalLines, plainId, rawBytes, toCsv } from './csv-arbitraries.ts';
import { show } from './harness.ts';
import { fuzzOptions, fuzzTimeout } from './runs.ts';

/**
 * The people importer with anything a technician could pick or paste. The rule: a typed
 * AppError('VALIDATION') with a known reason, or a list whose counts add up (items + duplicates +
 * invalid rows = rows) and whose line numbers lie within the file.
 */

/** Typed refusals of the importer: bad bytes or mapping, nothing valid, or more rows than it takes (shared/domain/limits.ts). */
const REASONS = ['empty', 'binary', 'encoding', 'mapping', 'no_valid_rows', 'too-many-rows'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const mode = fc.constantFrom<RemovalMode>('people', 'faces-only');
const forcedDelimiter = fc.constantFrom(undefined, ',' as const, '\t' as const, ';' as const);

/** Checks a removal list against its schema and its invariants; `lines` is the file's physical line count. */
function expectSoundList(list: RemovalList, lines: number, context: string): void {
  expect(RemovalListSchema.safeParse(list).success, context).toBe(true);
  expect(list.items.length + list.duplicates + list.invalidRows, context).toBe(list.totalRows);
  expect(list.errors.length, context).toBeGreaterThanOrEqual(list.invalidRows);
  let previous = 0;
  for (const item of list.items) {
    expect(item.line, context).toBeGreaterThanOrEqual(Math.max(1, previous));
    expect(item.line, context).toBeLessThanOrEqual(lines);
    previous = item.line;
    for (const id of [item.identity_id, item.nativeId]) {
      if (id !== undefined) expect(id, context).toMatch(/^\S{1,64}$/u);
    }
    if (item.link_id !== undefined) expect(item.link_id, context).toMatch(UUID);
    if (item.uid !== undefined) expect(Number.isSafeInteger(item.uid) && item.uid > 0, context).toBe(true);
    if (list.mode === 'faces-only') expect(item.identity_id, context).toBeDefined();
  }
  for (const error of list.errors) {
    expect(error.line, context).toBeGreaterThanOrEqual(1);
    expect(error.line, context).toBeLessThanOrEqual(lines);
    expect(error.message.length, context).toBeLessThan(600);
  }
}

/** Checks a thrown error: AppError VALIDATION with a known reason; an attached list must be sound too. */
function expectTypedRefusal(error: unknown, lines: number, context: string): void {
  expect(error, context).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code, context).toBe('VALIDATION');
  const details = appError.details as { reason?: string; list?: RemovalList };
  expect(REASONS, `${context}: ${appError.message}`).toContain(details.reason);
  expect(appError.message.length, context).toBeLessThan(1_000);
  if (details.reason === 'too-many-rows') {
    // Said with how many rows were read: the cap, never a silent cut.
    const read = appError.details as { rowsRead?: number; maxRows?: number };
    expect(read.rowsRead, context).toBeGreaterThanOrEqual(read.maxRows ?? Infinity);
  }
  if (details.reason === 'no_valid_rows') {
    expect(details.list, context).toBeDefined();
    expectSoundList(details.list as RemovalList, lines, context);
    expect(details.list?.items, context).toHaveLength(0);
  }
}

/** Runs the importer on `bytes`: a sound import, or a typed refusal. */
function expectImportOrRefusal(
  bytes: Uint8Array,
  options: Parameters<typeof importPeopleFile>[1],
  context: string,
): void {
  let lines = 1;
  try {
    lines = physicalLines(decodeText(bytes).text);
  } catch {
    // Not text: the importer must refuse it the same way.
  }
  let result: ReturnType<typeof importPeopleFile>;
  try {
    result = importPeopleFile(bytes, options);
  } catch (error) {
    expectTypedRefusal(error, lines, context);
    return;
  }
  expect(PeopleImportSchema.safeParse(result).success, context).toBe(true);
  expectSoundList(result.list, lines, context);
}

describe('fuzzing the people importer', () => {
  it(
    'decodes any bytes, or refuses them as empty, binary or of an unknown encoding',
    () => {
      fc.assert(
        fc.property(rawBytes, (bytes) => {
          try {
            const decoded = decodeText(bytes);
            expect(TEXT_ENCODINGS).toContain(decoded.encoding);
            expect(decoded.text.includes('\u0000')).toBe(false);
          } catch (error) {
            expectTypedRefusal(error, 1, show([...bytes.slice(0, 40)]));
          }
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(1),
  );

  it(
    'imports any bytes as a file, or refuses them with a typed error',
    () => {
      fc.assert(
        fc.property(rawBytes, mode, forcedDelimiter, (bytes, removalMode, delimiter) => {
          expectImportOrRefusal(bytes, { mode: removalMode, delimiter }, show([...bytes.slice(0, 40)]));
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(1),
  );

  it(
    'imports any CSV/TSV (quoting, delimiters, line endings, header, BOM, UTF-16, GB18030) soundly',
    () => {
      fc.assert(
        fc.property(csvFile, mode, (file, removalMode) => {
          const context = `${file.encoding} ${file.quoting} ${show(file.text)}`;
          expectImportOrRefusal(file.bytes, { mode: removalMode }, context);
          if (file.encoding === 'utf-8-bom' || file.encoding === 'utf-16le' || file.encoding === 'utf-16be') {
            try {
              expect(decodeText(file.bytes).encoding, context).toBe(file.encoding);
            } catch (error) {
              expectTypedRefusal(error, 1, context); // e.g. text of control characters only
            }
          }
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(2),
  );

  it(
    'reads back exactly the ids written, with their lines, whatever the encoding and line endings',
    () => {
      const file = fc.record({
        ids: fc.array(plainId, { minLength: 1, maxLength: 40 }),
        names: fc.boolean(),
        sep: fc.constantFrom(',', '\t', ';'),
        quoting: fc.constantFrom('minimal' as const, 'all' as const),
        eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
        encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030' as const),
      });
      fc.assert(
        fc.property(file, ({ ids, names, sep, quoting, eol, encoding }) => {
          const rows = ids.map((id, i) => (names ? [id, `张三${i}, "Jr"`] : [id]));
          const head = names ? ['identity_id', '姓名'] : ['identity_id'];
          const text = toCsv([head, ...rows], sep, quoting, eol);
          const result = importPeopleFile(encode(text, encoding));
          const context = `${encoding} ${show(text)}`;
          const firstLines = new Map<string, number>();
          ids.forEach((id, i) => firstLines.has(id) || firstLines.set(id, i + 2));
          expect(
            result.list.items.map((item) => item.identity_id),
            context,
          ).toEqual([...firstLines.keys()]);
          expect(
            result.list.items.map((item) => item.line),
            context,
          ).toEqual([...firstLines.values()]);
          expect(result.list.duplicates, context).toBe(ids.length - firstLines.size);
          if (names) expect(result.list.items[0]?.name, context).toBe('张三0, "Jr"');
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(2),
  );

  it(
    'reads pasted text of any kind into a sound list, or refuses it with a typed error',
    () => {
      const pasted = fc.oneof(
        fc.string({ maxLength: 400, unit: 'grapheme' }),
        fc.string({ maxLength: 200, unit: 'binary' }),
        fc
          .array(
            fc.oneof(plainId, fc.uuid(), fc.constantFrom(',', '，', '、', ';', '\t', ' ', '\n', '\r\n', '"', "'")),
            { maxLength: 60 },
          )
          .map((parts) => parts.join('')),
      );
      fc.assert(
        fc.property(pasted, (text) => {
          try {
            expectSoundList(parsePastedIds(text), physicalLines(text), show(text));
          } catch (error) {
            expectTypedRefusal(error, physicalLines(text), show(text));
          }
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(1),
  );

  it(
    'builds a list for any column mapping the picker could send, or refuses the mapping',
    () => {
      const index = fc.oneof(fc.nat({ max: 6 }), fc.constantFrom(-1, 1.5, 99, Number.NaN));
      const mapping = fc.record(
        {
          identity_id: index,
          link_id: index,
          uid: index,
          face_id: index,
          register_image_id: index,
          name: index,
          nativeId: index,
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(csvFile, mapping, mode, (file, picked, removalMode) => {
          const table = parsePeopleTable(file.text);
          const lines = physicalLines(file.text);
          try {
            expectSoundList(buildRemovalList(table, picked, removalMode), lines, show(picked));
          } catch (error) {
            expectTypedRefusal(error, lines, show(picked));
          }
        }),
        fuzzOptions(),
      );
    },
    fuzzTimeout(2),
  );

  it(
    'imports files of several megabytes within seconds, counts adding up',
    () => {
      const big = fc.record({
        file: csvFile,
        megabytes: fc.double({ min: 0.5, max: 4, noNaN: true }),
      });
      fc.assert(
        fc.property(big, ({ file, megabytes }) => {
          const size = Math.max(1, file.bytes.length);
          const copies = Math.ceil((megabytes * 1024 * 1024) / size);
          const text = file.text.endsWith('\n') || file.text.endsWith('\r') ? file.text : `${file.text}\n`;
          const bytes = encode(text.repeat(copies), file.encoding);
          const started = performance.now();
          expectImportOrRefusal(bytes, {}, `${file.encoding} ×${copies}`);
          expect(performance.now() - started).toBeLessThan(15_000);
        }),
        fuzzOptions(1 / 100, 3),
      );
    },
    fuzzTimeout(3_000, 1 / 100, 60_000),
  );
});
