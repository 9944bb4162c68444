/**
 * The bounds of every input the app reads, one place for the core, the CLI, the UI and the contract's zod
 * schemas. A value over a bound is refused with an error that names the bound (never read whole first).
 */

/** Largest people file imported, in bytes (the contract's base64 cap, `MAX_FILE_BASE64_CHARS`, holds as much). */
export const MAX_IMPORT_FILE_BYTES = 12 * 1024 * 1024;

/** Most rows of a people file or a paste (a site's whole population is far fewer). */
export const MAX_IMPORT_ROWS = 200_000;

/** Longest person's name kept from a list, in characters (a name is only shown and reported). */
export const MAX_NAME_CHARS = 200;

/** Bytes in one MB as the app's messages count them (MiB). */
export const BYTES_PER_MB = 1024 * 1024;

/** A byte count as whole MB for messages, at least 1 when not zero. */
export function megabytes(bytes: number): number {
  return bytes === 0 ? 0 : Math.max(1, Math.round(bytes / BYTES_PER_MB));
}
