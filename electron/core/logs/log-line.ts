import { inspect } from 'node:util';
import { redactText, redactValue } from './redact.ts';

/**
 * One log line as the browser host and the CLI write it to stderr: anything (an error, an object, text) formatted
 * and passed through the same redaction as the Electron app's log file, so no password, token or signature a
 * vendor echoed in an error reaches a terminal scroll-back or a CI log.
 */
export function redactedLine(value: unknown): string {
  const text = typeof value === 'string' ? value : inspect(redactValue(value), { depth: 6, breakLength: Infinity });
  return redactText(text);
}

/** A logger writing {@link redactedLine}s through `write` (default: stderr). */
export function createRedactedLog(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
  return (value: unknown): void => write(redactedLine(value));
}
