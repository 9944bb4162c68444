import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { createJobLeases, LEASE_STALE_MS, type JobLeases } from './job-leases.ts';

describe('job leases: one process runs a job', () => {
  let dir = '';
  let dbs: Database[] = [];
  let leases: JobLeases[] = [];
  let clock = 1_000_000;
  const open = (target: 'host' | 'cli'): JobLeases => {
    const db = openDatabase(join(dir, 'fcom.sqlite'));
    dbs.push(db);
    const lease = createJobLeases({ db, target, now: () => clock, heartbeatMs: 60_000 });
    leases.push(lease);
    return lease;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-lease-'));
    clock = 1_000_000;
  });
  afterEach(() => {
    for (const l of leases) l.close();
    for (const db of dbs) db.close();
    dbs = [];
    leases = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process with who holds the job, and lets it in once the first gives it back', () => {
    const host = open('host');
    const cli = open('cli');
    host.acquire('job-1');
    host.acquire('job-1'); // renewing one's own lease is fine
    const error = (() => {
      try {
        cli.acquire('job-1');
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'job-owned', jobId: 'job-1', target: 'host', pid: process.pid },
    });
    expect((error as AppError).message).toMatch(/being run by the browser host .*stop that process and try again/);
    expect(cli.tryAcquire('job-1')).toBe(false);
    expect(cli.otherHolder('job-1')).toMatchObject({ target: 'host' });
    cli.acquire('job-2'); // other jobs are free
    host.release('job-1');
    expect(cli.tryAcquire('job-1')).toBe(true);
    expect(host.tryAcquire('job-1')).toBe(false);
  });

  it('takes over a lease whose holder stopped renewing it (a crash), not one still renewed', () => {
    const crashed = open('cli');
    const host = open('host');
    crashed.acquire('job-1');
    clock += LEASE_STALE_MS - 1;
    expect(host.tryAcquire('job-1')).toBe(false);
    clock += 2;
    expect(host.tryAcquire('job-1')).toBe(true);
    expect(host.otherHolder('job-1')).toBeUndefined();
    expect(crashed.otherHolder('job-1')).toMatchObject({ target: 'host' });
  });

  it('takes over at once the lease of a process of this machine that died (kill -9), not of a live one', async () => {
    const node =
      Number(process.versions.node.split('.')[0]) >= 24
        ? process.execPath
        : resolve(import.meta.dirname, '../../../node_modules/node/bin/node');
    open('host'); // creates the schema before the child opens the file
    const child = spawn(node, [
      resolve(import.meta.dirname, '../../../test/support/jobs/lease-holder.fixture.ts'),
      join(dir, 'fcom.sqlite'),
      'job-9',
    ]);
    await new Promise<void>((done, fail) => {
      child.stdout.once('data', () => done());
      child.once('exit', (code) => fail(new Error(`the lease holder exited with ${code}`)));
    });
    clock = Date.now();
    const host = open('host');
    expect(host.tryAcquire('job-9')).toBe(false);
    expect(host.otherHolder('job-9')).toMatchObject({ target: 'cli', pid: child.pid });
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    expect(host.otherHolder('job-9')).toBeUndefined();
    expect(host.tryAcquire('job-9')).toBe(true);
  }, 30_000);

  it('gives back, at close, every lease it holds', () => {
    const first = open('cli');
    const second = open('host');
    first.acquire('a');
    first.acquire('b');
    first.close();
    expect(second.tryAcquire('a')).toBe(true);
    expect(second.tryAcquire('b')).toBe(true);
  });
});
