import type { ParsedInput } from '../../../../shared/domain/removal-input.ts';

/** TEST-ONLY: an answer of `removal:parse-input` holding `ids` pasted one per line (line = position + 1). */
export function parsedInput(ids: string[], overrides: Partial<ParsedInput> = {}): ParsedInput {
  return {
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
      items: ids.map((id, i) => ({ line: i + 1, nativeId: id })),
      errors: [],
      duplicates: 0,
      invalidRows: 0,
      blankLines: 0,
      totalRows: ids.length,
    },
    moreErrors: 0,
    ...overrides,
  };
}
