import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaveFileResult } from '../../shared/domain/files.ts';
import { createCore, type Core } from '../core/compose.ts';
import { memorySecrets } from '../../test/support/removal/test-kit.ts';
import { REPORT_PDF_OPTIONS, saveReportAsPdf, type PdfWindow, type ReportPdfDeps } from './report-pdf.ts';

const PDF = new TextEncoder().encode('%PDF-1.7 fake');

/** A fake hidden window: records what it loaded and printed; `fail` makes the print throw. */
function fakeWindows(pages: Map<string, string>, fail = false) {
  const log: string[] = [];
  const printed: { html: string | undefined; options: unknown }[] = [];
  const openWindow = (): PdfWindow => {
    let loaded: string | undefined;
    return {
      webContents: {
        loadURL: async (url) => {
          log.push(`load ${url}`);
          loaded = url;
        },
        printToPDF: async (options) => {
          log.push('print');
          if (fail) throw new Error('printing failed');
          printed.push({ html: loaded === undefined ? undefined : pages.get(loaded), options });
          return PDF;
        },
      },
      destroy: () => log.push('destroy'),
    };
  };
  return { log, printed, openWindow };
}

describe('report:pdf in the desktop app (a fake webContents)', () => {
  let dir: string;
  let core: Core;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fcom-report-pdf-'));
    core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: memorySecrets() });
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function deps(fail = false) {
    const pages = new Map<string, string>();
    const windows = fakeWindows(pages, fail);
    const saved: { name: string; data: Uint8Array }[] = [];
    const d: ReportPdfDeps = {
      build: (request) => core.services.report.build(request),
      openWindow: windows.openWindow,
      writeTemp: async (html) => {
        const url = `file:///tmp/fake-${pages.size}/report.html`;
        pages.set(url, html);
        return {
          url,
          remove: async () => {
            windows.log.push(`remove ${url}`);
            pages.delete(url);
          },
        };
      },
      save: async (name, data): Promise<SaveFileResult> => {
        saved.push({ name, data });
        return { outcome: 'saved', path: `/home/anna/Documents/${name}`, bytes: data.byteLength };
      },
    };
    return { d, pages, windows, saved };
  }

  it('prints the same HTML report, with the sign-off names, in a hidden window and saves the PDF bytes', async () => {
    const { d, pages, windows, saved } = deps();
    const result = await saveReportAsPdf({ technician: 'Wang Fang', customer: '陈静' }, d);
    expect(result).toMatchObject({ outcome: 'saved', bytes: PDF.byteLength });
    expect(windows.printed).toHaveLength(1);
    const html = windows.printed[0]?.html ?? '';
    expect(html).toContain('What each terminal confirmed · 各终端确认结果');
    expect(html).toMatch(/data-role="technician">.*<span class="filled">Wang Fang<\/span>/s);
    expect(html).toMatch(/data-role="customer">.*<span class="filled">陈静<\/span>/s);
    expect(windows.printed[0]?.options).toEqual(REPORT_PDF_OPTIONS);
    expect(saved[0]?.name).toMatch(/^fcom-report-default-site-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(saved[0]?.data).toBe(PDF);
    // Loaded, printed, then the window destroyed and the temporary page removed.
    expect(windows.log).toEqual([
      'load file:///tmp/fake-0/report.html',
      'print',
      'destroy',
      'remove file:///tmp/fake-0/report.html',
    ]);
    expect(pages.size).toBe(0);
  });

  it('says what to do when the print fails, and still closes the window and removes the page', async () => {
    const { d, pages, windows, saved } = deps(true);
    await expect(saveReportAsPdf({}, d)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/printing failed.*Save the HTML report instead/),
    });
    expect(windows.log.slice(-2)).toEqual(['destroy', 'remove file:///tmp/fake-0/report.html']);
    expect(pages.size).toBe(0);
    expect(saved).toHaveLength(0);
  });
});
