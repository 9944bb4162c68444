import type { Terminal } from '../../shared/domain/terminal.ts';
import { redactText, redactValue } from './redact.ts';

/** Everything the diagnostics bundle is made from, collected by the shell (diagnostics-export.ts). */
export interface DiagnosticsInput {
  generatedAt: Date;
  app: { name: string; version: string; packaged: boolean; dataDir: string };
  /** `process.versions` (electron, chrome, node, v8, ...). */
  versions: Readonly<Record<string, string | undefined>>;
  os: { platform: string; arch: string; release: string; version?: string; locale?: string };
  /** The persisted settings (they hold no secrets; redacted anyway). */
  settings: unknown;
  terminals: readonly Terminal[];
  /** The log files, oldest first, with their text; `truncated` when only the end of the file was read. */
  logs: readonly { name: string; text: string; truncated?: boolean }[];
}

/** A summary of the site inventory: counts, and one line per terminal without anything secret. */
export interface InventorySummary {
  total: number;
  online: number;
  offline: number;
  byKind: Record<string, number>;
  byCredentials: Record<string, number>;
  terminals: Pick<
    Terminal,
    | 'serial'
    | 'kind'
    | 'apiVersion'
    | 'model'
    | 'firmware'
    | 'address'
    | 'port'
    | 'online'
    | 'lastSeen'
    | 'credentials'
    | 'source'
    | 'adapter'
  >[];
}

/** The diagnostics bundle: one JSON document. */
export interface DiagnosticsBundle {
  format: 'face-commissioner-diagnostics';
  formatVersion: 1;
  generatedAt: string;
  app: DiagnosticsInput['app'];
  versions: Record<string, string>;
  os: DiagnosticsInput['os'];
  settings: unknown;
  inventory: InventorySummary;
  logs: { name: string; truncated: boolean; lines: string[] }[];
}

/** The most of each log file kept in the bundle (its end), in characters. */
export const MAX_LOG_CHARS = 2 * 1024 * 1024;

/** Versions worth reporting, in this order. */
const VERSION_KEYS = ['electron', 'chrome', 'node', 'v8', 'uv', 'openssl', 'sqlite', 'modules'];

function countBy(terminals: readonly Terminal[], key: (terminal: Terminal) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const terminal of terminals) counts[key(terminal)] = (counts[key(terminal)] ?? 0) + 1;
  return counts;
}

/** Counts the inventory by state, kind and credential state, and lists each terminal's non-secret fields. */
export function summarizeInventory(terminals: readonly Terminal[]): InventorySummary {
  const online = terminals.filter((terminal) => terminal.online).length;
  return {
    total: terminals.length,
    online,
    offline: terminals.length - online,
    byKind: countBy(terminals, (terminal) => terminal.kind),
    byCredentials: countBy(terminals, (terminal) => terminal.credentials),
    terminals: terminals.map((t) => ({
      serial: t.serial,
      kind: t.kind,
      apiVersion: t.apiVersion,
      model: t.model,
      firmware: t.firmware,
      address: t.address,
      port: t.port,
      online: t.online,
      lastSeen: t.lastSeen,
      credentials: t.credentials,
      source: t.source,
      adapter: t.adapter,
    })),
  };
}

/**
 * Builds the diagnostics bundle: versions, OS, settings, the inventory summary and the end of each log file,
 * every string passed through the redaction again (logs written by an older version may hold secrets).
 */
export function buildDiagnostics(input: DiagnosticsInput): DiagnosticsBundle {
  const versions: Record<string, string> = {};
  for (const key of VERSION_KEYS) {
    const value = input.versions[key];
    if (value !== undefined) versions[key] = value;
  }
  const logs = input.logs.map(({ name, text, truncated: cut = false }) => {
    const truncated = cut || text.length > MAX_LOG_CHARS;
    const kept = text.length > MAX_LOG_CHARS ? text.slice(text.length - MAX_LOG_CHARS) : text;
    const lines = kept.split(/\r?\n/);
    if (truncated) lines.shift();
    if (lines.at(-1) === '') lines.pop();
    return { name, truncated, lines: lines.map((line) => redactText(line)) };
  });
  // Everything but the logs (already redacted line by line, and longer than redactValue copies) goes through
  // the structural redaction too.
  const rest = redactValue({
    app: input.app,
    versions,
    os: input.os,
    settings: input.settings,
    inventory: summarizeInventory(input.terminals),
  }) as Pick<DiagnosticsBundle, 'app' | 'versions' | 'os' | 'settings' | 'inventory'>;
  return {
    format: 'face-commissioner-diagnostics',
    formatVersion: 1,
    generatedAt: input.generatedAt.toISOString(),
    ...rest,
    logs,
  };
}

/** The suggested file name: `face-commissioner-diagnostics-2026-11-22T19-45-07Z.json`. */
export function diagnosticsFileName(date: Date): string {
  return `face-commissioner-diagnostics-${date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.json`;
}

/** What exporting needs from the shell: the data, a save dialog and the disk. */
export interface DiagnosticsExportPorts {
  collect(): Promise<DiagnosticsInput>;
  /** Shows a save dialog; resolves the chosen path, or undefined when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | undefined>;
  writeFile(path: string, content: string): Promise<void>;
  now(): Date;
}

/**
 * Collects, builds and saves the bundle where the technician chooses. Resolves the saved path, or undefined
 * when the dialog was cancelled; collection or write failures reject.
 */
export async function exportDiagnostics(ports: DiagnosticsExportPorts): Promise<string | undefined> {
  const path = await ports.chooseSavePath(diagnosticsFileName(ports.now()));
  if (!path) return undefined;
  const bundle = buildDiagnostics(await ports.collect());
  await ports.writeFile(path, `${JSON.stringify(bundle, null, 2)}\n`);
  return path;
}
