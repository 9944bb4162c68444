import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAliyunGateway, type AliyunGatewaySim, type AliyunUserRef } from '../../tools/sim/aliyun/index.ts';
import type { Knobs } from '../../tools/sim/common/knobs.ts';
import { generatePeople, type SimPerson } from '../../tools/sim/common/people.ts';
import { startTuyaCloud, type TuyaCloudSim } from '../../tools/sim/tuya/index.ts';
import { startTerminal, type SimTerminal } from '../support/removal/test-kit.ts';

/** The Tuya client of the chaos site (the only one its simulator knows). */
export const TUYA_CLIENT = { id: 'chaosclient00000001', secret: 'chaossecret0000000000000000000001' };
/** The Alibaba Cloud app of the chaos site. */
export const ALIYUN_APP = { key: 'chaos-app', secret: 'chaos-app-secret', project: 'chaos-project' };

/** The simulated site of a chaos run: terminals and both clouds, all on 127.0.0.1, served by this process. */
export interface ChaosSite {
  terminals: SimTerminal[];
  tuya: TuyaCloudSim;
  aliyun: AliyunGatewaySim;
  /** The Alibaba Cloud devices (IOT_IDs) holding every cloud user's face. */
  aliyunDevices: string[];
  /** People every terminal holds (removal jobs take disjoint slices of them). */
  people: SimPerson[];
  /** Alibaba Cloud user ids (removal jobs take disjoint slices of them). */
  cloudUsers: string[];
  /** The app's data directory (FCOM_DATA_DIR of every app process). */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Firmware variants of the first terminals (knobs.ts, FIRMWARE_VARIANTS), so the ground-truth invariant is
 * checked against the answers real firmware gives, not only the documented ones: Sophon 1 refuses whole
 * batches with ID_NOT_FOUND, BAS-IP 2 answers link deletes with `link_id: null` and lists without totals,
 * Sophon 3 caps list pages at 13 without saying so.
 */
const CHAOS_VARIANTS: Partial<Knobs>[] = [
  { variants: ['batch-not-found'] },
  { variants: ['link-id-null', 'no-totals'] },
  { pageCap: 13 },
];

/** How big the site is. */
export interface SiteSize {
  terminals: number;
  people: number;
  cloudUsers: number;
  aliyunDevices: number;
  tuyaChannels: number;
}

/** Starts the terminals (half Sophon, half BAS-IP) and both clouds on 127.0.0.1 ports. */
export async function startChaosSite(seed: string, size: SiteSize): Promise<ChaosSite> {
  const people = generatePeople(`${seed}/people`, size.people);
  const terminals: SimTerminal[] = [];
  for (let i = 0; i < size.terminals; i++) {
    const kind = i % 2 === 0 ? 'sophon' : 'basip';
    terminals.push(await startTerminal(kind, `CHAOS-${kind.toUpperCase()}-${i + 1}`, people, CHAOS_VARIANTS[i] ?? {}));
  }
  const tuya = await startTuyaCloud({
    clientId: TUYA_CLIENT.id,
    clientSecret: TUYA_CLIENT.secret,
    seed: `${seed}/tuya`,
    people: generatePeople(`${seed}/tuya-people`, 30),
    channels: Array.from({ length: size.tuyaChannels }, (_, i) => ({ name: `Gate ${i + 1}` })),
    taskStepMs: 100,
    recordsPerStep: 15,
    recordFailureRate: 0.05,
  });
  const cloudUsers = Array.from({ length: size.cloudUsers }, (_, i) => `u${String(i + 1).padStart(6, '0')}`);
  const refs: AliyunUserRef[] = cloudUsers.map((userId) => ({ userType: 'IDENTITY', userId }));
  const aliyunDevices = Array.from({ length: size.aliyunDevices }, (_, i) => `chaos-dev-${i + 1}`);
  const aliyun = await startAliyunGateway({
    appKey: ALIYUN_APP.key,
    appSecret: ALIYUN_APP.secret,
    projectId: ALIYUN_APP.project,
    seed: `${seed}/aliyun`,
    devices: aliyunDevices.map((iotId) => ({ iotId, permissions: refs })),
    users: refs,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-chaos-'));
  return {
    terminals,
    tuya,
    aliyun,
    aliyunDevices,
    people,
    cloudUsers,
    dataDir,
    async close() {
      for (const t of terminals) await t.cutOff();
      await tuya.close();
      await aliyun.close();
    },
  };
}
