import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Prng } from '../../tools/sim/common/prng.ts';
import type { ChaosSite } from './site.ts';

/** One app command the conductor runs. */
export interface AppCommand {
  kind: 'remove' | 'aliyun' | 'push' | 'sync' | 'resume';
  args: string[];
}

/**
 * Chooses the app's next command: new jobs of every kind (terminal removals of a fresh slice of people from all
 * terminals, Alibaba removals of a fresh slice of users from some devices, Tuya pushes full or increment, with or
 * without waiting), `fcom sync now`, and `fcom jobs resume JOB`. Removal lists are written to files whose path is
 * the job's label, so the journal can be checked against what was asked (`expectedByLabel`).
 */
export class Workload {
  /** Items each removal list asks for (rows x targets), by the list's path (the job's label). */
  readonly expectedByLabel = new Map<string, number>();
  private nextPerson = 0;
  private nextUser = 0;
  private lists = 0;
  private readonly site: ChaosSite;
  private readonly prng: Prng;
  private readonly dir: string;

  constructor(site: ChaosSite, prng: Prng, dir: string) {
    this.site = site;
    this.prng = prng;
    this.dir = dir;
  }

  /**
   * The next command. After a kill, the restart resumes the killed job (when its id is known) or syncs; else a
   * weighted draw, resuming one of `openJobs` (jobs the journal has not finished) now and then.
   */
  next(afterKill: { jobId: string | undefined } | undefined, openJobs: readonly string[]): AppCommand {
    if (afterKill) {
      if (afterKill.jobId && this.prng.next() < 0.6)
        return { kind: 'resume', args: ['jobs', 'resume', afterKill.jobId] };
      return { kind: 'sync', args: ['sync', 'now'] };
    }
    const roll = this.prng.next();
    if (roll < 0.3 && this.nextPerson < this.site.people.length) return this.removal();
    if (roll < 0.5 && this.nextUser < this.site.cloudUsers.length) return this.aliyun();
    if (roll < 0.68) return this.push();
    if (roll < 0.82 && openJobs.length > 0) {
      return { kind: 'resume', args: ['jobs', 'resume', this.prng.pick(openJobs)] };
    }
    return { kind: 'sync', args: ['sync', 'now'] };
  }

  private listPath(kind: string): string {
    this.lists += 1;
    return join(this.dir, `${kind}-${String(this.lists).padStart(4, '0')}.csv`);
  }

  /** `fcom remove --file LIST --devices all`: a fresh slice of people, plus ids no terminal holds. */
  private removal(): AppCommand {
    const people = this.site.people.slice(this.nextPerson, this.nextPerson + this.prng.int(4, 24));
    this.nextPerson += people.length;
    const rows = people.map((p) => `${p.identityId},${p.linkId},${p.name}`);
    for (let i = this.prng.int(0, 2); i > 0; i--)
      rows.push(`${this.prng.int(900_000, 999_999)},${this.prng.uuid()},未知`);
    const path = this.listPath('people');
    writeFileSync(path, ['人员编号,关联ID,姓名', ...rows].join('\r\n'));
    this.expectedByLabel.set(path, rows.length * this.site.terminals.length);
    return { kind: 'remove', args: ['remove', '--file', path, '--devices', 'all'] };
  }

  /** `fcom remove --cloud aliyun --scope iot:...`: a fresh slice of users from one to all devices. */
  private aliyun(): AppCommand {
    const users = this.site.cloudUsers.slice(this.nextUser, this.nextUser + this.prng.int(3, 15));
    this.nextUser += users.length;
    const devices = this.site.aliyunDevices.filter(() => this.prng.next() < 0.6);
    const scopes = devices.length > 0 ? devices : [this.prng.pick(this.site.aliyunDevices)];
    const path = this.listPath('users');
    writeFileSync(path, users.join('\r\n'));
    this.expectedByLabel.set(path, users.length * scopes.length);
    return {
      kind: 'aliyun',
      args: ['remove', '--cloud', 'aliyun', '--scope', `iot:${scopes.join(',')}`, '--file', path],
    };
  }

  /** `fcom push`: some or all channels, full or increment, a certificate policy; half the time `--wait`. */
  private push(): AppCommand {
    const all = this.site.tuya.channels().map((c) => c.accessControlChannelId);
    const some = all.filter(() => this.prng.next() < 0.5);
    const channels = some.length === 0 || this.prng.next() < 0.3 ? 'all' : some.join(',');
    const args = ['push', '--channels', channels, '--mode', this.prng.pick(['full', 'increment'])];
    args.push('--certificate', String(this.prng.int(1, 4)));
    if (this.prng.next() < 0.5) args.push('--wait');
    return { kind: 'push', args };
  }
}
