/**
 * TEST-ONLY: the simulated site of the offline-visit acceptance test (issue 7) — three terminals (Sophon and
 * BAS-IP), the Tuya and Alibaba clouds, all on 127.0.0.1 — and readers of their request logs that say what each
 * target applied, and how often.
 */
import { startAliyunGateway, type AliyunGatewaySim } from '../../tools/sim/aliyun/index.ts';
import type { BasipDevice } from '../../tools/sim/basip/index.ts';
import Papa from 'papaparse';
import type { SimDevice } from '../../tools/sim/common/device.ts';
import { generatePeople, type SimPerson } from '../../tools/sim/common/people.ts';
import type { LoggedRequest } from '../../tools/sim/common/request-log.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { deleteRequests, startTerminal, type SimTerminal } from '../support/removal/test-kit.ts';

/** The Tuya client the simulator knows. */
export const TUYA_CLIENT = { id: 'visitclient00000001', secret: 'visitsecret000000000000000000001' };
/** The Alibaba app and project the simulator knows. */
export const ALIYUN_APP = { key: 'visit-app', secret: 'visit-app-secret', project: 'visit-project' };
/** The Alibaba face devices the removal names (`--scope iot:...`). */
export const ALIYUN_DEVICES = ['gate-north', 'gate-south'] as const;

/** The simulated site of one visit. */
export interface VisitSite {
  /** Everyone the terminals and the Alibaba devices hold. */
  people: SimPerson[];
  /** The people the visit removes. */
  removed: SimPerson[];
  /** People who stay: nothing may touch them. */
  kept: SimPerson[];
  terminals: SimTerminal[];
  tuya: TuyaCloudSim;
  aliyun: AliyunGatewaySim;
  /** The two Tuya channels the visit pushes (a third one is left alone). */
  pushedChannels: string[];
  close(): Promise<void>;
}

/** Starts the site: `removedCount` people to remove plus `keptCount` who stay, on every terminal and device. */
export async function startVisitSite(removedCount: number, keptCount: number): Promise<VisitSite> {
  const people = generatePeople('offline-visit', removedCount + keptCount);
  const terminals = [
    await startTerminal('sophon', 'SPH-VISIT-1', people),
    await startTerminal('basip', 'BAS-VISIT-2', people),
    await startTerminal('sophon', 'SPH-VISIT-3', people),
  ];
  const tuya = await startTuyaCloud({
    clientId: TUYA_CLIENT.id,
    clientSecret: TUYA_CLIENT.secret,
    seed: 'offline-visit',
    people: people.slice(0, 30),
    channels: [{ name: 'Main Entrance' }, { name: 'Car Park Gate' }, { name: 'Loading Bay' }],
    // A task takes about 3 s, so a sync killed soon after the issue calls leaves the push being followed.
    taskStepMs: 1000,
    recordsPerStep: 10,
    recordFailureRate: 0,
  });
  const users = people.map((p) => ({ userType: 'IDENTITY' as const, userId: p.identityId }));
  const aliyun = await startAliyunGateway({
    appKey: ALIYUN_APP.key,
    appSecret: ALIYUN_APP.secret,
    projectId: ALIYUN_APP.project,
    seed: 'offline-visit',
    devices: ALIYUN_DEVICES.map((iotId) => ({ iotId, permissions: users })),
    users,
  });
  return {
    people,
    removed: people.slice(0, removedCount),
    kept: people.slice(removedCount),
    terminals,
    tuya,
    aliyun,
    pushedChannels: tuya
      .channels()
      .slice(0, 2)
      .map((c) => c.accessControlChannelId),
    async close() {
      for (const t of terminals) await t.cutOff();
      await tuya.close();
      await aliyun.close();
    },
  };
}

/** Takes every terminal and both clouds off the network (connections refused), or brings them back. */
export async function setSiteOnline(site: VisitSite, online: boolean): Promise<void> {
  for (const t of site.terminals) await (online ? t.bringBack() : t.cutOff());
  await site.tuya.setOnline(online);
  await site.aliyun.setOnline(online);
}

/** Alibaba delete requests the gateway answered with success, each with its scopes and the users it removed. */
export function aliyunSuccessfulDeletes(aliyun: AliyunGatewaySim): { scopes: string[]; users: string[] }[] {
  return aliyun.log
    .matching('/face/paas/permission/delete')
    .filter((r) => r.status === 200 && (r.acknowledged?.length ?? 0) > 0)
    .map((r) => {
      const params = (r.body as { params?: { scopeIdList?: string[] } } | null)?.params;
      return { scopes: params?.scopeIdList ?? [], users: r.acknowledged ?? [] };
    });
}

/** How many times each `scope/user` pair was deleted with success (a pair deleted twice counts 2). */
export function aliyunDeletionCounts(aliyun: AliyunGatewaySim): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { scopes, users } of aliyunSuccessfulDeletes(aliyun)) {
    for (const scope of scopes)
      for (const user of users) counts.set(`${scope}/${user}`, (counts.get(`${scope}/${user}`) ?? 0) + 1);
  }
  return counts;
}

/** The users every Alibaba delete request carried, answered or not. */
export function aliyunUsersSent(aliyun: AliyunGatewaySim): string[] {
  return aliyun.log.matching('/face/paas/permission/delete').flatMap((r) => {
    const params = (r.body as { params?: { userIdList?: string[] } } | null)?.params;
    return params?.userIdList ?? [];
  });
}

/** The Tuya issue calls (full or increment) the cloud received, one channel list each. */
export function tuyaIssueCalls(tuya: TuyaCloudSim): LoggedRequest[] {
  return tuya.log.matching('/access-auth-issue/actions/').filter((r) => r.method === 'POST');
}

/** The channel ids of a Tuya issue call. */
export function issuedChannels(request: LoggedRequest): string[] {
  return (request.body as { channelIds?: string[] } | null)?.channelIds ?? [];
}

/** The link ids of the identifiers a BAS-IP panel holds now. */
export function linkIdsHeld(panel: SimTerminal): string[] {
  return (panel.device as BasipDevice).identifiers().flatMap((i) => (i.link_id ? [i.link_id.toLowerCase()] : []));
}

/** The ids a terminal acknowledged as removed, over every delete request (an id acknowledged twice is twice). */
export function acknowledgedIds(device: SimDevice): string[] {
  return deleteRequests(device).flatMap((r) => (r.acknowledged ?? []).map((id) => id.toLowerCase()));
}

/** One row of the CSV report (the columns the acceptance test reads). */
export interface ReportRow {
  record: string;
  operation_id: string;
  source: string;
  target: string;
  subject: string;
  state: string;
  outcome: string;
  queued_at: string;
  synced_at: string;
}

/** Parses the CSV report (papaparse): its parse errors, the terminals it lists, its operation rows. */
export function readCsvReport(text: string): { errors: unknown[]; terminals: string[]; operations: ReportRow[] } {
  const parsed = Papa.parse<ReportRow>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  return {
    errors: parsed.errors,
    terminals: parsed.data.filter((row) => row.record === 'terminal').map((row) => row.target),
    operations: parsed.data.filter((row) => row.record === 'operation'),
  };
}
