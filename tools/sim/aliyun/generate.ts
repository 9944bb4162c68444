import { generatePeople, type SimPerson } from '../common/people.ts';
import { createPrng, type Prng } from '../common/prng.ts';
import type { AliyunDeviceSpec, AliyunSpaceSpec, AliyunUserRef, AliyunUserType } from './state.ts';

/** A generated site: the spaces and devices of the project (and of one neighbouring project), and users. */
export interface AliyunWorld {
  people: SimPerson[];
  spaces: AliyunSpaceSpec[];
  devices: AliyunDeviceSpec[];
  users: AliyunUserRef[];
  /** A project that exists on the platform but is not the simulator's: its scopes are forbidden. */
  neighbourProjectId: string;
}

/** How many people a generated site has. */
export const GENERATED_PEOPLE = 30;

/** The user type under which a generated person's face was registered (most use IDENTITY). */
export function enrolledUserType(person: SimPerson): AliyunUserType {
  return (['IDENTITY', 'IDENTITY', 'OPEN', 'PHONE', 'YUNDUN'] as const)[person.index % 5] ?? 'IDENTITY';
}

/**
 * The ids a person has in each user system of the platform: IDENTITY is the unified identity id (32 hex
 * digits, derived from the person's link_id), OPEN an OA openId, YUNDUN a custom user id, PHONE a mobile
 * number (11 digits starting with 1).
 */
export function aliyunUserIds(person: SimPerson): Record<AliyunUserType, string> {
  return {
    IDENTITY: person.linkId.replace(/-/g, ''),
    OPEN: `oa_${person.identityId}`,
    YUNDUN: `yd${person.identityId}`,
    PHONE: `139${String(person.index).padStart(8, '0')}`,
  };
}

/** The reference under which a generated person's face is registered. */
export function enrolledRef(person: SimPerson): AliyunUserRef {
  const userType = enrolledUserType(person);
  return { userType, userId: aliyunUserIds(person)[userType] };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function text(prng: Prng, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[prng.int(0, alphabet.length - 1)];
  return out;
}

/** An IoT platform device id: 20 letters and digits followed by "000100", as the platform issues them. */
function iotId(prng: Prng): string {
  return `${text(prng, 20, ALNUM)}000100`;
}

/**
 * Generates a site deterministically from `seed`: three spaces with two face devices each in `projectId`,
 * one device bound to no space, and one space with two devices in a neighbouring project. Each person's face
 * is on every device of one or two spaces of the project; every sixth person is also on the neighbour's.
 */
export function generateAliyunWorld(seed: number | string, projectId: string): AliyunWorld {
  const prng = createPrng(`aliyun-world:${seed}`);
  const people = generatePeople(`aliyun:${seed}`, GENERATED_PEOPLE);
  const neighbourProjectId = `a124${text(prng, 12, ALNUM)}`;
  const spaces: AliyunSpaceSpec[] = [0, 1, 2].map(() => ({ spaceId: text(prng, 32, '0123456789abcdef'), projectId }));
  const neighbourSpace: AliyunSpaceSpec = {
    spaceId: text(prng, 32, '0123456789abcdef'),
    projectId: neighbourProjectId,
  };
  const devices: AliyunDeviceSpec[] = [];
  for (const space of [...spaces, neighbourSpace]) {
    for (let i = 0; i < 2; i++) devices.push({ iotId: iotId(prng), spaceId: space.spaceId, permissions: [] });
  }
  const unbound: AliyunDeviceSpec = { iotId: iotId(prng), projectId, permissions: [] };
  devices.push(unbound);
  const onSpace = (spaceId: string, ref: AliyunUserRef): void => {
    for (const device of devices) if (device.spaceId === spaceId) device.permissions?.push(ref);
  };
  for (const person of people) {
    const ref = enrolledRef(person);
    const home = spaces[person.index % 3];
    if (home) onSpace(home.spaceId, ref);
    const second = spaces[(person.index + 1) % 3];
    if (person.index % 4 === 0 && second) onSpace(second.spaceId, ref);
    if (person.index % 6 === 0) onSpace(neighbourSpace.spaceId, ref);
    if (person.index % 5 === 0) unbound.permissions?.push(ref);
  }
  const users = people.flatMap((person) =>
    Object.entries(aliyunUserIds(person)).map(([userType, userId]) => ({
      userType: userType as AliyunUserType,
      userId,
    })),
  );
  return { people, spaces: [...spaces, neighbourSpace], devices, users, neighbourProjectId };
}
