import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isVisibleOn, loadWindowState, placeWindow, saveWindowState, WINDOW_SIZES } from './window-state.ts';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fcom-wstate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('load and save', () => {
  it('round-trips a state through an atomically written file', () => {
    const path = join(dir, 'nested', 'window-state.json');
    expect(saveWindowState(path, { bounds: { x: 10.4, y: 40, width: 1000, height: 700.6 }, maximized: true })).toBe(
      undefined,
    );
    expect(loadWindowState(path)).toEqual({ bounds: { x: 10, y: 40, width: 1000, height: 701 }, maximized: true });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
  });

  it('treats a missing, broken or invalid file as no state', () => {
    expect(loadWindowState(join(dir, 'absent.json'))).toBeUndefined();
    writeFileSync(join(dir, 'broken.json'), '{"bounds":');
    expect(loadWindowState(join(dir, 'broken.json'))).toBeUndefined();
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: 1 }),
    );
    expect(loadWindowState(join(dir, 'bad.json'))).toBeUndefined();
  });

  it('returns an error instead of throwing when it cannot write', () => {
    writeFileSync(join(dir, 'file'), 'x');
    const error = saveWindowState(join(dir, 'file', 'window-state.json'), {
      bounds: { x: 0, y: 0, width: 1000, height: 700 },
      maximized: false,
    });
    expect(error).toBeInstanceOf(Error);
  });
});

describe('isVisibleOn', () => {
  it('needs the title bar on a display, not just a corner of the window', () => {
    expect(isVisibleOn({ x: 100, y: 100, width: 1000, height: 700 }, [laptop])).toBe(true);
    expect(isVisibleOn({ x: 1400, y: 100, width: 1000, height: 700 }, [laptop])).toBe(false);
    expect(isVisibleOn({ x: 1400, y: 100, width: 1000, height: 700 }, [laptop, external])).toBe(true);
    expect(isVisibleOn({ x: 100, y: -600, width: 1000, height: 700 }, [laptop])).toBe(false);
  });
});

describe('placeWindow', () => {
  it('uses the defaults, centred, without a saved state', () => {
    expect(placeWindow(undefined, [external])).toEqual({
      width: WINDOW_SIZES.width,
      height: WINDOW_SIZES.height,
      maximized: false,
    });
  });

  it('shrinks the defaults to a small screen but never under the minimum size', () => {
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
      maximized: false,
    });
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 800, height: 500 }])).toEqual({
      width: WINDOW_SIZES.minWidth,
      height: WINDOW_SIZES.minHeight,
      maximized: false,
    });
  });

  it('restores a visible position and size, and the maximized flag', () => {
    const saved = { bounds: { x: 1600, y: 80, width: 1500, height: 900 }, maximized: true };
    expect(placeWindow(saved, [laptop, external])).toEqual({
      x: 1600,
      y: 80,
      width: 1500,
      height: 900,
      maximized: true,
    });
  });

  it('drops the position when the external display is gone, keeping a size that fits', () => {
    const saved = { bounds: { x: 1600, y: 80, width: 2400, height: 1300 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });
});
