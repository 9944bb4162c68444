import type { Holding, PersonHit } from '../../../shared/domain/people-index.ts';
import { hasHan, nameKey, pinyinTerm } from './names.ts';
import type { IndexRow, IndexStore } from './store.ts';

/** What a holding needs from outside the index: the terminal's name and kind, and when it was read. */
export type TerminalInfo = (serial: string) => { name: string; kind: Holding['kind']; readAt: number | null } | null;

/** Splits a query into terms: one a line, or separated by commas, semicolons or tabs (a pasted list). */
export function termsOf(query: string): string[] {
  const terms = query
    .split(/[\n\r,;\t，；、]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return [...new Set(terms)];
}

/** A holding of one index row. */
export function holdingOf(row: IndexRow, info: TerminalInfo): Holding | null {
  const terminal = info(row.serial);
  if (!terminal) return null;
  return {
    serial: row.serial,
    terminalName: terminal.name,
    kind: terminal.kind,
    idKind: row.idKind,
    id: row.nativeId,
    uid: row.uid,
    linkId: row.linkId,
    faceIds: row.faceIds,
    name: row.name,
    type: row.type,
    readAt: terminal.readAt ?? 0,
  };
}

/** Rows grouped per person: by exact name (different people sharing an id across vendors stay apart). */
function groupByName(rows: readonly IndexRow[]): IndexRow[][] {
  const groups = new Map<string, IndexRow[]>();
  for (const row of rows) {
    const key = nameKey(row.name);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

/**
 * Finds people across the site's index: each term is tried as an id (identity_id, link_id in any case, uid),
 * then as an exact name, then as a part of a name or pinyin (toneless, spaces ignored; initials too: "zw" finds
 * 张伟). Answers one hit per person and term, with every terminal holding them and that terminal's id, and the
 * terms that found nobody.
 */
export function findPeople(
  store: IndexStore,
  info: TerminalInfo,
  query: string,
  limit: number,
): { hits: PersonHit[]; notFound: string[] } {
  const hits: PersonHit[] = [];
  const notFound: string[] = [];
  const toHit = (term: string, match: PersonHit['match'], rows: IndexRow[]): PersonHit | null => {
    const holdings = rows.map((r) => holdingOf(r, info)).filter((h): h is Holding => h !== null);
    if (holdings.length === 0) return null;
    holdings.sort((a, b) => a.terminalName.localeCompare(b.terminalName) || a.serial.localeCompare(b.serial));
    return { term, name: holdings[0]?.name ?? '', match, holdings };
  };
  for (const term of termsOf(query)) {
    if (hits.length >= limit) break;
    const before = hits.length;
    const add = (match: PersonHit['match'], rows: IndexRow[]): void => {
      for (const group of groupByName(rows)) {
        const hit = toHit(term, match, group);
        if (hit && hits.length < limit) hits.push(hit);
      }
    };
    add('id', store.byId(term));
    if (hits.length === before) add('name', store.byName(term));
    if (hits.length === before) {
      const letters = hasHan(term) ? null : pinyinTerm(term);
      const part = letters === null || !/\s/.test(term) ? term : null;
      const rows = store.search(part, letters, limit * 20);
      const match: PersonHit['match'] = letters !== null ? 'pinyin' : 'name-part';
      add(match, rows);
    }
    if (hits.length === before) notFound.push(term);
  }
  return { hits, notFound };
}
