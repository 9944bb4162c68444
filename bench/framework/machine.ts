import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type as osType } from 'node:os';
import type { MachineInfo } from './types.ts';

/** The machine this process runs on: CPU model, cores, memory, OS, Node. */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${distribution() ?? osType()} (${osType()} ${release()})`,
    arch: process.arch,
    node: process.versions.node,
  };
}

/** Whether two results were measured on the same kind of machine (same hardware, OS and Node). */
export function sameMachine(a: MachineInfo, b: MachineInfo): boolean {
  return (
    a.cpuModel === b.cpuModel &&
    a.cores === b.cores &&
    a.memoryGiB === b.memoryGiB &&
    a.os === b.os &&
    a.node === b.node
  );
}

/** One line for people: `Intel Xeon, 2 cores, 23.5 GiB, Debian 13 (Linux 6.1), Node 24.21.0`. */
export function describeMachine(machine: MachineInfo): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os} ${machine.arch}, Node ${machine.node}`;
}

/** The checked-out commit (short), with `-dirty` when the working tree has changes; `unknown` outside git. */
export function gitCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' });
    return status.trim() === '' ? head : `${head}-dirty`;
  } catch {
    return 'unknown';
  }
}

function distribution(): string | undefined {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}
