import type { DraftInput, DraftSummary } from '../../../../shared/domain/removal-draft.ts';

/**
 * TEST-ONLY: what `removal:parse-input` answers for `ids` pasted one per line: draft `draftId`, its reading and
 * counts (the items stay in the core).
 */
export function draftSummary(
  ids: string[],
  overrides: Partial<DraftSummary> = {},
  input: Partial<DraftInput> = {},
): DraftSummary {
  return {
    draftId: 'd1',
    mode: 'people',
    label: null,
    input: {
      source: 'paste',
      table: false,
      encoding: null,
      delimiter: null,
      hasHeader: false,
      headerLine: null,
      columns: [{ index: 0, label: 'Column 1', suggestedKind: 'nativeId' }],
      preview: [],
      mapping: { nativeId: 0 },
      mappingProblem: null,
      list: {
        mode: 'people',
        valid: ids.length,
        errors: [],
        duplicates: 0,
        invalidRows: 0,
        blankLines: 0,
        totalRows: ids.length,
      },
      moreErrors: 0,
      ...input,
    },
    picked: 0,
    total: ids.length,
    panelLocal: 0,
    cloudUsers: new Set(ids).size,
    ...overrides,
  };
}
