import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { AppTarget } from '../../../shared/domain/app-info.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Database } from '../db/database.ts';

/** How often a process renews the leases of the jobs it runs (ms). */
export const LEASE_HEARTBEAT_MS = 5_000;

/** How long a lease is honoured after its holder's last heartbeat (ms): then a crash is assumed and it is taken over. */
export const LEASE_STALE_MS = 30_000;

/** Who holds a job's lease, for the message another process shows. */
export interface LeaseHolder {
  jobId: string;
  target: AppTarget;
  pid: number;
  host: string;
  heartbeatAt: number;
}

/** Options of {@link createJobLeases}. */
export interface JobLeaseOptions {
  db: Database;
  /** Which shell this process is (named in the refusal another process shows). */
  target: AppTarget;
  /** Wall clock shared by the processes (default Date.now). */
  now?: () => number;
  heartbeatMs?: number;
  staleMs?: number;
}

/**
 * One process runs a job at a time (issue 21): the engines take a job's lease before they run it in this process,
 * renew it while it runs, and give it back when the run ends or the process closes. A lease whose holder stopped
 * renewing it (a crash, a power cut) is taken over after {@link LEASE_STALE_MS}.
 */
export interface JobLeases {
  /** Takes (or renews) the lease of `jobId` for this process; CONFLICT (`details.reason: 'job-owned'`) when another holds it. */
  acquire(jobId: string): void;
  /** Like {@link acquire}, answering false instead of throwing (background work skips such jobs). */
  tryAcquire(jobId: string): boolean;
  /** Gives the lease back (nothing when this process does not hold it). */
  release(jobId: string): void;
  /** The live holder of `jobId`'s lease when it is another process, else undefined. */
  otherHolder(jobId: string): LeaseHolder | undefined;
  /** Registers what says whether a job still runs here; a lease no registered check claims is given back. */
  watch(running: (jobId: string) => boolean): void;
  /** Gives back every lease of this process and stops renewing. */
  close(): void;
}

/** The sentence naming a shell for a person. */
function shellName(target: string): string {
  if (target === 'cli') return 'fcom (the command line)';
  if (target === 'host') return 'the browser host (npm run web)';
  return 'the desktop app';
}

/** CONFLICT: the job runs in another process; says which and what to do. */
export function jobOwnedError(holder: LeaseHolder, staleMs: number = LEASE_STALE_MS): AppError {
  return new AppError(
    'CONFLICT',
    `Job ${holder.jobId} is being run by ${shellName(holder.target)} (process ${holder.pid} on ${holder.host}); a job runs in one place at a time. ` +
      `Follow it there, or stop that process and try again (if it crashed, its claim lapses ${Math.round(staleMs / 1000)} s after its last sign of life).`,
    { reason: 'job-owned', ...holder },
  );
}

interface LeaseRow {
  job_id: string;
  owner: string;
  target: string;
  pid: number;
  host: string;
  machine: string;
  heartbeat_at: number;
}

/**
 * This machine and PID namespace ("host|pid:[4026531836]" on Linux): a holder with the same value is a process
 * whose pid this process can check; another value (another laptop, a container) is only ever judged by its
 * heartbeat.
 */
function machineId(): string {
  let namespace = '';
  try {
    namespace = readlinkSync('/proc/self/ns/pid');
  } catch {
    // Not Linux: the host name alone (no PID namespaces to confuse).
  }
  return `${hostname()}|${namespace}`;
}

/** Whether process `pid` of this machine is alive (EPERM: alive, someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the {@link JobLeases} of this process (a random owner id: two cores in one process are two owners). */
export function createJobLeases(options: JobLeaseOptions): JobLeases {
  const { db } = options;
  const now = options.now ?? Date.now;
  const staleMs = options.staleMs ?? LEASE_STALE_MS;
  const owner = randomUUID();
  const host = hostname();
  const machine = machineId();
  const held = new Set<string>();
  const checks: ((jobId: string) => boolean)[] = [];

  const upsert = db.sqlite.prepare(`
    INSERT INTO job_leases (job_id, owner, target, pid, host, machine, acquired_at, heartbeat_at)
    VALUES (:job, :owner, :target, :pid, :host, :machine, :now, :now)
    ON CONFLICT (job_id) DO UPDATE SET
      acquired_at = CASE WHEN job_leases.owner = excluded.owner THEN job_leases.acquired_at ELSE excluded.acquired_at END,
      owner = excluded.owner, target = excluded.target, pid = excluded.pid, host = excluded.host,
      machine = excluded.machine, heartbeat_at = excluded.heartbeat_at
    WHERE job_leases.owner = excluded.owner OR job_leases.heartbeat_at < :staleBefore OR job_leases.owner = :dead
  `);
  const select = db.sqlite.prepare('SELECT * FROM job_leases WHERE job_id = ?');
  const remove = db.sqlite.prepare('DELETE FROM job_leases WHERE job_id = ? AND owner = ?');
  const renew = db.sqlite.prepare('UPDATE job_leases SET heartbeat_at = ? WHERE job_id = ? AND owner = ?');

  /** The owner id of a live-looking lease whose holder is a dead process of this machine (a kill -9), if any. */
  const deadOwner = (jobId: string): string => {
    const row = select.get(jobId) as LeaseRow | undefined;
    if (!row || row.owner === owner || row.machine !== machine || alive(row.pid)) return '';
    return row.owner;
  };

  const otherHolder = (jobId: string): LeaseHolder | undefined => {
    const row = select.get(jobId) as LeaseRow | undefined;
    if (!row || row.owner === owner || row.heartbeat_at < now() - staleMs) return undefined;
    if (row.machine === machine && !alive(row.pid)) return undefined;
    return { jobId, target: row.target as AppTarget, pid: row.pid, host: row.host, heartbeatAt: row.heartbeat_at };
  };

  const tryAcquire = (jobId: string): boolean => {
    const at = now();
    const { changes } = upsert.run({
      job: jobId,
      owner,
      target: options.target,
      pid: process.pid,
      host,
      machine,
      now: at,
      staleBefore: at - staleMs,
      // Compared in the same statement: the takeover happens only if that dead holder still holds it.
      dead: deadOwner(jobId),
    });
    if (Number(changes) > 0) held.add(jobId);
    return Number(changes) > 0;
  };

  const release = (jobId: string): void => {
    if (!held.delete(jobId)) return;
    try {
      remove.run(jobId, owner);
    } catch {
      // A storage fault: the lease lapses by itself after the stale time.
    }
  };

  const beat = (): void => {
    for (const jobId of [...held]) {
      if (checks.length > 0 && !checks.some((running) => running(jobId))) {
        release(jobId);
        continue;
      }
      try {
        const { changes } = renew.run(now(), jobId, owner);
        // Taken over (this process was frozen past the stale time): it is no longer ours.
        if (Number(changes) === 0) held.delete(jobId);
      } catch {
        // A busy or full disk: try again at the next beat; the lease holds for the stale time.
      }
    }
  };
  const timer = setInterval(beat, options.heartbeatMs ?? LEASE_HEARTBEAT_MS);
  timer.unref();

  return {
    acquire(jobId) {
      if (tryAcquire(jobId)) return;
      const holder = otherHolder(jobId);
      // Released between the two statements: take it now.
      if (!holder && tryAcquire(jobId)) return;
      throw jobOwnedError(
        holder ?? { jobId, target: options.target, pid: 0, host: 'unknown', heartbeatAt: now() },
        staleMs,
      );
    },
    tryAcquire,
    release,
    otherHolder,
    watch: (running) => void checks.push(running),
    close() {
      clearInterval(timer);
      for (const jobId of [...held]) release(jobId);
    },
  };
}
