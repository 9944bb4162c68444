import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether the power-loss simulation can run here: Linux, root, loop devices and ext4 (else tests skip with this). */
export function powerLossSupport(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: 'needs Linux (loop devices, ext4)' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'needs root (mount -o loop)' };
  try {
    execFileSync('mkfs.ext4', ['-V'], { stdio: 'ignore' });
  } catch {
    return { ok: false, reason: 'mkfs.ext4 is not installed' };
  }
  return { ok: true };
}

/**
 * A small ext4 disk in a file, mounted through a loop device. `commit=600` stops ext4's own 5-second journal
 * commits, so nothing reaches the disk image unless the program syncs it (or the kernel's 30-second dirty
 * write-back runs, which a cycle is shorter than): the image holds exactly what a power cut would leave.
 */
export interface LoopDisk {
  readonly image: string;
  readonly mountPoint: string;
  /**
   * The power cut: a copy of the disk image as the device holds it now, taken WITHOUT a sync (writes still in
   * the page cache of the mounted file system are not in it). Freeze the writer first (SIGSTOP).
   */
  snapshot(to: string): void;
  /** Unmounts (the loop device is released with it). */
  unmount(): void;
}

function mount(image: string, mountPoint: string): void {
  mkdirSync(mountPoint, { recursive: true });
  execFileSync('mount', ['-o', 'loop,commit=600', image, mountPoint]);
}

/** Creates a `sizeMb` ext4 image at `image` and mounts it at `mountPoint`. */
export function createLoopDisk(image: string, mountPoint: string, sizeMb = 64): LoopDisk {
  execFileSync('truncate', ['-s', `${sizeMb}M`, image]);
  execFileSync('mkfs.ext4', ['-q', '-F', image]);
  return attach(image, mountPoint);
}

/** Mounts an existing image (a snapshot: ext4 replays its journal as after a real power cut). */
export function attach(image: string, mountPoint: string): LoopDisk {
  mount(image, mountPoint);
  return {
    image,
    mountPoint,
    snapshot: (to) => execFileSync('cp', ['--sparse=always', image, to]),
    unmount: () => {
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    },
  };
}

/** The paths of one cycle's files inside `dir`. */
export function cyclePaths(dir: string): { image: string; snapshot: string; live: string; restored: string } {
  return {
    image: join(dir, 'disk.img'),
    snapshot: join(dir, 'cut.img'),
    live: join(dir, 'live'),
    restored: join(dir, 'restored'),
  };
}
