import { AppError } from '../../../shared/errors.ts';
import type { reportChannels } from '../../../shared/ipc/contract/report.ts';
import type { Handlers } from '../../../shared/ipc/types.ts';
import type { CoreServices } from '../services.ts';

/** The code (`details.reason`) of the refusal of `report:pdf` outside the desktop app. */
export const REPORT_PDF_UNAVAILABLE = 'report-pdf-unavailable';

/**
 * Handlers of the report channels; spread into the handler map (handlers.ts). Only the Electron shell prints to
 * PDF: it replaces `report:pdf` (electron/main/report-pdf.ts); everywhere else it is a coded refusal that says
 * to print the HTML page instead.
 */
export function createReportHandlers(services: CoreServices): Pick<Handlers, keyof typeof reportChannels> {
  return {
    'report:build': async (request) => services.report.build(request),
    'report:pdf': async () => {
      throw new AppError(
        'CONFLICT',
        "Saving the report as PDF directly is only available in the desktop app. Here, open the HTML report and use the browser's Print → Save as PDF.",
        { reason: REPORT_PDF_UNAVAILABLE },
      );
    },
  };
}
