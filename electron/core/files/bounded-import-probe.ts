/**
 * TEST-ONLY probe run as its own process by `read-bounded.test.ts`: reads PATH as the CLI's `--file` does
 * (bounded read, then the importer) and prints `{code, reason, message, maxRssMb}` as JSON, so the test
 * measures the peak memory of one import alone.
 */
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/domain/limits.ts';
import { importPeopleFile } from '../people-import/import-file.ts';
import { readRegularFileBounded } from './read-bounded.ts';

const path = process.argv[2] as string;
let outcome: Record<string, unknown>;
try {
  const list = importPeopleFile(readRegularFileBounded(path, MAX_IMPORT_FILE_BYTES)).list;
  outcome = { code: 'OK', items: list.items.length, errors: list.errors.map((e) => e.code) };
} catch (error) {
  const e = error as { code?: string; message?: string; details?: { reason?: string } };
  outcome = { code: e.code, reason: e.details?.reason, message: e.message };
}
process.stdout.write(
  `${JSON.stringify({ ...outcome, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
