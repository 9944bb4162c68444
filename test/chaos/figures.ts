import type { LoggedRequest } from '../../tools/sim/common/request-log.ts';
import { deleteRequests } from '../support/removal/test-kit.ts';
import type { AppRun } from './app-process.ts';
import type { ChaosSite } from './site.ts';
import type { Violation } from './violation.ts';

/** What one simulator saw. */
export interface SimFigures {
  requests: number;
  /** Delete requests (terminals, Alibaba) or issue calls (Tuya). */
  writes: number;
  /** Requests an injected fault answered (or swallowed). */
  faultHits: number;
  /** Ids acknowledged as removed (terminals, Alibaba) or tasks started (Tuya). */
  applied: number;
  /** The log dropped its oldest entries (the check then sees only the newest). */
  logTruncated: boolean;
}

/** The figures of a chaos run (printed, and written to RELIABILITY.md). */
export interface ChaosReport {
  seed: string;
  minutes: number;
  restartsPerMinute: number;
  startedAt: string;
  chaosMs: number;
  settleMs: number;
  appRuns: number;
  runsByKind: Record<string, { runs: number; killed: number; exit0: number; exit1: number; other: number }>;
  kills: number;
  /** Kills of a process that ran past the per-process cap (also kill -9). */
  killsOvertime: number;
  /** App processes started right after a kill (the restart: resume or sync). */
  restarts: number;
  jobsCreated: Record<string, number>;
  items: number;
  outcomes: Record<string, number>;
  journalRequests: Record<string, number>;
  sims: Record<string, SimFigures>;
  faultsInjected: Record<string, number>;
  faultsRestored: number;
  settleRounds: number;
  settled: boolean;
  violations: Violation[];
}

const hits = (log: LoggedRequest[]): number => log.filter((e) => e.fault !== undefined).length;
const truncated = (log: LoggedRequest[]): boolean => (log[0]?.seq ?? 1) > 1;

/** Requests, writes, fault hits and applied operations per simulator. */
export function simFigures(site: ChaosSite): Record<string, SimFigures> {
  const out: Record<string, SimFigures> = {};
  for (const t of site.terminals) {
    const log = t.device.log.all();
    const deletes = deleteRequests(t.device);
    out[t.serial] = {
      requests: log.length,
      writes: deletes.length,
      faultHits: hits(log),
      applied: deletes.reduce((n, r) => n + (r.acknowledged?.length ?? 0), 0),
      logTruncated: truncated(log),
    };
  }
  const tuya = site.tuya.log.all();
  out.tuya = {
    requests: tuya.length,
    writes: tuya.filter((e) => e.path.includes('/access-auth-issue/actions/')).length,
    faultHits: hits(tuya),
    applied: site.tuya.tasks().length,
    logTruncated: truncated(tuya),
  };
  const aliyun = site.aliyun.log.all();
  const deletes = aliyun.filter((e) => e.path.endsWith('/permission/delete'));
  out.aliyun = {
    requests: aliyun.length,
    writes: deletes.length,
    faultHits: hits(aliyun),
    applied: deletes.reduce((n, r) => n + (r.acknowledged?.length ?? 0), 0),
    logTruncated: truncated(aliyun),
  };
  return out;
}

/** App processes by kind: how many, killed, exit 0, exit 1, other. */
export function runsByKind(runs: readonly AppRun[]): ChaosReport['runsByKind'] {
  const out: ChaosReport['runsByKind'] = {};
  for (const run of runs) {
    const row = (out[run.kind] ??= { runs: 0, killed: 0, exit0: 0, exit1: 0, other: 0 });
    row.runs += 1;
    if (run.killedAt !== undefined) row.killed += 1;
    else if (run.code === 0) row.exit0 += 1;
    else if (run.code === 1) row.exit1 += 1;
    else row.other += 1;
  }
  return out;
}

const list = (record: Record<string, number>): string =>
  Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** The report as text lines. */
export function formatReport(r: ChaosReport): string[] {
  const lines = [
    `Chaos run, seed "${r.seed}", ${r.minutes} min (${Math.round(r.chaosMs / 1000)} s of chaos, ${Math.round(r.settleMs / 1000)} s to settle), started ${r.startedAt}`,
    `App processes: ${r.appRuns}; kill -9: ${r.kills} (${r.killsOvertime} past the time cap); restarts after a kill: ${r.restarts}`,
  ];
  for (const [kind, k] of Object.entries(r.runsByKind)) {
    lines.push(
      `  ${kind}: ${k.runs} runs, ${k.killed} killed, exit 0: ${k.exit0}, exit 1: ${k.exit1}, other: ${k.other}`,
    );
  }
  lines.push(`Jobs created: ${list(r.jobsCreated)}; items (operations): ${r.items}`);
  lines.push(`Outcomes: ${list(r.outcomes)}`);
  lines.push(`Journaled requests: ${list(r.journalRequests)}`);
  lines.push('Simulators (requests, writes, fault hits, applied):');
  for (const [name, s] of Object.entries(r.sims)) {
    const cut = s.logTruncated ? ' (log truncated)' : '';
    lines.push(`  ${name}: ${s.requests}, ${s.writes}, ${s.faultHits}, ${s.applied}${cut}`);
  }
  lines.push(`Faults injected: ${list(r.faultsInjected)}; undone when due: ${r.faultsRestored}`);
  lines.push(`Settled: ${r.settled ? 'yes' : 'NO'} after ${r.settleRounds} round(s)`);
  lines.push(`Invariant violations: ${r.violations.length}`);
  for (const v of r.violations.slice(0, 50)) lines.push(`  [${v.invariant}] ${v.detail}`);
  if (r.violations.length > 50) lines.push(`  ... and ${r.violations.length - 50} more`);
  return lines;
}
