import { parseArgs } from 'node:util';
import { startAliyunGateway } from '../aliyun/index.ts';
import { generatePeople } from '../common/people.ts';
import { createPrng } from '../common/prng.ts';
import { startTuyaCloud } from '../tuya/index.ts';
import { serveControl } from './control.ts';
import type { AliyunPermission } from '../aliyun/state.ts';
import type { AliyunCatalogue, CloudInfo, CloudName } from './clouds.ts';

/** Deterministic credentials of the simulated clouds for a site seed (printed by `npm run sim`). */
function cloudCredentials(seed: string): { tuya: Record<string, string>; aliyun: Record<string, string> } {
  const prng = createPrng(`${seed}/clouds`);
  const chars = (alphabet: string, length: number): string =>
    Array.from({ length }, () => alphabet[prng.int(0, alphabet.length - 1)]).join('');
  const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const hex = '0123456789abcdef';
  return {
    tuya: { clientId: chars(lower, 20), clientSecret: chars(hex, 32) },
    aliyun: {
      appKey: chars('0123456789', 8),
      appSecret: chars(lower, 32),
      projectId: `a1${chars(lower, 14)}`,
      iotToken: chars(hex, 32),
    },
  };
}

/**
 * The simulated clouds as one process: `node tools/sim/site/cloud-main.ts --seed S --population-seed P
 * --population N`, started with an IPC channel (inside the laptop namespace by the site harness).
 * Both listen on 127.0.0.1; `ready` carries their origins and credentials; ops `setOnline` ({name,
 * online}) and `stop`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: 'site' },
      'population-seed': { type: 'string', default: 'site/people' },
      population: { type: 'string', default: '40' },
    },
    strict: true,
  });
  const credentials = cloudCredentials(values.seed);
  const people = generatePeople(values['population-seed'], Number(values.population));
  const tuya = await startTuyaCloud({
    seed: `${values.seed}/tuya`,
    people,
    clientId: credentials.tuya.clientId as string,
    clientSecret: credentials.tuya.clientSecret as string,
  });
  const aliyun = await startAliyunGateway({
    seed: `${values.seed}/aliyun`,
    appKey: credentials.aliyun.appKey as string,
    appSecret: credentials.aliyun.appSecret as string,
    projectId: credentials.aliyun.projectId as string,
    iotTokens: [credentials.aliyun.iotToken as string],
  });
  const clouds = { tuya, aliyun };
  const stop = async (): Promise<void> => {
    await Promise.all([tuya.close(), aliyun.close()]);
  };
  const sendReady = serveControl(
    {
      setOnline: async (args) => {
        const { name, online } = args as { name: CloudName; online: boolean };
        const cloud = clouds[name];
        if (!cloud) throw new Error(`There is no cloud "${String(name)}" (tuya or aliyun).`);
        await cloud.setOnline(online);
      },
      stop,
    },
    () => void stop().finally(() => process.exit(0)),
  );
  process.on('SIGTERM', () => void stop().finally(() => process.exit(0)));
  sendReady([
    { name: 'tuya', origin: tuya.origin, credentials: { ...credentials.tuya, projectId: tuya.projectId } },
    {
      name: 'aliyun',
      origin: aliyun.origin,
      credentials: credentials.aliyun,
      catalogue: catalogueOf(aliyun.permissions()),
    },
  ] satisfies CloudInfo[]);
}

/** The spaces, devices and a few users of the simulated Alibaba platform, from its permissions. */
function catalogueOf(permissions: readonly AliyunPermission[]): AliyunCatalogue {
  const spaces = new Map<string, Set<string>>();
  const unbound = new Set<string>();
  for (const p of permissions) {
    if (p.spaceId === null) unbound.add(p.iotId);
    else spaces.set(p.spaceId, (spaces.get(p.spaceId) ?? new Set()).add(p.iotId));
  }
  return {
    spaces: [...spaces].map(([spaceId, iotIds]) => ({ spaceId, iotIds: [...iotIds].sort() })),
    unboundDevices: [...unbound].sort(),
    sampleUsers: [...new Set(permissions.map((p) => `${p.userType}:${p.userId}`))].slice(0, 3),
  };
}

main().catch((error: unknown) => {
  console.error(`clouds could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
