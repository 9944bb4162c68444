import { createPrng } from '../common/prng.ts';
import type { SimPerson } from '../common/people.ts';

/** Identifier kinds of the BAS-IP v1 API (vendor `identifier_type` values). */
export const IDENTIFIER_TYPES = ['card', 'ukey', 'inputCode', 'face_id', 'qr', 'license_plate'] as const;

/** One identifier kind. */
export type BasipIdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Who an identifier belongs to (vendor `identifier_owner`). */
export interface BasipIdentifierOwner {
  name: string;
  type: 'owner' | 'guest';
}

/** Access restriction by time and passes (vendor `valid`). Kept as sent; defaults to permanent. */
export interface BasipValidity {
  time: { is_permanent: boolean; from?: number; to?: number };
  passes: { is_permanent: boolean; max_passes?: number };
}

/** An identifier as the panel lists it (the vendor's item entity plus its `identifier_uid`). */
export interface BasipIdentifier {
  /** Integer id the panel assigns; unique per panel and never reused. */
  identifier_uid: number;
  identifier_owner: BasipIdentifierOwner;
  identifier_type: BasipIdentifierType;
  /** Card number (decimal) for cards; Base64 face feature data for faces. */
  identifier_number: string;
  lock: 'first' | 'second' | 'all';
  valid: BasipValidity;
  /** Set by a management system (Link); null for identifiers enrolled at the panel. */
  link_id: string | null;
  apartment_link_id: string | null;
}

/** Lower-case canonical UUID pattern check (any version), as the panel parses `link_id` values. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The validity a panel gives an identifier when none is sent: permanent by time and by passes. */
export function permanentValidity(): BasipValidity {
  return { time: { is_permanent: true, from: 0, to: 0 }, passes: { is_permanent: true } };
}

/** An identifier before the panel assigns its uid, with the key used to count distinct people. */
export interface SeedIdentifier {
  owner: string;
  item: Omit<BasipIdentifier, 'identifier_uid'>;
}

/**
 * The identifiers a panel holds for a population: one card per person (link_id = person.linkId, number =
 * person.cardNumber) and, for people with three registered faces (about a third), one face identifier
 * enrolled at the panel itself, so its `link_id` is null (Link never stamped it). Order: each person's card,
 * then their face, so uids interleave.
 */
export function seedIdentifiers(people: readonly SimPerson[], seed: number | string): SeedIdentifier[] {
  const prng = createPrng(`${seed}:basip-faces`);
  const out: SeedIdentifier[] = [];
  for (const person of people) {
    const owner = `person:${person.index}`;
    const identifier_owner: BasipIdentifierOwner = { name: person.name, type: 'owner' };
    out.push({
      owner,
      item: {
        identifier_owner,
        identifier_type: 'card',
        identifier_number: person.cardNumber,
        lock: 'first',
        valid: permanentValidity(),
        link_id: person.linkId.toLowerCase(),
        apartment_link_id: null,
      },
    });
    if (person.faceCount === 3) {
      const feature = Buffer.from(Array.from({ length: 48 }, () => prng.int(0, 255))).toString('base64');
      out.push({
        owner,
        item: {
          identifier_owner: { ...identifier_owner },
          identifier_type: 'face_id',
          identifier_number: feature,
          lock: 'first',
          valid: permanentValidity(),
          link_id: null,
          apartment_link_id: null,
        },
      });
    }
  }
  return out;
}
