import { FAULT_KINDS, type FaultKind } from '../common/knobs.ts';
import type { CloudName, SiteClouds } from './clouds.ts';
import { auditSite } from './site-audit.ts';
import type { Site } from './site.ts';

/** What the interactive commands of `sim` and `demo` act on. */
export interface CommandTarget {
  site: Site;
  clouds?: SiteClouds;
  /** The app's database file (the demo's host), for `audit`; absent in `sim`. */
  appDatabase?: string;
}

/** The help text of the interactive commands. */
export const COMMAND_HELP = [
  'Commands (type them here, then Enter):',
  '  cut N | restore N            take terminal N off the LAN / put it back',
  '  cloud tuya|aliyun offline|online',
  '  fault N KIND [COUNT]         make terminal N answer with a fault (http500, busy, timeout, drop, ...)',
  '  latency N MS                 add MS milliseconds to every answer of terminal N',
  '  clear N                      remove faults and latency of terminal N',
  '  stats N | log N              people/faces of terminal N / its last requests',
  '  audit                        (demo) check every removal the app reported against what the terminals hold',
  '  help | quit                  (Ctrl-C quits too)',
].join('\n');

/**
 * Runs one command line against the site; resolves with the text to print, or `quit`. Bad input
 * answers with a one-line explanation, never throws.
 */
export async function runCommand(line: string, target: CommandTarget): Promise<string | 'quit'> {
  const [verb = '', ...rest] = line.trim().split(/\s+/);
  const terminal = (text: string | undefined): number => {
    const index = Number(text);
    if (!Number.isInteger(index) || !target.site.terminals[index]) {
      throw new Error(`"${text ?? ''}" is not a terminal number (0 to ${target.site.terminals.length - 1}).`);
    }
    return index;
  };
  try {
    switch (verb.toLowerCase()) {
      case '':
        return '';
      case 'help':
        return COMMAND_HELP;
      case 'quit':
      case 'exit':
        return 'quit';
      case 'cut':
        await target.site.cut(terminal(rest[0]));
        return `Terminal ${rest[0]} is off the LAN.`;
      case 'restore':
        await target.site.restore(terminal(rest[0]));
        return `Terminal ${rest[0]} is back on the LAN.`;
      case 'cloud': {
        const [name, state] = rest;
        if (!target.clouds) return 'No clouds are running.';
        if ((name !== 'tuya' && name !== 'aliyun') || (state !== 'offline' && state !== 'online')) {
          return 'Usage: cloud tuya|aliyun offline|online';
        }
        await target.clouds.setOnline(name as CloudName, state === 'online');
        return `Cloud ${name} is ${state}.`;
      }
      case 'fault': {
        const control = target.site.terminals[terminal(rest[0])]?.control;
        if (!FAULT_KINDS.includes(rest[1] as FaultKind)) return `Fault kinds: ${FAULT_KINDS.join(', ')}.`;
        const count = rest[2] === undefined ? undefined : Number(rest[2]);
        await control?.setKnobs({ faults: [{ kind: rest[1] as FaultKind, ...(count ? { count } : {}) }] });
        return `Terminal ${rest[0]} now answers with ${rest[1]}${count ? ` (${count} times)` : ''}.`;
      }
      case 'latency':
        await target.site.terminals[terminal(rest[0])]?.control.setKnobs({ latencyMs: Number(rest[1]) || 0 });
        return `Terminal ${rest[0]} answers after ${Number(rest[1]) || 0} ms.`;
      case 'clear':
        await target.site.terminals[terminal(rest[0])]?.control.setKnobs({ faults: [], latencyMs: 0 });
        return `Terminal ${rest[0]} behaves normally.`;
      case 'audit': {
        if (!target.appDatabase) return 'audit needs the app: it runs in the demo.';
        const audit = await auditSite(target.appDatabase, target.site.terminals);
        const head = `Audit: ${audit.checked} items reported removed or already absent checked against the terminals, ${audit.falseOutcomes.length} false.`;
        return [head, ...audit.falseOutcomes.slice(0, 20)].join('\n');
      }
      case 'stats':
        return JSON.stringify(await target.site.terminals[terminal(rest[0])]?.control.stats());
      case 'log': {
        const page = await target.site.terminals[terminal(rest[0])]?.control.log({ limit: 1000 });
        const last = (page?.entries ?? []).slice(-20);
        return (
          last.map((e) => `${e.seq} ${e.method} ${e.path} → ${e.status}${e.fault ? ` (${e.fault})` : ''}`).join('\n') ||
          '(no requests yet)'
        );
      }
      default:
        return `Unknown command "${verb}". Type help.`;
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
