import type { RemovalItem } from '../../../../shared/domain/people-import.ts';
import type { PersonHit } from '../../../../shared/domain/people-index.ts';
import type { PickedPerson } from './removal-list.ts';

/** The pseudo-serial of people added from the site people index (they are resolved on every terminal). */
export const INDEX_SOURCE = 'people-index';

/**
 * The removal list entries of people found in the index: one per person and Sophon identity_id (a person may
 * have another identity_id on another terminal), carrying the person's BAS-IP link_id (else uid) and name, so
 * each terminal resolves its own id through the index (`match: 'id'`). People already in the list are not
 * added twice; lines number the picks.
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
