import type { RemovalItem, RemovalMode } from '../../../shared/domain/people-import.ts';
import type { PersonHit } from '../../../shared/domain/people-index.ts';
import { INDEX_SOURCE, type PickedPerson } from '../../../shared/domain/removal-draft.ts';
import type { TerminalKind } from '../../../shared/domain/terminal.ts';
import { duplicateKey } from '../people-import/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The removal item of a person listed by a terminal of `kind`: a Sophon id is an identity_id; a BAS-IP
 * id is a link_id (a UUID), or else the panel's own identifier number (uid). `line` numbers the pick.
 */
export function pickedItem(kind: TerminalKind, person: { id: string; name: string }, line: number): RemovalItem {
  const named = person.name.trim() === '' ? {} : { name: person.name.trim() };
  if (kind === 'basip' && !UUID.test(person.id) && /^\d+$/.test(person.id) && Number(person.id) > 0) {
    return { line, uid: Number(person.id), ...named };
  }
  if (kind === 'basip') return { line, link_id: person.id, ...named };
  return { line, identity_id: person.id, ...named };
}

/** Adds people listed by a terminal of `kind` to the picks (each once per terminal and id). */
export function terminalPicks(
  picked: readonly PickedPerson[],
  serial: string,
  kind: TerminalKind,
  people: readonly { id: string; name: string }[],
): PickedPerson[] {
  const have = new Set(picked.map((p) => `${p.serial}\n${p.id}`));
  const out = [...picked];
  for (const person of people) {
    const key = `${serial}\n${person.id}`;
    if (have.has(key)) continue;
    have.add(key);
    out.push({ serial, id: person.id, name: person.name, item: pickedItem(kind, person, out.length + 1) });
  }
  return out;
}

/**
 * The picks of people found in the index: one per person and Sophon identity_id (a person may have another
 * identity_id on another terminal), carrying the person's BAS-IP link_id (else uid) and name, so each terminal
 * resolves its own id through the index (`match: 'id'`). People already picked are not added twice.
 */
export function indexedPicks(picked: readonly PickedPerson[], hits: readonly PersonHit[]): PickedPerson[] {
  const out = [...picked];
  const have = new Set(out.map((p) => `${p.serial}\n${p.id}`));
  for (const hit of hits) {
    const sophonIds = [...new Set(hit.holdings.filter((h) => h.kind === 'sophon').map((h) => h.id))];
    const linked = hit.holdings.find((h) => h.kind === 'basip' && h.linkId !== null);
    const unlinked = hit.holdings.find((h) => h.kind === 'basip' && h.linkId === null && h.uid !== null);
    const basip: Partial<RemovalItem> = linked?.linkId
      ? { link_id: linked.linkId }
      : unlinked?.uid
        ? { uid: Number(unlinked.uid) }
        : {};
    const named = hit.name.trim() === '' ? {} : { name: hit.name };
    const ids = sophonIds.length > 0 ? sophonIds : [null];
    for (const identity of ids) {
      const id = identity ?? linked?.linkId ?? unlinked?.uid ?? hit.name;
      const key = `${INDEX_SOURCE}\n${id}`;
      if (have.has(key)) continue;
      have.add(key);
      const item: RemovalItem = {
        line: out.length + 1,
        ...(identity === null ? {} : { identity_id: identity }),
        ...basip,
        ...named,
      };
      out.push({ serial: INDEX_SOURCE, id, name: hit.name, item });
    }
  }
  return out;
}

/** The picks without one, renumbered. */
export function withoutPick(picked: readonly PickedPerson[], serial: string, id: string): PickedPerson[] {
  return picked
    .filter((p) => p.serial !== serial || p.id !== id)
    .map((p, index) => ({ ...p, item: { ...p.item, line: index + 1 } }));
}

/** Two items are the same when they carry the same ids (UUIDs compared without case; names ignored). */
export function itemKey(item: RemovalItem): string {
  return duplicateKey(item, false);
}

/**
 * The list a removal sends: the pasted or imported items, then the picked people not already in it.
 * Picks count only in `people` mode (a terminal's list names persons, not faces).
 */
export function removalItems(
  imported: readonly RemovalItem[],
  picked: readonly PickedPerson[],
  mode: RemovalMode,
): RemovalItem[] {
  const items = [...imported];
  if (mode !== 'people') return items;
  const seen = new Set(items.map(itemKey));
  for (const { item } of picked) {
    const key = itemKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

/** Whether a picked item is a BAS-IP uid: a number that means another person on every other panel. */
export function isPanelLocal(item: RemovalItem): boolean {
  return item.uid !== undefined && item.link_id === undefined;
}

/**
 * The Alibaba user ids of a list, each once: an item's own id, else its Sophon identity_id, BAS-IP link_id or
 * uid (the rule of `fcom remove --cloud aliyun`).
 */
export function cloudUserIds(items: readonly RemovalItem[]): string[] {
  const ids = items.map(
    (item) => item.nativeId ?? item.identity_id ?? item.link_id ?? (item.uid === undefined ? '' : String(item.uid)),
  );
  return [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
}
