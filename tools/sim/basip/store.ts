import { createHash } from 'node:crypto';
import type {
  BasipIdentifier,
  BasipIdentifierOwner,
  BasipIdentifierType,
  BasipValidity,
  SeedIdentifier,
} from './identifier.ts';
import { permanentValidity } from './identifier.ts';

/** One validated item of a create-or-update-by-link request. */
export interface LinkItemInput {
  /** Lower-case canonical UUID. */
  link_id: string;
  identifier_type: BasipIdentifierType;
  identifier_number?: string;
  face_image?: string;
  identifier_owner?: BasipIdentifierOwner;
  lock?: BasipIdentifier['lock'];
  valid?: BasipValidity;
  apartment_link_id?: string | null;
}

/** One entry of a link call's `result` list (vendor schema). */
export interface LinkResult {
  link_id: string;
  success: boolean;
  extended_info: string;
}

/** One entry of a uid delete's `result` list (the `uid-delete-result` variant; not in the vendor document). */
export interface UidResult {
  identifier_uid: number;
  success: boolean;
  extended_info: 'deleted' | 'entity_not_found';
}

interface Stored {
  owner: string;
  item: BasipIdentifier;
}

/**
 * The panel's identifier database: uids ascend in creation order and are never reused, listings are in
 * uid order, link ids are unique, and a card/ukey/code/QR/plate number belongs to one identifier of its type.
 */
export class IdentifierStore {
  private readonly byUid = new Map<number, Stored>();
  private readonly byLink = new Map<string, number>();
  private readonly byNumber = new Map<string, Set<number>>();
  private nextUid = 1;

  constructor(seed: readonly SeedIdentifier[]) {
    for (const entry of seed) this.insert(entry.owner, entry.item);
  }

  /** How many identifiers the panel holds. */
  get size(): number {
    return this.byUid.size;
  }

  /** How many face identifiers the panel holds. */
  faceCount(): number {
    let faces = 0;
    for (const { item } of this.byUid.values()) if (item.identifier_type === 'face_id') faces++;
    return faces;
  }

  /** How many distinct people (owners) still have at least one identifier. */
  peopleCount(): number {
    return new Set([...this.byUid.values()].map((s) => s.owner)).size;
  }

  /** Copies of every identifier in uid order. */
  all(): BasipIdentifier[] {
    return [...this.byUid.values()].map((s) => structuredClone(s.item));
  }

  /**
   * One page (1-based) of identifiers in uid order, and the total. A page holds `limit` rows, or at most `cap`
   * when `cap` > 0 (a silent page cap): offset = (page − 1) × min(limit, cap).
   */
  page(limit: number, pageNumber: number, cap = 0): { items: BasipIdentifier[]; total: number } {
    const size = cap > 0 ? Math.min(limit, cap) : limit;
    const start = (pageNumber - 1) * size;
    const items: BasipIdentifier[] = [];
    let index = 0;
    for (const { item } of this.byUid.values()) {
      if (index >= start + size) break;
      if (index >= start) items.push(structuredClone(item));
      index++;
    }
    return { items, total: this.byUid.size };
  }

  /** Whether an identifier with this uid is held. */
  hasUid(uid: number): boolean {
    return this.byUid.has(uid);
  }

  /** Whether an identifier with this (lower-case) link id is held. */
  hasLink(linkId: string): boolean {
    return this.byLink.has(linkId);
  }

  /** Deletes identifiers by uid, one result per uid in request order; a repeated uid is deleted once, then not found. */
  deleteByUids(uids: readonly number[]): UidResult[] {
    return uids.map((identifier_uid) =>
      this.remove(identifier_uid)
        ? { identifier_uid, success: true, extended_info: 'deleted' }
        : { identifier_uid, success: false, extended_info: 'entity_not_found' },
    );
  }

  /** Deletes identifiers by link id, one result per id in request order. */
  deleteByLinks(linkIds: readonly string[]): LinkResult[] {
    return linkIds.map((link_id) => {
      const uid = this.byLink.get(link_id);
      if (uid === undefined || !this.remove(uid)) return { link_id, success: false, extended_info: 'entity_not_found' };
      return { link_id, success: true, extended_info: 'deleted' };
    });
  }

  /** Creates or updates identifiers by link id, in request order, refusing creations beyond `capacity`. */
  upsertByLinks(items: readonly LinkItemInput[], capacity: number): LinkResult[] {
    return items.map((input) => this.upsert(input, capacity));
  }

  private upsert(input: LinkItemInput, capacity: number): LinkResult {
    const fail = (extended_info: string): LinkResult => ({ link_id: input.link_id, success: false, extended_info });
    const existingUid = this.byLink.get(input.link_id);
    const existing = existingUid === undefined ? undefined : this.byUid.get(existingUid);
    let number = input.identifier_number;
    if (input.identifier_type === 'face_id' && input.face_image !== undefined) {
      const image = decodeBase64(input.face_image);
      if (!image) return fail('bad_base_64_image_file');
      // A real panel runs face detection; a simulated one settles for "is it a JPEG at all".
      if (image.length < 4 || image[0] !== 0xff || image[1] !== 0xd8) return fail('face_has_not_recognized');
      number = createHash('sha256').update(image).digest('base64');
    }
    number ??= existing?.item.identifier_number;
    if (number === undefined) return fail('bad_base_64_image_file');
    if (input.identifier_type !== 'face_id') {
      const holders = this.byNumber.get(numberKey(input.identifier_type, number));
      if (holders && [...holders].some((uid) => uid !== existingUid)) return fail('number_taken_by_another_identifier');
    }
    if (existing && existingUid !== undefined) {
      this.unindexNumber(existingUid, existing.item);
      const item = existing.item;
      item.identifier_type = input.identifier_type;
      item.identifier_number = number;
      if (input.identifier_owner) item.identifier_owner = { ...input.identifier_owner };
      if (input.lock) item.lock = input.lock;
      if (input.valid) item.valid = structuredClone(input.valid);
      if (input.apartment_link_id !== undefined) item.apartment_link_id = input.apartment_link_id;
      this.indexNumber(existingUid, item);
      return { link_id: input.link_id, success: true, extended_info: 'updated' };
    }
    if (this.byUid.size >= capacity) return fail('number_of_identifiers_exceeded');
    this.insert(`link:${input.link_id}`, {
      identifier_owner: input.identifier_owner ? { ...input.identifier_owner } : { name: '', type: 'owner' },
      identifier_type: input.identifier_type,
      identifier_number: number,
      lock: input.lock ?? 'first',
      valid: input.valid ? structuredClone(input.valid) : permanentValidity(),
      link_id: input.link_id,
      apartment_link_id: input.apartment_link_id ?? null,
    });
    return { link_id: input.link_id, success: true, extended_info: 'created' };
  }

  private insert(owner: string, fields: Omit<BasipIdentifier, 'identifier_uid'>): number {
    const uid = this.nextUid++;
    const item: BasipIdentifier = { identifier_uid: uid, ...fields };
    this.byUid.set(uid, { owner, item });
    if (item.link_id !== null) this.byLink.set(item.link_id, uid);
    this.indexNumber(uid, item);
    return uid;
  }

  private remove(uid: number): boolean {
    const stored = this.byUid.get(uid);
    if (!stored) return false;
    this.byUid.delete(uid);
    if (stored.item.link_id !== null && this.byLink.get(stored.item.link_id) === uid) {
      this.byLink.delete(stored.item.link_id);
    }
    this.unindexNumber(uid, stored.item);
    return true;
  }

  private indexNumber(uid: number, item: BasipIdentifier): void {
    if (item.identifier_type === 'face_id') return;
    const key = numberKey(item.identifier_type, item.identifier_number);
    const holders = this.byNumber.get(key) ?? new Set<number>();
    holders.add(uid);
    this.byNumber.set(key, holders);
  }

  private unindexNumber(uid: number, item: BasipIdentifier): void {
    const key = numberKey(item.identifier_type, item.identifier_number);
    const holders = this.byNumber.get(key);
    holders?.delete(uid);
    if (holders?.size === 0) this.byNumber.delete(key);
  }
}

function numberKey(type: BasipIdentifierType, number: string): string {
  return `${type}:${number.toLowerCase()}`;
}

/** Strict Base64 decoding (padding required, no whitespace); undefined when the text is not Base64. */
function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}
