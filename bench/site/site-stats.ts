import { readdirSync, readFileSync } from 'node:fs';
import { NETNS_ENV } from '../../tools/sim/site/netns.ts';
import type { Site } from '../../tools/sim/site/site.ts';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux Node supports). */
const TICKS_PER_SECOND = 100;

/**
 * The pids of a namespace-mode site's terminal processes (a light site's one group process): those whose environment names one of the site's
 * terminal namespaces (the harness sets FCOM_SIM_NETNS on everything it starts in a namespace), so
 * another site running on the same machine is never counted. Empty in loopback mode.
 */
export function terminalPids(site: Site): number[] {
  const namespaces = new Set(site.terminals.flatMap((t) => (t.namespace ? [`${NETNS_ENV}=${t.namespace}`] : [])));
  if (namespaces.size === 0) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('terminal-main.ts') && !cmdline.includes('group-main.ts')) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.some((v) => namespaces.has(v))) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

/** User + system CPU time the processes have used so far, in ms (ended processes count as 0). */
export function cpuMsOf(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Ended.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Proportional set size of the processes together, in MB: shared pages (Node's code) are split between
 * the processes sharing them, so the sum is what they really take from the machine.
 */
export function pssMbOf(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Ended.
    }
  }
  return kb / 1024;
}

/** UDP counters of the laptop's namespace (`/proc/net/snmp`, read by `cat` started inside it). */
export async function laptopUdpCounters(site: Site): Promise<Record<string, number>> {
  const child = site.runInLaptop('cat', ['/proc/net/snmp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await new Promise((resolve) => child.once('close', resolve));
  const [names, values] = text.split('\n').filter((line) => line.startsWith('Udp: '));
  const keys = names?.split(/\s+/).slice(1) ?? [];
  const numbers = values?.split(/\s+/).slice(1).map(Number) ?? [];
  return Object.fromEntries(keys.map((key, i) => [key, numbers[i] ?? 0]));
}
