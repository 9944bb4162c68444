import { createSocket, type Socket } from 'node:dgram';
import { Bonjour, type ServiceConfig } from 'bonjour-service';
import type { SimDeviceInfo } from '../common/device.ts';
import { instanceName, SERVICE_TYPE } from './advertise.ts';
import { createIsolatedBonjour } from './mdns.ts';
import type { Advertiser } from './terminal-runtime.ts';

/** A DNS resource record as multicast-dns takes and gives it. */
interface MdnsRecord {
  name: string;
  type: string;
  ttl: number;
  data: unknown;
}

/** The multicast-dns instance inside a bonjour-service object (a private field there). */
interface MulticastDns {
  on(event: 'query', listener: (packet: { questions: { name: string; type: string }[] }) => void): void;
  respond(packet: { answers: MdnsRecord[]; additionals?: MdnsRecord[] }, callback?: (error?: Error) => void): void;
}

const mdnsOf = (bonjour: Bonjour): MulticastDns =>
  (bonjour as unknown as { server: { mdns: MulticastDns } }).server.mdns;

/** The mDNS group and port. */
const MDNS_PORT = 5353;

/** bonjour-service's re-announcement schedule: at once, then after 3 s, 9 s more, … (×3 each time, capped at 1 h). */
const FIRST_REANNOUNCE_MS = 3_000;
const REANNOUNCE_FACTOR = 3;
const REANNOUNCE_MAX_MS = 60 * 60 * 1000;

/** One mDNS responder answering for many terminals of one process (see {@link startGroupResponder}). */
export interface GroupResponder {
  /** Advertises one terminal from its own address (an {@link Advertiser}). */
  advertise: Advertiser;
  /** Sends every remaining goodbye and closes every socket. */
  stop(): Promise<void>;
}

/**
 * The records one terminal advertises, as bonjour-service's `publish` builds them for advertise.ts (PTR of
 * the type, the service-types PTR, SRV, TXT, and one A record: the terminal's own address).
 */
export function terminalRecords(info: SimDeviceInfo, address: string, port: number): MdnsRecord[] {
  const type = `_${SERVICE_TYPE}._tcp.local`;
  const fqdn = `${instanceName(info)}.${type}`;
  const host = `${info.vendor}-${info.serial.toLowerCase()}.local`;
  const txt = { vendor: info.vendor, model: info.model, serial: info.serial, firmware: info.firmware };
  return [
    { name: type, type: 'PTR', ttl: 28800, data: fqdn },
    { name: fqdn, type: 'SRV', ttl: 120, data: { port, target: host } },
    { name: fqdn, type: 'TXT', ttl: 4500, data: Object.entries(txt).map(([k, v]) => Buffer.from(`${k}=${v}`)) },
    { name: '_services._dns-sd._udp.local', type: 'PTR', ttl: 120, data: type },
    { name: host, type: 'A', ttl: 120, data: address },
  ];
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Records of `records` a question names (bonjour-service's `recordsFor`: a one-label question matches the first label). */
function recordsFor(records: readonly MdnsRecord[], name: string, type: string): MdnsRecord[] {
  return records.filter(
    (r) => (type === 'ANY' || r.type === type) && sameName(name.includes('.') ? r.name : r.name.split('.')[0]!, name),
  );
}

/**
 * The answer bonjour-service's responder gives to one question from one terminal's records, or null when
 * it has nothing to say: the matching records, and for a PTR answer its SRV, TXT and the SRV target's A.
 */
export function answerFor(
  records: readonly MdnsRecord[],
  question: { name: string; type: string },
): { answers: MdnsRecord[]; additionals: MdnsRecord[] } | null {
  const answers = recordsFor(records, question.name, question.type);
  if (answers.length === 0) return null;
  if (question.type === 'ANY') return { answers, additionals: [] };
  const additionals = answers
    .filter((a) => a.type === 'PTR')
    .flatMap((a) => [...recordsFor(records, String(a.data), 'SRV'), ...recordsFor(records, String(a.data), 'TXT')]);
  const targets = [
    ...new Set(additionals.filter((r) => r.type === 'SRV').map((r) => (r.data as { target: string }).target)),
  ];
  return { answers, additionals: [...additionals, ...targets.flatMap((t) => recordsFor(records, t, 'A'))] };
}

/** A socket that sends from `address`, port 5353, and receives nothing (a socket bound to a unicast address gets no multicast). */
function senderSocket(address: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    socket.once('error', reject);
    socket.bind(MDNS_PORT, address, () => {
      socket.off('error', reject);
      socket.setMulticastInterface(address);
      socket.setMulticastTTL(255);
      // Its own group's other terminals need not hear it: the laptop is on another namespace.
      socket.setMulticastLoopback(false);
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

/**
 * mDNS for the many terminals of a light site's group process, in one namespace where every terminal has its
 * own address on one interface: one socket joins the group (on the interface holding `listenAddress`) and
 * decodes each query once; each terminal answers it, as bonjour-service's responder does (at once, one
 * packet per question), from a socket bound to its own address, so answers come from the terminal's address
 * like the one-process site's. Announcements follow bonjour-service's schedule; stopping sends goodbyes
 * (TTL 0). Not modelled: the probing queries a terminal sends before its first announcement. Refuses to run
 * outside a harness namespace (mdns.ts).
 */
export function startGroupResponder(listenAddress: string): GroupResponder {
  const listener = createIsolatedBonjour(listenAddress);
  const terminals = new Set<{ records: MdnsRecord[]; mdns: MulticastDns }>();
  const closers: Array<() => Promise<void>> = [];
  mdnsOf(listener).on('query', (packet) => {
    // Each terminal answers in a turn of its own, so its packet leaves at once, as from a device of its own,
    // rather than after every other terminal's answer was built.
    for (const terminal of terminals) {
      setImmediate(() => {
        for (const question of packet.questions) {
          const answer = answerFor(terminal.records, question);
          if (answer && terminals.has(terminal)) terminal.mdns.respond(answer);
        }
      });
    }
  });

  const advertise: Advertiser = async (info, address, port) => {
    const socket = await senderSocket(address);
    // multicast-dns over our socket: no bind (done above), no group membership (it only sends).
    const options = { socket, bind: false, multicast: false } as unknown as Partial<ServiceConfig>;
    const sender = new Bonjour(options, () => undefined);
    const records = terminalRecords(info, address, port);
    const terminal = { records, mdns: mdnsOf(sender) };
    let timer: NodeJS.Timeout | undefined;
    let delay = FIRST_REANNOUNCE_MS;
    const announce = (then?: () => void): void =>
      terminal.mdns.respond({ answers: records }, () => {
        then?.();
        if (delay >= REANNOUNCE_MAX_MS) return;
        timer = setTimeout(() => announce(), delay).unref();
        delay *= REANNOUNCE_FACTOR;
      });
    await new Promise<void>((resolve) => announce(resolve));
    terminals.add(terminal);
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopped ??= new Promise<void>((resolve) => {
        clearTimeout(timer);
        terminals.delete(terminal);
        const goodbye = records.map((r) => ({ ...r, ttl: 0 }));
        terminal.mdns.respond({ answers: goodbye }, () => sender.destroy(() => resolve()));
      }));
    closers.push(stop);
    return { name: instanceName(info), stop };
  };

  return {
    advertise,
    stop: async () => {
      await Promise.all(closers.map((close) => close()));
      await new Promise<void>((resolve) => listener.destroy(() => resolve()));
    },
  };
}
