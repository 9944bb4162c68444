import { readParams, readString } from './params.ts';
import type { ApiOutcome } from './respond.ts';
import type { TokenBook } from './tokens.ts';

/** Path and API version of "获取云端资源token". */
export const CLOUD_TOKEN_PATH = '/cloud/token';
/** The only published version of {@link CLOUD_TOKEN_PATH}. */
export const CLOUD_TOKEN_API_VER = '1.0.1';

/**
 * POST /cloud/token, params `{"grantType": "project", "res": "<projectId>"}`. The vendor's field table
 * names the answer `data: {cloudToken, expireIn}` (ms) with message "success"; its example shows
 * `iotToken`/`expiresIn` instead, which the simulator takes for a copy-paste slip. Calling again for the
 * same project revokes the previous token. A `res` other than the app's own project is refused with
 * "Request Authorized Error" (the app is not authorised on that project; the documents are silent).
 */
export function issueCloudToken(params: unknown, appKey: string, appProjectId: string, tokens: TokenBook): ApiOutcome {
  const object = readParams(params);
  if (object.error) return { error: object.error };
  const grantType = readString(object.value, 'grantType', ['project']);
  if (grantType.error) return { error: grantType.error };
  const res = readString(object.value, 'res');
  if (res.error) return { error: res.error };
  if (res.value !== appProjectId) return { error: 'requestAuthorizedError' };
  return { message: 'success', data: tokens.issueCloud(appKey, appProjectId) };
}

/** Path of the token renewal that does not revoke (named by the vendor; its parameters are not published). */
export const CLOUD_TOKEN_REFRESH_PATH = '/cloud/token/refresh';

/**
 * POST /cloud/token/refresh: the token to renew in `request.cloudToken` (the simulator's reading; the documents
 * are silent), params as /cloud/token. Answers a new token like /cloud/token without revoking the pair's other
 * tokens (the `refresh-revokes-old` variant revokes the renewed one). A token that is not live is 2402.
 */
export function refreshCloudToken(
  params: unknown,
  current: string | undefined,
  appKey: string,
  appProjectId: string,
  tokens: TokenBook,
  revokeOld: boolean,
): ApiOutcome {
  const object = readParams(params);
  if (object.error) return { error: object.error };
  const res = readString(object.value, 'res');
  if (res.error) return { error: res.error };
  if (res.value !== appProjectId) return { error: 'requestAuthorizedError' };
  if (!current?.trim()) return { error: 'iotTokenBlank' };
  const renewed = tokens.refreshCloud(appKey, current, revokeOld);
  return renewed ? { message: 'success', data: renewed } : { error: 'iotTokenInvalid' };
}
