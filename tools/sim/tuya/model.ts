import { createPrng, type Prng } from '../common/prng.ts';
import { generatePeople, type SimPerson } from '../common/people.ts';

/** A channel (entrance or exit) the test wants; everything left out is generated. */
export interface TuyaChannelSpec {
  id?: string;
  name: string;
  /** The access control device's name (`businessDeviceName` / `accessControlName`). */
  deviceName?: string;
  positionPath?: string;
  roomId?: string;
  /** Device online (default true). Issues to an offline device fail every record. */
  online?: boolean;
  /** Every person may pass this channel (default: only the first channel admits everyone, others about 60%). */
  everyone?: boolean;
}

/**
 * A channel as `GET /v1.0/iot-02/building/access-control-channels` lists it. Field names follow Tuya's public
 * "access control channel" page (that call is not in the vendor document of this task). The channel number
 * is a number: the real sample answer of the permission query shows `"access_control_channel_no": 1`,
 * although the descriptions type it String.
 */
export interface SimChannel {
  projectId: string;
  accessControlId: string;
  accessControlChannelId: string;
  accessControlChannelName: string;
  accessControlName: string;
  accessControlChannelNo: number;
  roomId: string;
  positionPath: string;
  deviceId: string;
  deviceName: string;
  /** 0 offline, 1 online. */
  deviceStatus: 0 | 1;
  deviceSn: string;
  ipAddress: string;
  deviceMac: string;
  cid: string;
}

/** An organisation (structure) of the project. */
export interface SimStructure {
  id: string;
  name: string;
}

/** A person of the project, derived from a {@link SimPerson} (personCode = identityId, the work number). */
export interface TuyaPerson {
  personId: string;
  source: SimPerson;
  name: string;
  sex: 1 | 2;
  mobileCountry: string;
  /** The full number; answers show it masked. */
  mobile: string;
  personCode: string;
  structure: SimStructure;
  cardCount: number;
  faceCount: number;
  fingerprintCount: number;
}

/** Issue state of one credential kind on the channel's device: 0 to be sent, 1 already sent. */
export type IssueFlag = 0 | 1;

/** One permission: a person may pass a channel. */
export interface AccessAuth {
  accessAuthId: string;
  person: TuyaPerson;
  channel: SimChannel;
  authStartTime: number;
  authEndTime: number;
  authCreateTime: number;
  issued: { card: IssueFlag; face: IssueFlag; fingerprint: IssueFlag };
}

/** The simulated project. */
export interface SiteModel {
  projectId: string;
  channels: SimChannel[];
  structures: SimStructure[];
  persons: TuyaPerson[];
  auths: AccessAuth[];
}

/** `authEndTime` of a permanent permission (2050-12-31 23:59:59 +08:00), as in the vendor's sample answer. */
export const PERMANENT_END_TIME = 2556115199000;

const DAY = 24 * 3600 * 1000;
const CHANNEL_NAMES = ['Main Entrance', 'Car Park Gate', 'Lobby Turnstile', 'Lab Door', 'Dormitory 102', 'Rear Exit'];
const STRUCTURE_NAMES = ['Headquarters', 'Engineering', 'Operations', 'Visitors'];

/** A 19-digit id shaped like Tuya's snowflake ids ("1567699430642122..."). */
export function snowflakeId(prng: Prng): string {
  let digits = '15';
  while (digits.length < 19) digits += String(prng.int(0, 9));
  return digits;
}

/** How answers show a mobile number: "182****2940". */
export function maskMobile(mobile: string): string {
  return mobile.length < 8 ? mobile : `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

function buildChannel(spec: TuyaChannelSpec, index: number, projectId: string, prng: Prng): SimChannel {
  const deviceName = spec.deviceName ?? `Face terminal ${index + 1}`;
  return {
    projectId,
    accessControlId: snowflakeId(prng),
    accessControlChannelId: spec.id ?? snowflakeId(prng),
    accessControlChannelName: spec.name,
    accessControlName: deviceName,
    accessControlChannelNo: 1,
    roomId: spec.roomId ?? snowflakeId(prng),
    positionPath: spec.positionPath ?? `Building A-Floor ${(index % 5) + 1}`,
    deviceId: `vdevo${String(prng.int(100_000_000, 999_999_999))}`,
    deviceName,
    deviceStatus: spec.online === false ? 0 : 1,
    deviceSn: `SN${String(prng.int(10_000_000, 99_999_999))}`,
    ipAddress: `192.168.10.${10 + index}`,
    deviceMac: Array.from({ length: 6 }, () => prng.int(0, 255).toString(16).padStart(2, '0')).join(':'),
    cid: String(prng.int(100_000, 999_999)),
  };
}

function buildPerson(source: SimPerson, structures: SimStructure[], prng: Prng): TuyaPerson {
  return {
    personId: snowflakeId(prng),
    source,
    name: source.name,
    sex: prng.next() < 0.5 ? 1 : 2,
    mobileCountry: '+86',
    mobile: `1${prng.pick(['3', '5', '8', '9'])}${String(prng.int(100_000_000, 999_999_999))}`,
    personCode: source.identityId,
    structure: prng.pick(structures),
    cardCount: 1,
    faceCount: source.faceCount,
    fingerprintCount: prng.int(0, 1),
  };
}

/** End of validity: most permanent, some expired, some ending within 1 to 40 days of `now`. */
function drawEndTime(prng: Prng, now: number): number {
  const r = prng.next();
  if (r < 0.65) return PERMANENT_END_TIME;
  if (r < 0.75) return now - prng.int(1, 30) * DAY;
  return now + prng.int(1, 40) * DAY - 3600 * 1000;
}

/**
 * Builds a deterministic project from the seed: channels, structures, people (the shared population) and
 * their permissions. The first channel admits everyone, each other channel about 60% of the people. About
 * half of the permissions start out already sent to the devices, the rest to be sent.
 */
export function buildSite(options: {
  seed: number | string;
  now: number;
  projectId?: string;
  channels?: number | TuyaChannelSpec[];
  people?: SimPerson[];
}): SiteModel {
  const prng = createPrng(`tuya-site:${String(options.seed)}`);
  const projectId = options.projectId ?? snowflakeId(prng);
  const specs: TuyaChannelSpec[] = Array.isArray(options.channels)
    ? options.channels
    : Array.from({ length: options.channels ?? 3 }, (_, i) => ({
        name: CHANNEL_NAMES[i % CHANNEL_NAMES.length] + (i >= CHANNEL_NAMES.length ? ` ${i + 1}` : ''),
      }));
  const channels = specs.map((spec, i) => buildChannel(spec, i, projectId, prng));
  const structures = STRUCTURE_NAMES.map((name) => ({ id: snowflakeId(prng), name }));
  const persons = (options.people ?? generatePeople(options.seed, 40)).map((p) => buildPerson(p, structures, prng));
  const auths: AccessAuth[] = [];
  for (const person of persons) {
    const authStartTime = options.now - prng.int(30, 365) * DAY;
    const authEndTime = drawEndTime(prng, options.now);
    channels.forEach((channel, index) => {
      if (index > 0 && specs[index]?.everyone !== true && prng.next() >= 0.6) return;
      const sent: IssueFlag = prng.next() < 0.5 ? 1 : 0;
      auths.push({
        accessAuthId: snowflakeId(prng),
        person,
        channel,
        authStartTime,
        authEndTime,
        authCreateTime: authStartTime,
        issued: {
          card: sent,
          face: person.faceCount > 0 ? sent : 0,
          fingerprint: person.fingerprintCount > 0 ? sent : 0,
        },
      });
    });
  }
  return { projectId, channels, structures, persons, auths };
}
