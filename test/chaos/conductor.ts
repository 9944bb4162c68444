import { rmSync } from 'node:fs';
import { createPrng } from '../../tools/sim/common/prng.ts';
import { acceptedJobs, jobOf } from './accepted.ts';
import { AppLauncher } from './app-process.ts';
import type { ChaosOptions } from './args.ts';
import { checkInvariants } from './checks.ts';
import { FaultInjector } from './faults.ts';
import { runsByKind, simFigures, type ChaosReport } from './figures.ts';
import type { AcceptedJob } from './invariants-app.ts';
import { startKillTimer } from './kill-timer.ts';
import { openWork } from './open-jobs.ts';
import { settle } from './settle.ts';
import { CHAOS_REQUEST_TIMEOUT_MS, configureApp } from './setup.ts';
import { startChaosSite, type ChaosSite } from './site.ts';
import { Workload } from './workload.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Injects a random fault every 0.3 to 1.7 s until `until`. */
async function faultLoop(faults: FaultInjector, seed: string, until: number, log: (l: string) => void): Promise<void> {
  const prng = createPrng(`${seed}/fault-timing`);
  while (Date.now() < until) {
    await faults.tick();
    log(`fault: ${await faults.injectOne()}`);
    await sleep(prng.int(300, 1700));
  }
}

/**
 * Runs app commands one after the other until `until`; after a kill, the next one is the restart. Returns the jobs
 * the app announced and how many restarts there were.
 */
async function workLoop(
  site: ChaosSite,
  launcher: AppLauncher,
  workload: Workload,
  until: number,
  log: (line: string) => void,
): Promise<{ accepted: AcceptedJob[]; restarts: number }> {
  const accepted: AcceptedJob[] = [];
  let restarts = 0;
  let afterKill: { jobId: string | undefined } | undefined;
  while (Date.now() < until) {
    const command = workload.next(afterKill, openWork(site.dataDir).jobs);
    if (afterKill) restarts += 1;
    const run = await launcher.run(command.kind, command.args);
    accepted.push(...acceptedJobs(run));
    afterKill = run.killedAt === undefined ? undefined : { jobId: jobOf(run) };
    const end = run.killedAt === undefined ? `exit ${run.code}` : 'killed';
    log(`app process ${run.n} ${command.args.join(' ')} → ${end}`);
  }
  // The first settling process restarts the app after a last kill.
  if (afterKill) restarts += 1;
  return { accepted, restarts };
}

/**
 * A chaos run: the simulated site and clouds under random faults while app processes run jobs of every kind and
 * are killed with SIGKILL at random moments and restarted; then every fault is undone, the work is settled, and
 * the invariants are checked. `log` gets one line per notable event.
 */
export async function runChaos(options: ChaosOptions, log: (line: string) => void = () => {}): Promise<ChaosReport> {
  const startedAt = new Date();
  const site = await startChaosSite(options.seed, {
    terminals: options.terminals,
    people: Math.max(200, Math.ceil(options.minutes * 260)),
    cloudUsers: Math.max(100, Math.ceil(options.minutes * 120)),
    aliyunDevices: 3,
    tuyaChannels: 4,
  });
  const env = { ...process.env, FCOM_DATA_DIR: site.dataDir, FCOM_SECRET_KEY: 'chaos-passphrase', FCOM_MDNS: 'off' };
  const launcher = new AppLauncher(env);
  try {
    await configureApp(site, launcher);
    const faults = new FaultInjector(site, createPrng(`${options.seed}/faults`), CHAOS_REQUEST_TIMEOUT_MS + 1500);
    const workload = new Workload(site, createPrng(`${options.seed}/work`), site.dataDir);
    const chaosStart = Date.now();
    const until = chaosStart + options.minutes * 60_000;
    const killer = startKillTimer(launcher, createPrng(`${options.seed}/kills`), options.restartsPerMinute, until, log);
    const faulting = faultLoop(faults, options.seed, until, log);
    let work: Awaited<ReturnType<typeof workLoop>>;
    try {
      work = await workLoop(site, launcher, workload, until, log);
    } finally {
      await faulting;
    }
    const chaosMs = Date.now() - chaosStart;
    await faults.restoreAll();
    const settled = await settle(launcher, site.dataDir, log);
    killer.stop();

    const { journal, violations } = checkInvariants(site, launcher, work.accepted, workload.expectedByLabel);
    const jobsCreated: Record<string, number> = {};
    for (const job of journal.jobs) jobsCreated[job.kind] = (jobsCreated[job.kind] ?? 0) + 1;
    return {
      seed: options.seed,
      minutes: options.minutes,
      restartsPerMinute: options.restartsPerMinute,
      startedAt: startedAt.toISOString(),
      chaosMs,
      settleMs: settled.ms,
      appRuns: launcher.runs.length,
      runsByKind: runsByKind(launcher.runs),
      kills: killer.counts.kills,
      killsOvertime: killer.counts.overtime,
      restarts: work.restarts,
      jobsCreated,
      items: journal.items.length,
      outcomes: journal.outcomes,
      journalRequests: journal.requests,
      sims: simFigures(site),
      faultsInjected: { ...faults.injected },
      faultsRestored: faults.restored,
      settleRounds: settled.rounds,
      settled: settled.settled,
      violations,
    };
  } finally {
    await site.close();
    if (!options.keep) rmSync(site.dataDir, { recursive: true, force: true });
    else log(`data directory kept: ${site.dataDir}`);
  }
}
