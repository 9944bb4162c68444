import type { CloudName, CloudTestResult } from '../../../shared/domain/cloud.ts';
import type { StatusService } from '../status/status-service.ts';
import { PERMISSION_DELETE_API_VER, PERMISSION_DELETE_PATH } from './aliyun/permission-delete.ts';
import type { CloudConfigService } from './cloud-config.ts';
import { cloudError, isUnreachable, toCloudError } from './cloud-errors.ts';
import { listChannels } from './tuya/api.ts';

/** What a connection test needs. */
export interface CloudTestDeps {
  config: CloudConfigService;
  status: StatusService;
  now?: () => number;
}

/** What a test checked: the English detail, and its message code with parameters (words in the UI). */
type Checked = Pick<CloudTestResult, 'detail' | 'messageCode' | 'params'>;

async function testTuya(config: CloudConfigService): Promise<Checked> {
  const { client, projectId } = await config.tuya();
  await client.token();
  // One channel of the project: proves the project id and that the building APIs are authorised.
  const page = await listChannels(client, { projectId, page: 1, pageSize: 1 });
  const channels = page.total ?? page.items.length;
  return {
    detail: `Token granted; project ${projectId} answers with ${channels} entrance/exit channel(s).`,
    messageCode: 'cloud-test.tuya',
    params: { projectId, channels },
  };
}

async function testAliyun(config: CloudConfigService): Promise<Checked> {
  const { client, settings } = await config.aliyun();
  // A delete of nobody proves the signature and the token (an empty list is refused as a parameter error after
  // both were accepted) and removes nothing. Also with the project token: it may be one another process of this
  // data directory issued (shared), so getting one proves nothing by itself.
  const params = { userType: settings.userType, userIdList: [], scopeType: 'IOT_ID', scopeIdList: [] };
  const answer = await client.call(PERMISSION_DELETE_PATH, PERMISSION_DELETE_API_VER, params);
  if (answer.meaning.auth || answer.meaning.renewToken) {
    throw cloudError('aliyun', 'auth', answer.meaning.message, { rawCode: String(answer.code) });
  }
  if (settings.auth === 'project') {
    return {
      detail: `Signature and project token accepted for project ${settings.projectId}.`,
      messageCode: 'cloud-test.aliyun-project',
      params: { projectId: settings.projectId },
    };
  }
  return { detail: 'Signature and user token (iotToken) accepted.', messageCode: 'cloud-test.aliyun-user', params: {} };
}

/**
 * Tests a cloud account end to end (credentials, clock, project) and records the cloud's reachability for the
 * status bar: reachable when it answered (even with a refusal), unreachable when it did not. Answers what was
 * checked, or throws a cloud error (details.source/kind) whose message says what happened and what to do.
 */
export async function testCloudConnection(deps: CloudTestDeps, cloud: CloudName): Promise<CloudTestResult> {
  const now = deps.now ?? Date.now;
  const started = now();
  try {
    const checked = cloud === 'tuya' ? await testTuya(deps.config) : await testAliyun(deps.config);
    deps.status.setCloudReachability(cloud, 'reachable');
    return { cloud, ok: true, latencyMs: Math.max(0, Math.round(now() - started)), ...checked };
  } catch (error) {
    const mapped = toCloudError(error, cloud);
    const kind = (mapped.details as { kind?: string } | undefined)?.kind;
    if (isUnreachable(mapped, cloud)) deps.status.setCloudReachability(cloud, 'unreachable');
    else if (kind !== 'not-configured' && kind !== 'invalid') deps.status.setCloudReachability(cloud, 'reachable');
    throw mapped;
  }
}
