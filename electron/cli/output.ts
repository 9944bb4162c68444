import type { ErrorPayload } from '../../shared/errors.ts';
import { redactText } from '../core/logs/redact.ts';
import { cliMessage, type CliLanguage } from './messages.ts';

/** Where the CLI writes; a port so tests can capture output. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** The process's real stdout and stderr. */
export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Prints data as JSON (with `--json`) or as `key: value` lines for people. */
export function printData(output: Output, data: unknown, json: boolean): void {
  if (json) {
    output.out(JSON.stringify(data, null, 2));
    return;
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      output.out(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
    return;
  }
  output.out(typeof data === 'string' ? data : JSON.stringify(data, null, 2));
}

/**
 * Formats an error as the one line the CLI prints before exiting non-zero, redacted like the app's log (a vendor
 * error that echoes a password, token or signature does not reach the terminal or a CI log).
 */
export function formatError(error: ErrorPayload, language: CliLanguage = 'en'): string {
  // A message code the CLI knows is said in the CLI's words (naming the fcom command that fixes it).
  const message = cliMessage(error, language) ?? error.message;
  const first = message.split('\n')[0] ?? message;
  return redactText(`fcom: ${first} (${error.code})`);
}

/** Prints rows as an aligned table with upper-case headers (trailing spaces trimmed). */
export function printTable(output: Output, headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  output.out(line(headers.map((h) => h.toUpperCase())));
  for (const row of rows) output.out(line(row));
}
