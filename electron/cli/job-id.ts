import { AppError } from '../../shared/errors.ts';
import type { CliContext } from './context.ts';

/** Fewest characters of a job id the CLI accepts as a prefix (like git's short ids). */
export const MIN_JOB_PREFIX = 4;

/** How many of the newest jobs a prefix is looked up among (the `jobs:list` maximum). */
const LOOKUP_LIMIT = 1000;

/**
 * The full id of the job `text` names: the id itself, or the one id that starts with it (case-insensitive, at
 * least {@link MIN_JOB_PREFIX} characters), so the short id the CLI prints (`job 1a2b3c4d: …`) works anywhere a
 * job is asked for. Never guesses: no match is NOT_FOUND, several are VALIDATION listing them.
 */
export function resolveJobIdAmong(text: string, ids: readonly string[]): string {
  const prefix = text.trim();
  if (ids.includes(prefix)) return prefix;
  const wanted = prefix.toLowerCase();
  if (wanted.length < MIN_JOB_PREFIX) {
    throw new AppError(
      'VALIDATION',
      `"${prefix}" is too short to name a job: give at least ${MIN_JOB_PREFIX} characters.`,
      {
        messageCode: 'job.prefix-short',
        params: { prefix, min: MIN_JOB_PREFIX },
      },
    );
  }
  const matches = ids.filter((id) => id.toLowerCase().startsWith(wanted));
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length === 0) {
    throw new AppError('NOT_FOUND', `No job id starts with "${prefix}". List the jobs with: fcom jobs list`, {
      messageCode: 'job.not-found',
      params: { prefix },
    });
  }
  const shown = matches.slice(0, 5).join(', ');
  throw new AppError('VALIDATION', `"${prefix}" starts ${matches.length} job ids (${shown}). Type more of the id.`, {
    messageCode: 'job.ambiguous',
    params: { prefix, count: matches.length, matches: shown },
  });
}

/** {@link resolveJobIdAmong} over the jobs the data directory holds (newest first). */
export async function resolveJobId(context: CliContext, text: string): Promise<string> {
  const jobs = await context.call('jobs:list', { limit: LOOKUP_LIMIT });
  return resolveJobIdAmong(
    text,
    jobs.map((job) => job.id),
  );
}
