import type { SaveFileResult } from '../../shared/domain/files.ts';
import type { Report, ReportPdfRequest, ReportRequest } from '../../shared/domain/report.ts';
import { AppError } from '../../shared/errors.ts';

/** What the hidden window is asked to print: A4 as the report's `@page` says, backgrounds kept, no header. */
export const REPORT_PDF_OPTIONS = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
} as const;

/** The subset of Electron's `WebContents` that prints the report (a fake in the tests). */
export interface PdfContents {
  loadURL(url: string): Promise<void>;
  printToPDF(options: typeof REPORT_PDF_OPTIONS): Promise<Uint8Array>;
}

/** The subset of Electron's `BrowserWindow` that prints the report: hidden, no script (a fake in the tests). */
export interface PdfWindow {
  readonly webContents: PdfContents;
  destroy(): void;
}

/** The report's HTML written where the hidden window can load it, removed after printing. */
export interface TempPage {
  url: string;
  remove(): Promise<void>;
}

/** What {@link saveReportAsPdf} needs, injected so it runs without Electron. */
export interface ReportPdfDeps {
  /** The core's report builder (`report:build`). */
  build(request: ReportRequest): Report;
  /** A hidden window without script or preload. */
  openWindow(): PdfWindow;
  /** Writes the HTML to a temporary file (a report of 5,000 items is too long for a `data:` URL). */
  writeTemp(html: string): Promise<TempPage>;
  /** The Save dialog and the write (save-file.ts `saveBytesAs`), with the PDF filter. */
  save(suggestedName: string, data: Uint8Array): Promise<SaveFileResult>;
}

function reasonOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

/**
 * Prints an HTML page to PDF in a hidden window: written to a temporary file, loaded, printed with
 * {@link REPORT_PDF_OPTIONS}; the window is destroyed and the file removed whatever happens.
 */
export async function printHtmlToPdf(html: string, deps: Pick<ReportPdfDeps, 'openWindow' | 'writeTemp'>) {
  const page = await deps.writeTemp(html);
  let window: PdfWindow | undefined;
  try {
    window = deps.openWindow();
    await window.webContents.loadURL(page.url);
    return await window.webContents.printToPDF(REPORT_PDF_OPTIONS);
  } finally {
    window?.destroy();
    await page.remove().catch(() => undefined);
  }
}

/**
 * `report:pdf` in the desktop app: the same HTML report as `report:build` (same window, same sign-off names),
 * printed to PDF and saved through the Save dialog under the report's name with `.pdf`. A print that fails is
 * an INTERNAL error that says what to do instead; the dialog's answers are `files:save-as`'s.
 */
export async function saveReportAsPdf(request: ReportPdfRequest, deps: ReportPdfDeps): Promise<SaveFileResult> {
  const report = deps.build({ ...request, format: 'html' });
  let pdf: Uint8Array;
  try {
    pdf = await printHtmlToPdf(report.content, deps);
  } catch (error) {
    throw new AppError(
      'INTERNAL',
      `The report could not be printed to PDF (${reasonOf(error)}). Save the HTML report instead and print it from a browser (Print → Save as PDF).`,
    );
  }
  return deps.save(report.fileName.replace(/\.html$/, '') + '.pdf', pdf);
}
