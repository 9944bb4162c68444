import type { PlannedItem } from '../../electron/core/removal/plan-ids.ts';

/** `count` planned items spread over `terminals` terminals SN-0…, native ids 100000… (one per item). */
export function plannedItems(count: number, terminals: number): PlannedItem[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: i,
    terminal: `SN-${i % terminals}`,
    terminalKind: 'sophon' as const,
    line: i + 2,
    name: `Person ${i}`,
    personKey: String(100000 + i),
    idKind: 'identity_id' as const,
    nativeId: String(100000 + i),
    faceId: '',
    failure: null,
  }));
}
