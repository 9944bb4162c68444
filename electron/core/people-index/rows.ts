import type { TerminalPerson } from '../drivers/driver.ts';

/** One row of the index: one person (BAS-IP: one identifier) on one terminal, with its own ids. */
export interface IndexRow {
  serial: string;
  idKind: 'identity_id' | 'link_id' | 'uid';
  /** The id a removal sends: identity_id, link_id (lower case) or uid. */
  nativeId: string;
  uid: string | null;
  linkId: string | null;
  name: string;
  type: string | null;
  faceIds: string[];
}

/** A row of `people_index` as SQLite gives it. */
export interface RawRow {
  serial: string;
  id_kind: string;
  native_id: string;
  uid: string | null;
  link_id: string | null;
  name: string;
  type: string | null;
  face_ids: string;
}

/** The columns of {@link RawRow}, in its order. */
export const COLUMNS = 'serial, id_kind, native_id, uid, link_id, name, type, face_ids';

/** A stored row as an {@link IndexRow}. */
export function toRow(raw: RawRow): IndexRow {
  return {
    serial: raw.serial,
    idKind: raw.id_kind as IndexRow['idKind'],
    nativeId: raw.native_id,
    uid: raw.uid,
    linkId: raw.link_id,
    name: raw.name,
    type: raw.type,
    faceIds: raw.face_ids === '' ? [] : raw.face_ids.split(','),
  };
}

/**
 * The index row of one listed person, with the id a removal sends to that terminal: Sophon identity_id; BAS-IP
 * link_id (lower case) when the identifier has one, else its uid (as the driver lists them: `id` is the link_id,
 * or the uid when there is none).
 */
export function rowOf(serial: string, kind: 'sophon' | 'basip', person: TerminalPerson): IndexRow {
  if (kind === 'sophon') {
    const faces = person.extra.face_ids ?? '';
    return {
      serial,
      idKind: 'identity_id',
      nativeId: person.id,
      uid: null,
      linkId: null,
      name: person.name,
      type: person.extra.user_type ?? null,
      faceIds: faces === '' ? [] : faces.split(',').filter((f) => f !== ''),
    };
  }
  const uid = person.extra.uid ?? null;
  const linked = uid === null || person.id !== uid;
  return {
    serial,
    idKind: linked ? 'link_id' : 'uid',
    nativeId: linked ? person.id.toLowerCase() : uid,
    uid,
    linkId: linked ? person.id.toLowerCase() : null,
    name: person.name,
    type: person.extra.type ?? null,
    faceIds: [],
  };
}
