import type { TerminalPerson } from '../drivers/driver.ts';
import type { IndexRow } from './store.ts';

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
