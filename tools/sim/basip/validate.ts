import { BasipError, noValueFor, WRONG_JSON_BODY, wrongTypeOf } from './errors.ts';
import { IDENTIFIER_TYPES, isUuid, type BasipIdentifierType } from './identifier.ts';
import type { LinkItemInput } from './store.ts';

/**
 * Request validation as the panel does it: the whole request is refused with a 400 at the first problem,
 * before anything is changed. Field names in messages are the vendor's JSON keys.
 */

type Json = Record<string, unknown>;

/** The page sizes the vendor documents for identifier lists. */
export const PAGE_LIMITS = [10, 20, 30, 50] as const;

/**
 * Parses a JSON object body. A content type other than `application/json` (parameters such as charset are
 * allowed), an empty body, bad JSON or a non-object is the vendor's plain "Wrong JSON body".
 */
export function parseJsonObject(contentType: string | undefined, raw: string): Json {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' || raw.trim() === '') throw new BasipError(WRONG_JSON_BODY);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BasipError(WRONG_JSON_BODY);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BasipError(WRONG_JSON_BODY);
  return parsed as Json;
}

/** A required array field with at most `max` elements (more is a plain "Wrong JSON body": undocumented). */
function requiredArray(body: Json, field: string, max: number): unknown[] {
  const value = body[field];
  if (value === undefined || value === null) throw new BasipError(noValueFor(field));
  if (!Array.isArray(value)) throw new BasipError(wrongTypeOf(field));
  if (value.length > max) throw new BasipError(WRONG_JSON_BODY);
  return value;
}

/** `{"link_ids": [uuid, ...]}` → lower-case link ids (the panel parses them as UUIDs and echoes them canonical). */
export function parseLinkIds(body: Json, max: number): string[] {
  const list = requiredArray(body, 'link_ids', max);
  if (!list.every(isUuid)) throw new BasipError(wrongTypeOf('link_ids'));
  return list.map((id) => id.toLowerCase());
}

/** `{"uid_items": [integer, ...]}` → uids. */
export function parseUidItems(body: Json, max: number): number[] {
  const list = requiredArray(body, 'uid_items', max);
  if (!list.every((uid) => Number.isSafeInteger(uid) && (uid as number) >= 0)) {
    throw new BasipError(wrongTypeOf('uid_items'));
  }
  return list as number[];
}

/** `{"list_items": [{..., "link_id"}]}` → validated items. */
export function parseLinkItems(body: Json, max: number): LinkItemInput[] {
  return requiredArray(body, 'list_items', max).map((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new BasipError(wrongTypeOf('list_items'));
    }
    return parseLinkItem(entry as Json);
  });
}

function parseLinkItem(item: Json): LinkItemInput {
  const linkId = item.link_id;
  if (linkId === undefined || linkId === null) throw new BasipError(noValueFor('link_id'));
  if (!isUuid(linkId)) throw new BasipError(wrongTypeOf('link_id'));
  const type = item.identifier_type;
  if (type === undefined || type === null) throw new BasipError(noValueFor('identifier_type'));
  if (!IDENTIFIER_TYPES.includes(type as BasipIdentifierType)) throw new BasipError(wrongTypeOf('identifier_type'));
  const identifierType = type as BasipIdentifierType;
  const out: LinkItemInput = { link_id: linkId.toLowerCase(), identifier_type: identifierType };

  const faceImage = item.face_image;
  if (faceImage !== undefined && faceImage !== null) {
    if (typeof faceImage !== 'string') throw new BasipError(wrongTypeOf('face_image'));
    out.face_image = faceImage;
  }
  const number = item.identifier_number;
  const numberIgnored = identifierType === 'face_id' && out.face_image !== undefined;
  if (!numberIgnored) {
    if (number === undefined || number === null) throw new BasipError(noValueFor('identifier_number'));
    if (typeof number !== 'string' || !numberFits(identifierType, number)) {
      throw new BasipError(wrongTypeOf('identifier_number'));
    }
    out.identifier_number = number;
  }
  const owner = item.identifier_owner;
  if (owner !== undefined && owner !== null) {
    const o = owner as Json;
    if (typeof owner !== 'object' || typeof o.name !== 'string' || (o.type !== 'owner' && o.type !== 'guest')) {
      throw new BasipError(wrongTypeOf('identifier_owner'));
    }
    out.identifier_owner = { name: o.name, type: o.type };
  }
  const lock = item.lock;
  if (lock !== undefined && lock !== null) {
    if (lock !== 'first' && lock !== 'second' && lock !== 'all') throw new BasipError(wrongTypeOf('lock'));
    out.lock = lock;
  }
  const valid = item.valid;
  if (valid !== undefined && valid !== null) {
    const v = valid as Json;
    if (typeof valid !== 'object' || typeof v.time !== 'object' || typeof v.passes !== 'object') {
      throw new BasipError(wrongTypeOf('valid'));
    }
    out.valid = structuredClone(valid) as LinkItemInput['valid'];
  }
  const apartment = item.apartment_link_id;
  if (apartment !== undefined) {
    if (apartment !== null && !isUuid(apartment)) throw new BasipError(wrongTypeOf('apartment_link_id'));
    out.apartment_link_id = apartment === null ? null : apartment.toLowerCase();
  }
  return out;
}

/**
 * Number formats from the vendor's schema: cards and UKEYs are decimal `[0-9]{1,10}` or hex byte pairs
 * separated by `:` or `-`; codes are decimal; QR numbers are UUIDs; faces are Base64; plates are free text.
 */
function numberFits(type: BasipIdentifierType, number: string): boolean {
  switch (type) {
    case 'card':
    case 'ukey':
      return /^[0-9]{1,10}$/.test(number) || /^([0-9A-Fa-f]{2}[:-]){1,7}[0-9A-Fa-f]{2}$/.test(number);
    case 'inputCode':
      return /^[0-9]{1,10}$/.test(number);
    case 'qr':
      return isUuid(number);
    case 'face_id':
      return /^[A-Za-z0-9+/]+={0,2}$/.test(number);
    case 'license_plate':
      return number.trim().length > 0;
  }
}

/**
 * The `limit` and `page_number` query parameters of a list. Absent ones take the vendor defaults (10, 1); a
 * limit outside 10/20/30/50 or a page below 1 (or not an integer) is a 400. The vendor documents a 400 for
 * lists without its text: we answer the "wrong type" message naming the parameter.
 */
export function parsePaging(query: URLSearchParams): { limit: number; page: number } {
  const limitText = query.get('limit');
  const pageText = query.get('page_number');
  const limit = limitText === null ? 10 : Number(limitText);
  const page = pageText === null ? 1 : Number(pageText);
  if (!PAGE_LIMITS.includes(limit as (typeof PAGE_LIMITS)[number]) || !/^\d+$/.test(limitText ?? '10')) {
    throw new BasipError(wrongTypeOf('limit'));
  }
  if (!Number.isSafeInteger(page) || page < 1 || !/^\d+$/.test(pageText ?? '1')) {
    throw new BasipError(wrongTypeOf('page_number'));
  }
  return { limit, page };
}
