import { readJournal, type JournalSnapshot } from './app-db.ts';
import type { LoggedRequest } from '../../tools/sim/common/request-log.ts';
import type { AppLauncher, AppRun } from './app-process.ts';
import { checkFinalOutcomes, checkIntegrity, checkNothingLost, type AcceptedJob } from './invariants-app.ts';
import { checkAliyunLog, checkTerminalLogs, checkTuyaTasks } from './invariants-targets.ts';
import type { ChaosSite } from './site.ts';
import { auditOutcomes } from '../audit/ground-truth.ts';
import type { SimDevice } from '../../tools/sim/common/device.ts';
import type { Violation } from './violation.ts';

/** An Alibaba answer counts as received by the app unless its process died within this long after it. */
export const ALIYUN_GRACE_MS = 3000;

/**
 * Whether a logged answer reached an app process that lived on to journal it: a clean success (no fault: a
 * dribbled body may have been given up on), answering the process that was running when the request ARRIVED
 * (`receivedAt`; the process running when it was logged may be the next one), which was still alive
 * `graceMs` after the answer.
 */
export function answerReachedApp(
  entry: LoggedRequest,
  runAt: (at: number) => AppRun | undefined,
  graceMs = ALIYUN_GRACE_MS,
): boolean {
  if (entry.status !== 200 || entry.fault !== undefined) return false;
  const sender = runAt(entry.receivedAt ?? entry.at);
  if (!sender) return false;
  if (sender.killedAt !== undefined) return sender.killedAt - entry.at > graceMs;
  return sender.endedAt === undefined || sender.endedAt >= entry.at;
}

/**
 * Invariant 5, the ground-truth audit: no terminal item reported removed or already absent is still held by
 * its simulated terminal (read from the simulator's store, not its API). Terminals are matched by port.
 */
export function checkGroundTruth(
  site: Pick<ChaosSite, 'terminals'>,
  journal: Pick<JournalSnapshot, 'reported'>,
): Violation[] {
  const byPort = new Map(site.terminals.map((t) => [t.port, t.device]));
  const devices = new Map<string, SimDevice>();
  for (const item of journal.reported) {
    const device = item.port === null ? undefined : byPort.get(item.port);
    if (device) devices.set(item.terminal, device);
  }
  return auditOutcomes(journal.reported, devices).map((found) => ({ invariant: 'ground-truth', detail: found.detail }));
}

/** Reads the journal (no app process may run) and checks the five invariants against it and the simulators. */
export function checkInvariants(
  site: ChaosSite,
  launcher: AppLauncher,
  accepted: readonly AcceptedJob[],
  expectedByLabel: ReadonlyMap<string, number>,
): { journal: JournalSnapshot; violations: Violation[] } {
  const journal = readJournal(site.dataDir);
  const violations = [
    ...checkFinalOutcomes(journal.items, journal.jobs),
    ...checkTerminalLogs(site.terminals),
    ...checkAliyunLog(site.aliyun.log.all(), (entry) => answerReachedApp(entry, (at) => launcher.runAt(at))),
    ...checkTuyaTasks(site.tuya.tasks(), journal.adopted),
    ...checkNothingLost(accepted, expectedByLabel, journal.jobs, journal.items),
    ...checkIntegrity(journal.integrity),
    ...checkGroundTruth(site, journal),
  ];
  return { journal, violations };
}
