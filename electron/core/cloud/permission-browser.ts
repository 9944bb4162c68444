import {
  BrowseRequestSchema,
  type BrowseRequest,
  type PermissionPage,
  type PersonPermissions,
  type RepushPerson,
  type RepushPersonRequest,
  RepushPersonRequestSchema,
} from '../../../shared/domain/permission-browser.ts';
import type { StatusService } from '../status/status-service.ts';
import type { CloudConfigService } from './cloud-config.ts';
import { cloudError, isUnreachable, toCloudError } from './cloud-errors.ts';
import type { PushService } from './jobs/push-service.ts';
import { credentialOf, queryOf, rowOf, waitsForPush } from './permission-browser-views.ts';
import { getAccessAuthDetail, readAccessAuthWindow, readAllAccessAuth } from './tuya/access-auth.ts';
import type { TuyaClient } from './tuya/client.ts';

/** What the permissions browser needs. */
export interface PermissionBrowserDeps {
  config: CloudConfigService;
  status: StatusService;
  /** Re-pushes go through the push jobs, so they are journaled and followed like any push. */
  push: Pick<PushService, 'push'>;
  now?: () => number;
}

/**
 * The permissions browser (issue 20): pages of the Tuya permission query with its filters, one person's
 * permissions, and a re-push of what is still to be sent on a person's channels (an increment push job). Every
 * answer is read from the cloud when asked; nothing is cached, so the browser shows the cloud's word of now.
 */
export function createPermissionBrowser(deps: PermissionBrowserDeps) {
  const now = deps.now ?? Date.now;

  /** Runs reads against the configured project; marks the cloud reachable or not, maps failures. */
  const withCloud = async <T>(read: (client: TuyaClient, projectId: string) => Promise<T>): Promise<T> => {
    const { client, projectId } = await deps.config.tuya();
    try {
      const value = await read(client, projectId);
      deps.status.setCloudReachability('tuya', 'reachable');
      return value;
    } catch (error) {
      if (isUnreachable(error, 'tuya')) deps.status.setCloudReachability('tuya', 'unreachable');
      throw toCloudError(error, 'tuya');
    }
  };

  const person = (accessAuthId: string): Promise<PersonPermissions> =>
    withCloud(async (client, projectId) => {
      const detail = await getAccessAuthDetail(client, projectId, accessAuthId);
      // The query has no person-id filter: narrow by work number (or name), then keep this person's rows only.
      const narrow = detail.personCode ? { personCode: detail.personCode } : detail.name ? { name: detail.name } : {};
      const read = await readAllAccessAuth(client, { projectId, ...narrow });
      const permissions = read.items.filter((a) => a.personId === detail.personId).map(rowOf);
      return {
        accessAuthId,
        personId: detail.personId,
        name: detail.name,
        personCode: detail.personCode,
        mobile: detail.mobile,
        sex: detail.sexStr,
        organisations: detail.structureNames,
        source: detail.authSourceStr ?? detail.authSource,
        createdAt: detail.authCreateTime,
        opened: {
          channelName: detail.accessControlChannelName,
          deviceName: detail.businessDeviceName,
          positionPath: detail.accessChannelPositionPath,
          validFrom: detail.authStartTime,
          validUntil: detail.authEndTime,
          face: credentialOf(detail.faceIssueStatus, detail.totalFaceNum, detail.authFaceNum),
          card: credentialOf(detail.cardIssueStatus, detail.totalCardNum, detail.authCardNum),
          fingerprint: credentialOf(
            detail.fingerprintIssueStatus,
            detail.totalFingerprintNum,
            detail.authFingerprintNum,
          ),
        },
        permissions,
        complete: read.complete,
      };
    });

  return {
    /** One page of the permissions matching the filters. */
    async browse(request: BrowseRequest): Promise<PermissionPage> {
      const { page, pageSize, ...filter } = BrowseRequestSchema.parse(request);
      return withCloud(async (client, projectId) => {
        const read = await readAccessAuthWindow(client, queryOf(projectId, filter), (page - 1) * pageSize, pageSize);
        return { rows: read.items.map(rowOf), page, pageSize, total: read.total, complete: read.complete };
      });
    },

    /** The person of a permission, its detail, and every permission of that person. */
    person,

    /**
     * Pushes again, incrementally, the person's unexpired channels where a credential of the policy is not
     * confirmed sent. The cloud's increment works per channel: it sends what waits there for anyone, this person
     * included. Refused when the person's permissions could not be read to the end (the channels would be a guess).
     */
    async repushPerson(request: RepushPersonRequest): Promise<RepushPerson> {
      const { accessAuthId, certificate } = RepushPersonRequestSchema.parse(request);
      const found = await person(accessAuthId);
      if (!found.complete) {
        throw cloudError(
          'tuya',
          'bad-response',
          'The Tuya cloud stopped listing this person’s permissions before the total it stated, so their channels are not known for sure. Nothing was pushed; try again.',
        );
      }
      const at = now();
      const channelIds = [
        ...new Set(
          found.permissions
            .filter((row) => row.channelId !== null && (row.validUntil === null || row.validUntil >= at))
            .filter((row) => waitsForPush(row, certificate))
            .map((row) => row.channelId as string),
        ),
      ];
      if (channelIds.length === 0) return { jobId: null, personId: found.personId, channelIds };
      const who = found.name ?? found.personCode ?? found.personId;
      const started = await deps.push.push({
        channelIds,
        mode: 'increment',
        certificate,
        label: `Re-push of ${who}`.slice(0, 300),
      });
      return { jobId: started.jobId, personId: found.personId, channelIds };
    },
  };
}

/** The permissions browser service. */
export type PermissionBrowser = ReturnType<typeof createPermissionBrowser>;
