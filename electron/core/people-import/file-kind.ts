/** A binary file format recognised by its first bytes, with a name a technician understands. */
export interface BinaryKind {
  /** What the file seems to be, e.g. "an Excel workbook (.xlsx) or another ZIP archive". */
  readonly description: string;
}

interface Signature {
  readonly bytes: readonly number[];
  readonly offset?: number;
  readonly description: string;
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

/** Magic numbers of files technicians pick by mistake instead of a CSV export. */
const SIGNATURES: readonly Signature[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], description: 'an Excel workbook (.xlsx) or another ZIP archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], description: 'an empty ZIP archive' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    description: 'an old Excel workbook (.xls) or another Office document',
  },
  { bytes: ascii('%PDF'), description: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], description: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], description: 'a JPEG image' },
  { bytes: ascii('GIF8'), description: 'a GIF image' },
  { bytes: ascii('RIFF'), description: 'a WebP image or another media file' },
  { bytes: ascii('ftyp'), offset: 4, description: 'a HEIC photo or a video' },
  { bytes: [0x1f, 0x8b], description: 'a compressed (gzip) file' },
  { bytes: ascii('Rar!'), description: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], description: 'a 7-Zip archive' },
  { bytes: ascii('SQLite format 3'), description: 'a database file' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], description: 'a program' },
];

function startsWith(bytes: Uint8Array, signature: Signature): boolean {
  const offset = signature.offset ?? 0;
  if (bytes.length < offset + signature.bytes.length) return false;
  return signature.bytes.every((byte, i) => bytes[offset + i] === byte);
}

/**
 * Recognises well-known binary formats (workbooks, PDF, images, archives, programs) by their magic
 * number; null when the bytes start like none of them (they may still be text, or unknown binary).
 */
export function detectBinaryKind(bytes: Uint8Array): BinaryKind | null {
  for (const signature of SIGNATURES) {
    if (startsWith(bytes, signature)) return { description: signature.description };
  }
  return null;
}
