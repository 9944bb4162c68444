import { type Body, invalid, isMissing, optionalString } from './args.ts';
import { FEATURE_LENGTH, type FIQA_LEVELS } from './constants.ts';
import { SophonError } from './errors.ts';

/**
 * Registration photos (`register_image`, base64, optionally as a `data:image/...;base64,` URI as in the
 * vendor example). The simulator does not run a face detector; it decodes the base64, recognises JPEG and
 * PNG by their signatures, reads the pixel size from the header, and derives the vendor's image errors
 * from that size so tests can provoke each one deterministically:
 * - not base64, not JPEG/PNG, or an unreadable header → IMAGE_DECODE_ERROR;
 * - more than {@link MAX_IMAGE_BYTES} decoded or a side over {@link MAX_IMAGE_SIDE} px → IMAGE_SIZE_TOO_LARGE_ERROR;
 * - a side under {@link MIN_FACE_SIDE} px → NO_FACE_ERROR (no face fits in it);
 * - a side under the `fiqa_level` threshold → LOW_QUALITY_ERROR with failed item `face_size`
 *   (`fiqa_level: "no"` skips the quality check, as documented).
 */

/** One photo-quality level. */
export type FiqaLevel = (typeof FIQA_LEVELS)[number];

/** Largest decoded photo accepted, in bytes. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** Largest photo side accepted, in pixels. */
export const MAX_IMAGE_SIDE = 4096;
/** Photos with a side below this (pixels) hold no detectable face. */
export const MIN_FACE_SIDE = 40;
/** Smallest photo side (pixels) passing the quality check at each `fiqa_level`. */
export const MIN_QUALITY_SIDE: Record<FiqaLevel, number> = { no: 0, low: 64, normal: 96, high: 112 };

/** Format and pixel size read from an image header. */
export interface ImageInfo {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

/** Where a new face comes from (the simulator keeps no pixels, only the fact). */
export type FaceSource = { kind: 'feature' } | { kind: 'image'; image: ImageInfo };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATA_URI = /^data:[^,]*;base64,/i;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes a base64 photo (with or without a data URI prefix); anything else is IMAGE_DECODE_ERROR. */
export function decodeBase64Image(text: string): Buffer {
  const payload = text.replace(DATA_URI, '').replace(/[\r\n]/g, '');
  if (payload === '' || !BASE64.test(payload)) throw new SophonError('IMAGE_DECODE_ERROR', 'register_image');
  return Buffer.from(payload, 'base64');
}

/** Reads format and size from a JPEG or PNG header; undefined when it is neither or unreadable. */
export function readImageInfo(bytes: Buffer): ImageInfo | undefined {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    return width > 0 && height > 0 ? { format: 'png', width, height } : undefined;
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegInfo(bytes);
  return undefined;
}

function readJpegInfo(bytes: Buffer): ImageInfo | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan or end before any frame header
    const length = bytes.readUInt16BE(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) return undefined;
      const height = bytes.readUInt16BE(offset + 5);
      const width = bytes.readUInt16BE(offset + 7);
      return width > 0 && height > 0 ? { format: 'jpeg', width, height } : undefined;
    }
    offset += 2 + length;
  }
  return undefined;
}

/** Decodes and checks a registration photo as described at the top of this file. */
export function checkRegistrationImage(text: string, fiqaLevel: FiqaLevel): ImageInfo {
  const bytes = decodeBase64Image(text);
  if (bytes.length > MAX_IMAGE_BYTES) throw new SophonError('IMAGE_SIZE_TOO_LARGE_ERROR', `${bytes.length} bytes`);
  const info = readImageInfo(bytes);
  if (!info) throw new SophonError('IMAGE_DECODE_ERROR', 'register_image');
  const side = Math.min(info.width, info.height);
  if (Math.max(info.width, info.height) > MAX_IMAGE_SIDE) {
    throw new SophonError('IMAGE_SIZE_TOO_LARGE_ERROR', `${info.width}x${info.height}`);
  }
  if (side < MIN_FACE_SIDE) throw new SophonError('NO_FACE_ERROR');
  if (side < MIN_QUALITY_SIDE[fiqaLevel]) throw new SophonError('LOW_QUALITY_ERROR', 'face_size');
  return info;
}

/** A face source named by a request, checked for presence and type but not yet decoded. */
export type PendingFace = { kind: 'feature' } | { kind: 'image'; base64: string } | { kind: 'path'; path: string };

/**
 * Picks the face source of createidentity / addface / replaceface: one of `register_feature`
 * (float[512]), `register_image` (base64) or `register_image_path`, with that priority when several are
 * given (vendor document of replaceface). None of them → MISSING_ARGUMENTS; a malformed feature →
 * INVALID_ARGUMENTS. Decoding happens later, in {@link acceptFace}, after the cheap checks of the operation.
 */
export function pickFaceSource(body: Body): PendingFace {
  if (!isMissing(body, 'register_feature')) {
    const feature = body.register_feature;
    const ok =
      Array.isArray(feature) &&
      feature.length === FEATURE_LENGTH &&
      feature.every((value) => typeof value === 'number' && Number.isFinite(value));
    if (!ok) throw invalid('register_feature', Array.isArray(feature) ? `float[${feature.length}]` : feature);
    return { kind: 'feature' };
  }
  const base64 = optionalString(body, 'register_image');
  if (base64 !== undefined) return { kind: 'image', base64 };
  const path = optionalString(body, 'register_image_path');
  if (path !== undefined) return { kind: 'path', path };
  throw new SophonError('MISSING_ARGUMENTS', 'register_feature|register_image|register_image_path');
}

/**
 * Extracts the face: a feature is taken as is, a photo is decoded and checked. The simulator has no local
 * files, so every `register_image_path` fails to open: IMAGE_DECODE_ERROR naming the path.
 */
export function acceptFace(pending: PendingFace, fiqaLevel: FiqaLevel): FaceSource {
  if (pending.kind === 'feature') return { kind: 'feature' };
  if (pending.kind === 'path') throw new SophonError('IMAGE_DECODE_ERROR', pending.path);
  return { kind: 'image', image: checkRegistrationImage(pending.base64, fiqaLevel) };
}
