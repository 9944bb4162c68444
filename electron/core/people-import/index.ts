/**
 * The input of bulk removal: decode an imported file, parse it as a table, map its columns, and
 * validate the people (or faces) to remove. Pure functions; the types live in
 * shared/domain/people-import.ts.
 */
export { buildRemovalList, duplicateKey, emptyMessage } from './build-list.ts';
export { decodeText, type DecodedText, type NotTextReason } from './decode.ts';
export { detectBinaryKind, type BinaryKind } from './file-kind.ts';
export { kindOfLabel, looksLikeHeader, normaliseLabel } from './headers.ts';
export { importPeopleFile, type ImportFileOptions } from './import-file.ts';
export { assertMappingFits, mappingForColumn, suggestMapping } from './mapping.ts';
export { parsePeopleTable, type ParseTableOptions } from './parse-table.ts';
export { parsePastedIds } from './paste.ts';
export { parseRemovalInput, type ParseInputOptions } from './parse-input.ts';
export { checkId, cleanCell, type CheckedKind, type IdCheck } from './validate-id.ts';
