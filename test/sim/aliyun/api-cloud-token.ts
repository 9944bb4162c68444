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
