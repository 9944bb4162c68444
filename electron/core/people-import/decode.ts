import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../shared/domain/people-import.ts';
import { AppError } from '../../../shared/errors.ts';
import { detectBinaryKind } from './file-kind.ts';

/** Text decoded from the bytes of an imported file, and how it was decoded. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

/** Why {@link decodeText} refused a file; sent as `details.reason` of the VALIDATION error. */
export type NotTextReason = 'empty' | 'binary' | 'encoding';

const SAVE_AS_CSV =
  'Save or export the list as CSV (for example in Excel: File > Save As > "CSV UTF-8 (Comma delimited)") and import that file.';

/** How many leading bytes/characters are inspected by the heuristics below. */
const SAMPLE = 65_536;

function refuse(reason: NotTextReason, message: string, detected?: string): AppError {
  return new AppError('VALIDATION', message, detected === undefined ? { reason } : { reason, detected });
}

const DISPLAY_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GB18030',
};

function strictDecode(bytes: Uint8Array, label: string, encoding: TextEncoding): DecodedText {
  try {
    // The decoder drops a leading BOM by itself (ignoreBOM defaults to false).
    return { text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding };
  } catch {
    throw refuse(
      'encoding',
      `The file starts like ${DISPLAY_NAMES[encoding]} text but contains invalid characters further on. ${SAVE_AS_CSV}`,
    );
  }
}

function decodeByBom(bytes: Uint8Array): DecodedText | null {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return strictDecode(bytes, 'utf-8', 'utf-8-bom');
  if (b0 === 0xff && b1 === 0xfe) return strictDecode(bytes, 'utf-16le', 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return strictDecode(bytes, 'utf-16be', 'utf-16be');
  return null;
}

/**
 * Recognises BOM-less UTF-16 by its zero bytes: ASCII text in UTF-16LE has a zero in every odd
 * byte, in UTF-16BE in every even byte. Anything else holding zeros is binary.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, SAMPLE) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (pairs === 0) return null;
  if (evenZeros === 0 && oddZeros >= pairs * 0.3) return 'utf-16le';
  if (oddZeros === 0 && evenZeros >= pairs * 0.3) return 'utf-16be';
  return null;
}

/** True when the text holds control characters no spreadsheet or editor writes (binary data). */
function looksBinary(text: string): boolean {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) {
      controls++;
    }
  }
  return controls > Math.max(2, sample.length / 100);
}

function checked(decoded: DecodedText): DecodedText {
  if (looksBinary(decoded.text)) {
    throw refuse('binary', `The file holds binary data, not text, so it cannot be read as a list. ${SAVE_AS_CSV}`);
  }
  return decoded;
}

/**
 * Decodes an imported file. Refuses known binary formats (workbooks, PDF, images, archives) first;
 * then honours a BOM (UTF-8, UTF-16LE as written by Excel "Unicode text", UTF-16BE); then recognises
 * BOM-less UTF-16; then tries strict UTF-8; else decodes GB18030 (a superset of GBK, what Chinese
 * Excel writes for "CSV (Comma delimited)"). Throws AppError('VALIDATION') with `details.reason`
 * ({@link NotTextReason}) and a sentence saying what the file seems to be and what to do.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) {
    throw refuse('empty', 'The file is empty. Choose the CSV file that lists the people to remove.');
  }
  const kind = detectBinaryKind(bytes);
  if (kind !== null) {
    throw refuse(
      'binary',
      `The file seems to be ${kind.description}, not a CSV or text file. ${SAVE_AS_CSV}`,
      kind.description,
    );
  }
  const byBom = decodeByBom(bytes);
  if (byBom !== null) return checked(byBom);
  const utf16 = sniffUtf16(bytes);
  if (utf16 !== null) return checked(strictDecode(bytes, utf16, utf16));
  if (bytes.includes(0)) {
    throw refuse('binary', `The file holds binary data, not text, so it cannot be read as a list. ${SAVE_AS_CSV}`);
  }
  try {
    return checked({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' });
  } catch (error) {
    if (error instanceof AppError) throw error;
  }
  const text = iconv.decode(bytes, 'gb18030');
  if (text.includes('\uFFFD')) {
    throw refuse(
      'encoding',
      `The file is neither UTF-8 nor GB18030/GBK text, so its characters cannot be read reliably. ${SAVE_AS_CSV}`,
    );
  }
  return checked({ text, encoding: 'gb18030' });
}
