import { randomBytes } from 'node:crypto';

/** Characters of a job id: digits and lower-case letters (what the CLI's prefix lookup compares). */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Length of a job id: 12 characters of 36 give 62 bits, as unlikely to repeat on one laptop as a UUID. */
export const JOB_ID_LENGTH = 12;

/**
 * A new job id: 12 random characters of [0-9a-z]. Not a UUID (36 characters) on purpose: every item of a job
 * carries its job's id in the table and in each of its indexes, 500,000 times for a large removal, and each claim
 * and answer rewrites index pages full of it. With 12 characters the journal writes a fifth less to its WAL
 * (868 against 1,073-1,094 MB for 500,000 items; BENCHMARKS.md). Random, not time-ordered, so the first
 * characters the CLI shows (`job 1a2b3c4d`) tell jobs apart.
 */
export function newJobId(): string {
  let id = '';
  while (id.length < JOB_ID_LENGTH) {
    for (const byte of randomBytes(JOB_ID_LENGTH)) {
      // 252 = 7 × 36: bytes above it are dropped, so every character is equally likely.
      if (byte < 252 && id.length < JOB_ID_LENGTH) id += ALPHABET[byte % 36];
    }
  }
  return id;
}
