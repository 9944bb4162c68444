import { describe, expect, it } from 'vitest';
import { SophonError } from './errors.ts';
import {
  acceptFace,
  checkRegistrationImage,
  decodeBase64Image,
  MAX_IMAGE_SIDE,
  pickFaceSource,
  readImageInfo,
} from './image.ts';
import { jpegHeadBase64, pngBase64 } from './test-client.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SophonError) return error.code;
    throw error;
  }
  return undefined;
}

describe('registration photos', () => {
  it('reads the size of PNG and JPEG photos, with or without a data URI prefix', () => {
    expect(readImageInfo(decodeBase64Image(pngBase64(200, 150)))).toEqual({ format: 'png', width: 200, height: 150 });
    expect(readImageInfo(decodeBase64Image(`data:image/jpg;base64,${jpegHeadBase64(640, 480)}`))).toEqual({
      format: 'jpeg',
      width: 640,
      height: 480,
    });
    expect(readImageInfo(Buffer.from('GIF89a....'))).toBeUndefined();
  });

  it('rejects what is not base64 or not a picture as IMAGE_DECODE_ERROR', () => {
    expect(codeOf(() => decodeBase64Image('not base64!'))).toBe('IMAGE_DECODE_ERROR');
    expect(codeOf(() => decodeBase64Image(''))).toBe('IMAGE_DECODE_ERROR');
    expect(codeOf(() => decodeBase64Image('abc'))).toBe('IMAGE_DECODE_ERROR');
    expect(codeOf(() => checkRegistrationImage(Buffer.from('plain text').toString('base64'), 'high'))).toBe(
      'IMAGE_DECODE_ERROR',
    );
  });

  it('derives size, face and quality errors from the pixel size', () => {
    expect(codeOf(() => checkRegistrationImage(jpegHeadBase64(MAX_IMAGE_SIDE + 1, 100), 'high'))).toBe(
      'IMAGE_SIZE_TOO_LARGE_ERROR',
    );
    expect(codeOf(() => checkRegistrationImage(pngBase64(20, 20), 'no'))).toBe('NO_FACE_ERROR');
    expect(codeOf(() => checkRegistrationImage(pngBase64(80, 80), 'high'))).toBe('LOW_QUALITY_ERROR');
    expect(codeOf(() => checkRegistrationImage(pngBase64(80, 80), 'low'))).toBeUndefined();
    expect(codeOf(() => checkRegistrationImage(pngBase64(80, 80), 'no'))).toBeUndefined();
    expect(checkRegistrationImage(pngBase64(256, 256), 'high')).toMatchObject({ width: 256, height: 256 });
  });

  it('picks the face source by priority and requires one', () => {
    const feature = Array.from({ length: 512 }, () => 0.5);
    expect(pickFaceSource({ register_feature: feature, register_image: 'x' })).toEqual({ kind: 'feature' });
    expect(pickFaceSource({ register_image: 'x', register_image_path: '/a.jpg' })).toEqual({
      kind: 'image',
      base64: 'x',
    });
    expect(codeOf(() => pickFaceSource({}))).toBe('MISSING_ARGUMENTS');
    expect(codeOf(() => pickFaceSource({ register_feature: [1, 2] }))).toBe('INVALID_ARGUMENTS');
    expect(codeOf(() => acceptFace({ kind: 'path', path: '/data/image/test.jpg' }, 'high'))).toBe('IMAGE_DECODE_ERROR');
  });
});
