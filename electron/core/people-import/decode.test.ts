import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { decodeText } from './decode.ts';
import { detectBinaryKind } from './file-kind.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

/** Calls decodeText and returns the AppError it throws. */
function refusal(input: Uint8Array): AppError {
  try {
    decodeText(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('decodeText accepted the input');
}

describe('decodeText', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeText(utf8('人员ID,姓名\n1001,张三\n'))).toEqual({
      text: '人员ID,姓名\n1001,张三\n',
      encoding: 'utf-8',
    });
  });

  it('reads UTF-8 with BOM and drops the BOM', () => {
    const decoded = decodeText(concat(bytes(0xef, 0xbb, 0xbf), utf8('identity_id\n1001\n')));
    expect(decoded).toEqual({ text: 'identity_id\n1001\n', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text")', () => {
    const file = iconv.encode('人员ID\t姓名\r\n1001\t张三\r\n', 'utf-16le', { addBOM: true });
    expect(file[0]).toBe(0xff);
    expect(decodeText(file)).toEqual({ text: '人员ID\t姓名\r\n1001\t张三\r\n', encoding: 'utf-16le' });
  });

  it('reads UTF-16BE with BOM', () => {
    const file = concat(bytes(0xfe, 0xff), iconv.encode('link_id\nabc\n', 'utf-16be'));
    expect(decodeText(file)).toEqual({ text: 'link_id\nabc\n', encoding: 'utf-16be' });
  });

  it('recognises UTF-16LE without BOM by its zero bytes', () => {
    const file = iconv.encode('identity_id,name\n1001,Ann\n', 'utf-16le');
    expect(decodeText(file)).toEqual({ text: 'identity_id,name\n1001,Ann\n', encoding: 'utf-16le' });
  });

  it('reads GBK as saved by Chinese Excel, decoded as GB18030', () => {
    const file = iconv.encode('人员ID,姓名\r\n1001,张三\r\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    expect(decodeText(file)).toEqual({ text: '人员ID,姓名\r\n1001,张三\r\n', encoding: 'gb18030' });
  });

  it('reads GB18030 four-byte characters', () => {
    const file = iconv.encode('姓名\n𠀀\n', 'gb18030');
    expect(decodeText(file)).toEqual({ text: '姓名\n𠀀\n', encoding: 'gb18030' });
  });

  it('refuses an empty file', () => {
    const error = refusal(new Uint8Array());
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual({ reason: 'empty' });
    expect(error.message).toMatch(/empty/);
  });

  it.each([
    [
      'xlsx',
      concat(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), utf8('[Content_Types].xml')),
      /Excel workbook \(\.xlsx\)/,
    ],
    ['xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), /old Excel workbook \(\.xls\)/],
    ['pdf', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), /PDF document/],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), /PNG image/],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46), /JPEG image/],
  ])('refuses a %s file and says what it seems to be and what to do', (_name, file, seems) => {
    const error = refusal(file);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(seems);
    expect(error.message).toMatch(/CSV UTF-8/);
    expect(error.details).toMatchObject({ reason: 'binary' });
  });

  it('refuses unknown binary data holding zero bytes', () => {
    const error = refusal(bytes(0x01, 0x02, 0x00, 0x7a, 0x00, 0x00, 0x13, 0x88, 0x00));
    expect(error.details).toEqual({ reason: 'binary' });
    expect(error.message).toMatch(/binary data/);
  });

  it('refuses text full of control characters', () => {
    const error = refusal(utf8('\u0001\u0002\u0003\u0004abc\u0005\u0006'));
    expect(error.details).toEqual({ reason: 'binary' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    const error = refusal(bytes(0x31, 0x30, 0x30, 0x31, 0x0a, 0xff, 0x0a));
    expect(error.details).toEqual({ reason: 'encoding' });
    expect(error.message).toMatch(/neither UTF-8 nor GB18030/);
  });

  it('refuses a UTF-8 BOM followed by invalid UTF-8', () => {
    const error = refusal(bytes(0xef, 0xbb, 0xbf, 0x31, 0xc3, 0x28));
    expect(error.details).toEqual({ reason: 'encoding' });
    expect(error.message).toMatch(/UTF-8/);
  });
});

describe('detectBinaryKind', () => {
  it('leaves ordinary text alone', () => {
    expect(detectBinaryKind(utf8('identity_id\n1001\n'))).toBeNull();
    expect(detectBinaryKind(utf8('PK'))).toBeNull();
  });

  it('names a zip archive', () => {
    expect(detectBinaryKind(bytes(0x50, 0x4b, 0x03, 0x04))?.description).toMatch(/ZIP/);
  });
});
