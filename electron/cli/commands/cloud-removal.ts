import type { AliyunScopeType, AliyunUserType } from '../../../shared/domain/cloud.ts';
import type { RemovalList } from '../../../shared/domain/people-import.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { followCloudJob } from './cloud-follow.ts';

/** Splits "a,b,c" into trimmed, non-empty parts. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const SCOPE_PREFIXES: Record<string, AliyunScopeType> = { iot: 'IOT_ID', space: 'SPACE_ID' };

/**
 * Parses `--scope iot:ID,ID` or `space:ID,ID` (each id may repeat the prefix). One job names either devices or
 * spaces (`cloud-removal:start` takes one scope type), so mixing them is refused.
 */
export function parseScopes(text: string): { scopeType: AliyunScopeType; scopeIds: string[] } {
  const types = new Set<AliyunScopeType>();
  const scopeIds: string[] = [];
  let current: AliyunScopeType | undefined;
  for (const part of text.split(',').map((s) => s.trim())) {
    const prefixed = /^([a-z]+):(.*)$/i.exec(part);
    if (prefixed) {
      current = SCOPE_PREFIXES[(prefixed[1] ?? '').toLowerCase()];
      if (!current) {
        throw new AppError('VALIDATION', `--scope "${part}": the prefix must be iot: (devices) or space: (spaces).`);
      }
      types.add(current);
    } else if (part !== '' && !current) {
      throw new AppError('VALIDATION', `--scope must start with iot: (devices) or space: (spaces), e.g. iot:${part}.`);
    }
    const id = (prefixed ? (prefixed[2] ?? '') : part).trim();
    if (id !== '') scopeIds.push(id);
  }
  if (types.size > 1) {
    throw new AppError(
      'VALIDATION',
      '--scope mixes iot: and space: ids: one removal names either devices or spaces. Run the command once for each.',
    );
  }
  const scopeType = [...types][0];
  if (!scopeType || scopeIds.length === 0) {
    throw new AppError('VALIDATION', '--scope needs ids: iot:ID,ID,... (devices) or space:ID,ID,... (spaces).');
  }
  return { scopeType, scopeIds };
}

/**
 * Starts an Alibaba Cloud face removal of the list's users from the scopes and follows it to its end (exit 1
 * unless every pair ended removed or already absent). `fcom cloud-remove` and `fcom remove --cloud aliyun`.
 */
export async function runCloudRemoval(
  context: CliContext,
  request: {
    list: RemovalList;
    label: string;
    userType?: AliyunUserType;
    scopeType: AliyunScopeType;
    scopeIds: string[];
  },
): Promise<void> {
  const userIds = request.list.items
    .map((i) => i.nativeId ?? i.identity_id ?? i.link_id ?? (i.uid === undefined ? '' : String(i.uid)))
    .filter((id) => id !== '');
  if (userIds.length === 0) throw new AppError('VALIDATION', 'No user ids to remove: give --ids ID,ID,... or --file.');
  if (request.scopeIds.length === 0) throw new AppError('VALIDATION', 'No device or space ids: give the scopes.');
  const { jobId, items } = await context.call('cloud-removal:start', {
    ...(request.userType ? { userType: request.userType } : {}),
    userIds,
    scopeType: request.scopeType,
    scopeIds: request.scopeIds,
    label: request.label,
  });
  if (!context.json()) context.output.err(`Job ${jobId} started: ${items} (user, scope) pairs.`);
  await followCloudJob(context, jobId);
}
