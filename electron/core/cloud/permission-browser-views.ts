import type {
  CredentialIssue,
  IssueState,
  PermissionFilter,
  PermissionRow,
  ValidityFilter,
} from '../../../shared/domain/permission-browser.ts';
import type { CertificatePolicyName } from '../../../shared/domain/permissions.ts';
import type { AccessAuthFilter } from './tuya/access-auth.ts';
import type { TuyaAccessAuth } from './tuya/api.ts';

/**
 * The one place where the permission query's vendor numbers become the browser's words and back: issue status
 * 1 "already sent" / 0 "to be sent" (anything else: unconfirmed, never sent), `authDateType` 0/-1/7/15/30.
 */

/** The browser's issue state of a vendor issue status. */
export function issueStateOf(status: number | null): IssueState {
  if (status === 1) return 'sent';
  if (status === 0) return 'to-be-sent';
  return 'unconfirmed';
}

/** One credential kind of a permission. */
export function credentialOf(status: number | null, total: number | null, allowed: number | null): CredentialIssue {
  const valid = (n: number | null): number | null => (n !== null && n >= 0 ? n : null);
  return { state: issueStateOf(status), total: valid(total), allowed: valid(allowed) };
}

const VALIDITY: Record<ValidityFilter, 0 | -1 | 7 | 15 | 30> = {
  permanent: 0,
  expired: -1,
  'within-7-days': 7,
  'within-15-days': 15,
  'within-30-days': 30,
};

const ISSUE = { sent: 1, 'to-be-sent': 0 } as const;

/** The vendor query of the browser's filters. */
export function queryOf(projectId: string, filter: PermissionFilter): AccessAuthFilter {
  return {
    projectId,
    ...(filter.name ? { name: filter.name } : {}),
    ...(filter.mobile ? { mobile: filter.mobile } : {}),
    ...(filter.personCode ? { personCode: filter.personCode } : {}),
    ...(filter.organisationId ? { structureId: filter.organisationId } : {}),
    ...(filter.validity ? { authDateType: VALIDITY[filter.validity] } : {}),
    ...(filter.channelIds && filter.channelIds.length > 0 ? { channelIds: filter.channelIds } : {}),
    ...(filter.channelName ? { accessControlChannelName: filter.channelName } : {}),
    ...(filter.deviceName ? { businessDeviceName: filter.deviceName } : {}),
    ...(filter.face ? { faceIssueStatus: ISSUE[filter.face] } : {}),
    ...(filter.card ? { cardIssueStatus: ISSUE[filter.card] } : {}),
    ...(filter.fingerprint ? { fingerprintIssueStatus: ISSUE[filter.fingerprint] } : {}),
  };
}

/** A permission of the query as a browser row. */
export function rowOf(auth: TuyaAccessAuth): PermissionRow {
  return {
    accessAuthId: auth.accessAuthId,
    personId: auth.personId,
    name: auth.name,
    personCode: auth.personCode,
    mobile: auth.mobile,
    organisationIds: auth.structureIds,
    channelId: auth.accessControlChannelId,
    channelName: auth.accessControlChannelName,
    deviceName: auth.businessDeviceName,
    positionPath: auth.accessChannelPositionPath,
    validFrom: auth.authStartTime,
    validUntil: auth.authEndTime,
    face: credentialOf(auth.faceIssueStatus, auth.totalFaceNum, auth.authFaceNum),
    card: credentialOf(auth.cardIssueStatus, auth.totalCardNum, auth.authCardNum),
    fingerprint: credentialOf(auth.fingerprintIssueStatus, auth.totalFingerprintNum, auth.authFingerprintNum),
  };
}

/**
 * Whether a permission still waits for a credential the policy sends: its card, or (policies with a face) its
 * face when the person has one or the cloud does not say. Not confirmed sent counts as waiting (fail safe: an
 * increment of a channel where everything was sent starts a task with no records and harms nothing).
 */
export function waitsForPush(row: PermissionRow, certificate: CertificatePolicyName): boolean {
  if (row.card.state !== 'sent') return true;
  const face = certificate === 'card+face' || certificate === 'card+password+face';
  return face && row.face.state !== 'sent' && row.face.total !== 0;
}
