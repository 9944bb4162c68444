import type { RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import { capabilitiesOf } from '../../../shared/domain/capabilities.ts';

/** One item to journal: one person (or face) on one terminal, with the id that terminal's kind uses. */
export interface PlannedItem {
  /** Order within the job (items are sent in this order). */
  seq: number;
  terminal: string;
  terminalKind: TerminalKind;
  line: number | null;
  name: string | null;
  personKey: string;
  /** identity_id (Sophon), link_id or uid (BAS-IP); face_id or register_image_id for faces-only. */
  idKind: string;
  /** The id sent: identity_id, link_id or uid; for faces-only the person's identity_id. */
  nativeId: string;
  /** For faces-only: the face_id or register_image_id; '' otherwise. */
  faceId: string;
  /** Set when the item cannot be sent to this terminal: it is journaled as failed at once, never silently dropped. */
  failure: { rawCode: string; reason: string } | null;
}

/** Raw code of an item that had no id of its terminal's kind at plan time. */
export const NO_ID_CODE = 'plan:no-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UID = /^\d{1,15}$/;

/** The key that identifies a list row across terminals (for grouping per person in reports). */
export function personKeyOf(item: RemovalItem, mode: RemovalMode): string {
  if (mode === 'faces-only') return `${item.identity_id ?? ''}/${item.register_image_id ?? item.face_id ?? ''}`;
  return (
    item.identity_id ?? item.link_id ?? (item.uid === undefined ? undefined : String(item.uid)) ?? item.nativeId ?? ''
  );
}

type Resolved = { idKind: string; nativeId: string; faceId: string } | { failure: string; idKind: string };

/** The id a terminal of `kind` uses for a list row, or why there is none. */
export function resolveId(item: RemovalItem, kind: TerminalKind, mode: RemovalMode): Resolved {
  const key = personKeyOf(item, mode);
  if (kind === 'unknown') {
    return {
      idKind: 'unknown',
      failure: 'The app cannot tell what kind of terminal this is: add it again with --kind.',
    };
  }
  if (mode === 'faces-only') {
    if (!capabilitiesOf({ kind, apiVersion: null }).removeSingleFaces) {
      return {
        idKind: 'face',
        failure: `${kind === 'basip' ? 'BAS-IP panels' : 'This terminal'} cannot remove a single face: remove the whole person instead.`,
      };
    }
    const faceKind = item.register_image_id !== undefined ? 'register_image_id' : 'face_id';
    const faceId = item.register_image_id ?? item.face_id;
    if (item.identity_id === undefined || faceId === undefined) {
      return { idKind: faceKind, failure: 'A face removal needs the identity_id and a face_id or register_image_id.' };
    }
    return { idKind: faceKind, nativeId: item.identity_id, faceId };
  }
  if (kind === 'sophon') {
    const id = item.identity_id ?? item.nativeId;
    if (id !== undefined) return { idKind: 'identity_id', nativeId: id, faceId: '' };
    return {
      idKind: item.link_id !== undefined ? 'link_id' : 'uid',
      failure: `No identity_id for "${key}": Sophon terminals remove people by identity_id only.`,
    };
  }
  if (item.link_id !== undefined) {
    if (UUID.test(item.link_id)) return { idKind: 'link_id', nativeId: item.link_id.toLowerCase(), faceId: '' };
    return { idKind: 'link_id', failure: `"${item.link_id}" is not a link_id: BAS-IP link ids are UUIDs.` };
  }
  if (item.uid !== undefined) return { idKind: 'uid', nativeId: String(item.uid), faceId: '' };
  const native = item.nativeId;
  if (native !== undefined && UUID.test(native))
    return { idKind: 'link_id', nativeId: native.toLowerCase(), faceId: '' };
  if (native !== undefined && UID.test(native) && Number(native) > 0) {
    return { idKind: 'uid', nativeId: String(Number(native)), faceId: '' };
  }
  return {
    idKind: 'identity_id',
    failure: `"${key}" is neither a link_id (UUID) nor a uid (whole number), so BAS-IP panels cannot remove it.`,
  };
}
