import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** File name of the remembered window size and position inside `userData`. */
export const WINDOW_STATE_FILE = 'window-state.json';

/** A rectangle in screen coordinates (a window's bounds, a display's work area). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered of the main window. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Where the window opens: a size, a position when one is known to be visible, and whether it is maximized. */
export interface WindowPlacement {
  width: number;
  height: number;
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

/** The window's default and minimum sizes. */
export const WINDOW_SIZES = { width: 1280, height: 820, minWidth: 960, minHeight: 600 } as const;

/** How much of the window's top strip (its title bar) must lie on one display for the position to be kept. */
const VISIBLE_WIDTH = 120;
const VISIBLE_HEIGHT = 32;

const coordinate = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(1).max(100_000);
const StateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: size, height: size }),
  maximized: z.boolean(),
});

/** Reads the remembered state; a missing, unreadable or invalid file is `undefined` (defaults apply). */
export function loadWindowState(path: string): WindowState | undefined {
  try {
    const parsed = StateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the state atomically (temporary file + rename); failures are returned, never thrown. */
export function saveWindowState(path: string, state: WindowState): Error | undefined {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const valid = StateSchema.parse({
      bounds: {
        x: Math.round(state.bounds.x),
        y: Math.round(state.bounds.y),
        width: Math.round(state.bounds.width),
        height: Math.round(state.bounds.height),
      },
      maximized: state.maximized,
    });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, JSON.stringify(valid));
    renameSync(temporary, path);
    return undefined;
  } catch (error) {
    removeQuietly(temporary);
    return error instanceof Error ? error : new Error(String(error));
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Whether the window's title bar strip lies enough on one of the work areas to be grabbed with the mouse. */
export function isVisibleOn(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE_HEIGHT };
  return workAreas.some((area) => {
    const common = overlap(titleBar, area);
    return common.width >= Math.min(VISIBLE_WIDTH, bounds.width) && common.height >= VISIBLE_HEIGHT;
  });
}

/**
 * Where to open the main window, given the remembered state and the displays' work areas (primary first):
 * the remembered size (shrunk to fit the largest display, never under the minimum) and, when its title bar is
 * visible on a display, the remembered position; otherwise the default size, centred by the OS.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): WindowPlacement {
  const largest = workAreas.reduce<Rect | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const fit = (width: number, height: number): { width: number; height: number } => ({
    width: Math.max(WINDOW_SIZES.minWidth, largest ? Math.min(width, largest.width) : width),
    height: Math.max(WINDOW_SIZES.minHeight, largest ? Math.min(height, largest.height) : height),
  });
  const primary = workAreas[0];
  const defaults = primary
    ? fit(Math.min(WINDOW_SIZES.width, primary.width), Math.min(WINDOW_SIZES.height, primary.height))
    : fit(WINDOW_SIZES.width, WINDOW_SIZES.height);
  if (!saved) return { ...defaults, maximized: false };
  const sized = fit(saved.bounds.width, saved.bounds.height);
  if (!isVisibleOn({ ...saved.bounds, ...sized }, workAreas)) return { ...sized, maximized: saved.maximized };
  return { ...sized, x: saved.bounds.x, y: saved.bounds.y, maximized: saved.maximized };
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was written there, or it cannot be removed either: the original error is what matters.
  }
}
