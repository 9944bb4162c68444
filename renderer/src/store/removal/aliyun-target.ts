import type { AliyunScopeType, AliyunUserType } from '../../../../shared/domain/cloud.ts';
import type { DraftCloudStartRequest } from '../../../../shared/domain/removal-draft.ts';

/** Most device or space ids one Alibaba removal takes (the limit of `cloud-removal:start`). */
export const MAX_ALIYUN_SCOPE_IDS = 1000;

/** Longest device or space id `cloud-removal:start` accepts. */
export const MAX_ALIYUN_ID_LENGTH = 128;

/**
 * What an IOT_ID or SPACE_ID is made of: letters, digits, "-", "_" and ".". Anything else (quotes, slashes,
 * Chinese text, a `iot:` prefix) is a copy-paste slip, not an id.
 */
const SCOPE_ID = /^[A-Za-z0-9_.-]+$/;

/** Separators between pasted ids: new lines, spaces, commas and semicolons (Chinese punctuation included). */
const SEPARATORS = /[\s,;，；、]+/u;

/** Why one pasted id cannot be a device or space id. */
export type ScopeIdProblem = 'tooLong' | 'characters';

/** The pasted device or space ids, read. */
export interface ParsedScopeIds {
  /** Valid ids, trimmed, each once, in the order pasted. */
  ids: string[];
  /** Ids pasted more than once (each extra copy counted). */
  duplicates: number;
  /** Pasted parts that are not ids, in the order pasted. */
  invalid: { id: string; problem: ScopeIdProblem }[];
}

/** Reads pasted device or space ids: split on separators, trimmed, validated, deduplicated. */
export function parseScopeIds(text: string): ParsedScopeIds {
  const ids: string[] = [];
  const seen = new Set<string>();
  const invalid: ParsedScopeIds['invalid'] = [];
  let duplicates = 0;
  for (const part of text.split(SEPARATORS)) {
    const id = part.trim();
    if (id === '') continue;
    if (id.length > MAX_ALIYUN_ID_LENGTH) invalid.push({ id, problem: 'tooLong' });
    else if (!SCOPE_ID.test(id)) invalid.push({ id, problem: 'characters' });
    else if (seen.has(id)) duplicates += 1;
    else {
      seen.add(id);
      ids.push(id);
    }
  }
  return { ids, duplicates, invalid };
}

/** What stops pasted ids from being sent, the first problem only; null when they can be sent. */
export type ScopeIdsVerdict =
  | { kind: 'empty' }
  | { kind: 'invalid'; id: string; problem: ScopeIdProblem; count: number }
  | { kind: 'tooMany'; count: number }
  | null;

/** Whether the parsed ids can be sent, or the first reason they cannot. */
export function scopeIdsVerdict(parsed: ParsedScopeIds): ScopeIdsVerdict {
  const first = parsed.invalid[0];
  if (first) return { kind: 'invalid', id: first.id, problem: first.problem, count: parsed.invalid.length };
  if (parsed.ids.length === 0) return { kind: 'empty' };
  if (parsed.ids.length > MAX_ALIYUN_SCOPE_IDS) return { kind: 'tooMany', count: parsed.ids.length };
  return null;
}

/** Delete requests an Alibaba removal sends: per device or space, the users in batches of `batchSize`. */
export function aliyunRequestCount(users: number, scopes: number, batchSize: number): number {
  if (users <= 0 || scopes <= 0) return 0;
  return scopes * Math.ceil(users / Math.max(1, batchSize));
}

/** The Alibaba part of the wizard as the technician fills it in. */
export interface AliyunTarget {
  /** The technician asked to remove the people from Alibaba Cloud too. */
  enabled: boolean;
  scopeType: AliyunScopeType;
  /** The ids as pasted or typed. */
  idsText: string;
  /** The user system of the ids; null: the default of the settings (as the CLI). */
  userType: AliyunUserType | null;
}

/** The Alibaba part when nothing was asked for. */
export const EMPTY_ALIYUN_TARGET: AliyunTarget = { enabled: false, scopeType: 'IOT_ID', idsText: '', userType: null };

/**
 * The Alibaba part of a reviewed removal: what `removal:cloud-start` gets besides the draft (whose people the core
 * turns into user ids), how many users that is, and its batching.
 */
export interface AliyunRemovalPlan {
  request: Omit<DraftCloudStartRequest, 'draftId'> & { userType: AliyunUserType };
  /** Distinct user ids of the list (the draft's `cloudUsers`). */
  users: number;
  /** (user, device or space) pairs. */
  pairs: number;
  requests: number;
  batchSize: number;
}

/** Why the Alibaba part cannot be planned. */
export type AliyunPlanProblem = { kind: 'ids'; verdict: NonNullable<ScopeIdsVerdict> } | { kind: 'noUsers' };

/**
 * The Alibaba part of the removal for a list of `users` distinct user ids (the draft's `cloudUsers`), with the
 * settings' default user type and batch size; a problem when the ids are not usable or no person has an id.
 */
export function planAliyunRemoval(
  target: AliyunTarget,
  users: number,
  defaults: { userType: AliyunUserType; batchSize: number },
): { plan: AliyunRemovalPlan } | { problem: AliyunPlanProblem } {
  const parsed = parseScopeIds(target.idsText);
  const verdict = scopeIdsVerdict(parsed);
  if (verdict) return { problem: { kind: 'ids', verdict } };
  if (users === 0) return { problem: { kind: 'noUsers' } };
  const userType = target.userType ?? defaults.userType;
  return {
    plan: {
      request: { userType, scopeType: target.scopeType, scopeIds: parsed.ids },
      users,
      pairs: users * parsed.ids.length,
      requests: aliyunRequestCount(users, parsed.ids.length, defaults.batchSize),
      batchSize: defaults.batchSize,
    },
  };
}
