import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost parameters, stored in the credential file so they can grow without breaking old files. */
export interface ScryptParams {
  /** CPU/memory cost (a power of two). */
  N: number;
  r: number;
  p: number;
}

/** The parameters new files get: N = 2^17 (about 128 MiB and a few hundred ms per unlock), r = 8, p = 1. */
export const STRONG_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** What files of version 1 used (Node's scrypt defaults): read, then rewritten with {@link STRONG_SCRYPT}. */
export const LEGACY_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

const SealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });

/** One value sealed with AES-256-GCM: nonce, tag and cipher text, base64. */
export type Sealed = z.infer<typeof SealedSchema>;

/** Bounds on parameters read from a file: a hostile file must not make the app allocate gigabytes. */
const KdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: z.string().min(16),
});

const V1Schema = z.object({
  version: z.literal(1),
  salt: z.string(),
  check: SealedSchema,
  entries: z.record(z.string(), SealedSchema),
});

const V2Schema = z.object({
  version: z.literal(2),
  kdf: KdfSchema,
  check: SealedSchema,
  entries: z.record(z.string(), SealedSchema),
});

/** The credential file as it is written now (version 2): KDF parameters inside, every value bound to its name. */
export type SecretFileV2 = z.infer<typeof V2Schema>;

/** A parsed credential file of either version, with what its key is derived from. */
export interface ParsedSecretFile {
  version: 1 | 2;
  params: ScryptParams;
  salt: string;
  check: Sealed;
  entries: Record<string, Sealed>;
}

/** Parses the text of a credential file (version 1 or 2); undefined when it is neither. */
export function parseSecretFile(text: string): ParsedSecretFile | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v2 = V2Schema.safeParse(json);
  if (v2.success) {
    const { N, r, p, salt } = v2.data.kdf;
    return { version: 2, params: { N, r, p }, salt, check: v2.data.check, entries: v2.data.entries };
  }
  const v1 = V1Schema.safeParse(json);
  if (v1.success) {
    return { version: 1, params: LEGACY_SCRYPT, salt: v1.data.salt, check: v1.data.check, entries: v1.data.entries };
  }
  return undefined;
}

/** The text of a version-2 file. */
export function serialiseSecretFile(
  params: ScryptParams,
  salt: string,
  check: Sealed,
  entries: Record<string, Sealed>,
) {
  const file: SecretFileV2 = { version: 2, kdf: { name: 'scrypt', ...params, salt }, check, entries };
  return JSON.stringify(file);
}

/** Whether `params` are at least as costly as `target` (else the file is re-keyed on the next write). */
export function atLeast(params: ScryptParams, target: ScryptParams): boolean {
  return params.N >= target.N && params.r >= target.r && params.p >= target.p;
}

/** A fresh random salt (base64). */
export function newSalt(): string {
  return randomBytes(16).toString('base64');
}

/** Derives the 256-bit key (asynchronously: the event loop keeps serving while scrypt works). */
export function deriveKey(passphrase: string, salt: string, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(passphrase, Buffer.from(salt, 'base64'), 32, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** What the check value holds: it proves the passphrase before anything is read or written. */
export const CHECK_TEXT = 'face-commissioner-secrets';

/** The associated data of the check value (version 2). */
export const CHECK_AAD = 'fcom-secrets:v2:check';

/** The associated data of an entry (version 2): a sealed value moved to another name does not open. */
export function entryAad(name: string): string {
  return `fcom-secrets:v2:entry:${name}`;
}

/** Seals `text` with AES-256-GCM; `aad` (when given) is authenticated but not stored. */
export function seal(key: Buffer, text: string, aad?: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Opens a sealed value; undefined when the key, the associated data or the bytes are wrong. */
export function open(key: Buffer, sealed: Sealed, aad?: string): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
