import fc from 'fast-check';
import iconv from 'iconv-lite';

/**
 * Arbitrary people lists as technicians' spreadsheets write them: any cells (ids, names in any script,
 * quotes, delimiters and line breaks inside cells), any delimiter, quoting style and line ending, an
 * optional header, Excel's "sep=" line and BOM, encoded as UTF-8, UTF-16 or GB18030.
 */

/** How the bytes of a generated file are encoded. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16le-nobom' | 'utf-16be' | 'gb18030';

/** How cells are quoted: as needed, always, never (delimiters inside cells break rows), or badly. */
export type Quoting = 'minimal' | 'all' | 'none' | 'broken';

/** A generated file: its text, its bytes, and how it was written. */
export interface GeneratedFile {
  text: string;
  bytes: Uint8Array;
  encoding: FileEncoding;
  delimiter: string;
  quoting: Quoting;
}

/** An id that is valid as identity_id / native id and is never a column label: a digit, then word characters. */
export const plainId: fc.Arbitrary<string> = fc.stringMatching(/^[1-9][A-Za-z0-9_-]{0,15}$/);

const chineseName = fc.string({
  minLength: 1,
  maxLength: 4,
  unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code)),
});

/** Any cell: ids of every kind, near-miss ids, names, and text full of quotes, delimiters and line breaks. */
export const cell: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: plainId },
  fc.uuid(),
  fc.nat().map(String),
  chineseName,
  fc.constantFrom(
    '',
    ' ',
    '1.23457E+17',
    '="00123"',
    'a b',
    'id',
    'identity_id',
    '"',
    '""',
    'x\ny',
    'a,b;c\td',
    '\u200b7',
  ),
  fc.string({ maxLength: 12, unit: 'grapheme' }),
  fc.string({ maxLength: 8, unit: 'binary' }),
);

/** Known header rows (English and Chinese), or none. */
export const header: fc.Arbitrary<readonly string[] | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom<readonly string[]>(
    ['identity_id'],
    ['id'],
    ['identity_id', 'name'],
    ['link_id', 'uid', 'name'],
    ['identity_id', 'face_id', 'register_image_id'],
    ['人员编号', '姓名'],
    ['卡号', '部门', '编号'],
  ),
);

const lineEnding = fc.constantFrom('\n', '\r\n', '\r', 'mixed');
const delimiter = fc.constantFrom(',', '\t', ';', '|');
const quoting = fc.constantFrom<Quoting>('minimal', 'all', 'none', 'broken');
const fileEncoding = fc.constantFrom<FileEncoding>(
  'utf-8',
  'utf-8-bom',
  'utf-16le',
  'utf-16le-nobom',
  'utf-16be',
  'gb18030',
);

function quote(value: string, sep: string, style: Quoting, index: number): string {
  if (style === 'none') return value;
  if (style === 'broken' && index % 3 === 0) return `"${value}`;
  const needs = /["\r\n]/.test(value) || value.includes(sep);
  if (style === 'all' || needs) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** Joins rows into CSV text with the given delimiter, quoting and line ending. */
export function toCsv(rows: readonly (readonly string[])[], sep: string, style: Quoting, eol: string): string {
  const endings = ['\n', '\r\n', '\r'];
  return rows
    .map((row, r) => {
      const line = row.map((value, c) => quote(value, sep, style, r + c)).join(sep);
      const end = eol === 'mixed' ? (endings[r % 3] as string) : eol;
      return line + end;
    })
    .join('');
}

/** Encodes text as a file in `encoding` (BOMs written where the encoding has one). */
export function encode(text: string, encoding: FileEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf8');
    case 'utf-16le':
      return Buffer.from(`\uFEFF${text}`, 'utf16le');
    case 'utf-16le-nobom':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return iconv.encode(`\uFEFF${text}`, 'utf16-be');
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}

/** A whole generated file (any cells, shape, quoting, line endings, header, "sep=" line and encoding). */
export const csvFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    head: header,
    columns: fc.integer({ min: 1, max: 5 }),
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 25 }),
    ragged: fc.boolean(),
    sep: delimiter,
    quoting,
    eol: lineEnding,
    sepHint: fc.boolean(),
    blankLines: fc.array(fc.nat({ max: 30 }), { maxLength: 3 }),
    encoding: fileEncoding,
  })
  .map(({ head, columns, rows, ragged, sep, quoting: style, eol, sepHint, blankLines, encoding }) => {
    const shaped = rows.map((row) => (ragged ? row : Array.from({ length: columns }, (_, i) => row[i] ?? '')));
    for (const at of blankLines) shaped.splice(Math.min(at, shaped.length), 0, ['']);
    const body = toCsv(head ? [head, ...shaped] : shaped, sep, style, eol);
    const text = (sepHint ? `sep=${sep}\n` : '') + body;
    return { text, bytes: encode(text, encoding), encoding, delimiter: sep, quoting: style };
  });

/** Raw bytes: random, text-like with stray high bytes, or a known binary signature with a text tail. */
export const rawBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }),
  fc
    .tuple(fc.string({ maxLength: 200, unit: 'binary-ascii' }), fc.uint8Array({ maxLength: 8, min: 0x80 }))
    .map(([ascii, high]) => Buffer.concat([Buffer.from(ascii, 'latin1'), high])),
  fc
    .tuple(
      fc.constantFrom(
        [0x50, 0x4b, 0x03, 0x04],
        [0x25, 0x50, 0x44, 0x46],
        [0xff, 0xfe],
        [0xfe, 0xff],
        [0xef, 0xbb, 0xbf],
      ),
      fc.uint8Array({ maxLength: 300 }),
    )
    .map(([magic, tail]) => new Uint8Array([...magic, ...tail])),
);

/** Counts the physical lines of decoded text the way editors do (CRLF, LF and CR each end a line). */
export function physicalLines(text: string): number {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
}
