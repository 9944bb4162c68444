import { chromium, type Browser, type Page } from '@playwright/test';

import { CHROMIUM_PATH, CHROMIUM_TEST_ARGS } from '../../test/e2e/chromium.ts';

/** Debian's Chromium, as the e2e tests use it. */
export const CHROMIUM = CHROMIUM_PATH;

/** Height of one results row in pixels (JobResultsTable's ROW_HEIGHT). */
const ROW_HEIGHT = 36;

/**
 * The e2e tests' launch flags, plus two that let frames run as fast as the page can produce them: at the
 * display's 60 Hz every requestAnimationFrame delta would be about 16.7 ms whatever the work, so the
 * frame time would say nothing about the page.
 */
const LAUNCH_ARGS = [...CHROMIUM_TEST_ARGS, '--disable-gpu-vsync', '--disable-frame-rate-limit'];

/** Launches headless Chromium for one run. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** What one look at the Jobs view measured. */
export interface JobsPageReport {
  /** ms from the click on "Jobs" until the first rows show and a scroll of 40 rows shows real rows. */
  usableMs: number;
  /** requestAnimationFrame deltas (ms) while the table scrolled. */
  frames: number[];
  /** Renderer JS heap in use after scrolling (MB). */
  heapMb: number | null;
}

/** The element fields the page functions use. */
interface ScrollBox {
  scrollTop: number;
  clientHeight: number;
  scrollHeight: number;
}

/** The page globals the in-page functions read (bench code is type-checked without the DOM library). */
interface PageGlobals {
  document: {
    querySelector(selector: string): ScrollBox | null;
    addEventListener(type: 'click', listener: () => void, options: { capture: boolean; once: boolean }): void;
  };
  performance: { now(): number };
  requestAnimationFrame(callback: (now: number) => void): number;
}

/** Opens the app at `url` and waits for its ready signal. */
async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

/**
 * In the page: from the next click, waits until the results table shows loaded rows, scrolls it by 40 rows
 * (inside the first page of items) and waits until the row at the new position shows its data. Resolves
 * with the ms from the click to then.
 */
function usableInPage(rowHeight: number): Promise<number> {
  const { document, performance, requestAnimationFrame } = globalThis as unknown as PageGlobals;
  const frame = (): Promise<void> => new Promise((done) => requestAnimationFrame(() => done()));
  const rowShown = (index: number): boolean =>
    document.querySelector(`[data-testid="result-row"][aria-rowindex="${index + 2}"]`) !== null;
  let clickedAt = Number.NaN;
  document.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true });
  return (async () => {
    for (;;) {
      const table = document.querySelector('[data-testid="results-table"]');
      if (table && rowShown(0)) {
        table.scrollTop = 40 * rowHeight;
        break;
      }
      await frame();
    }
    while (!rowShown(40)) await frame();
    return performance.now() - clickedAt;
  })();
}

/**
 * In the page: scrolls the results table down by `rowsPerFrame` rows in every animation frame until it has
 * passed `rows` rows, and answers the delta between consecutive frames (ms).
 */
function scrollInPage(args: { rows: number; rowsPerFrame: number; rowHeight: number }): Promise<number[]> {
  const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
  const table = document.querySelector('[data-testid="results-table"]');
  if (!table) throw new Error('The results table is not on the page.');
  const deltas: number[] = [];
  const end = table.scrollTop + args.rows * args.rowHeight;
  return new Promise((done) => {
    let last = -1;
    const step = (now: number): void => {
      if (last >= 0) deltas.push(now - last);
      last = now;
      if (table.scrollTop >= end || table.scrollTop + table.clientHeight >= table.scrollHeight) {
        done(deltas);
        return;
      }
      table.scrollTop += args.rowsPerFrame * args.rowHeight;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

/**
 * One look at the Jobs view of the host at `url` (the newest job opens by itself): time until the results
 * table is usable, then frame times while scrolling `scrollRows` rows, then the renderer's JS heap.
 */
export async function measureJobsPage(browser: Browser, url: string, scrollRows: number): Promise<JobsPageReport> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  try {
    const page = await context.newPage();
    await openApp(page, url);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    const jobs = nav.getByRole('button', { name: 'Jobs', exact: true });
    await jobs.waitFor();
    const usable = page.evaluate(usableInPage, ROW_HEIGHT);
    await jobs.click();
    const usableMs = await usable;
    // Let the pages the first scroll asked for arrive before the measured scroll.
    await page.waitForTimeout(300);
    const frames = await page.evaluate(scrollInPage, { rows: scrollRows, rowsPerFrame: 25, rowHeight: ROW_HEIGHT });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
    return {
      usableMs,
      frames,
      heapMb: heap === undefined ? null : heap / 1024 ** 2,
    };
  } finally {
    await context.close();
  }
}
