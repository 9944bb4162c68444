import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFormat } from '../../../../shared/domain/report.ts';
import type { ReportSignOff } from '../../store/state/sync.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { saveNotice } from '../jobs/download.ts';
import { openReportTab, printReportIn } from './print-report.ts';

const TYPES: Record<ReportFormat, string> = { html: 'text/html;charset=utf-8', csv: 'text/csv;charset=utf-8' };
const FILTERS: Record<ReportFormat, { name: string; extensions: string[] }> = {
  html: { name: 'HTML', extensions: ['html'] },
  csv: { name: 'CSV', extensions: ['csv'] },
};

/**
 * The commissioning report: the names of its sign-off block, then HTML, CSV and a PDF (the desktop app prints
 * it to PDF and saves it; the browser opens the report in a new tab with the print dialog).
 */
export function ReportActions() {
  const { t } = useTranslation();
  const build = useAppStore((s) => s.buildReport);
  const saveFile = useAppStore((s) => s.saveFile);
  const pdfAvailable = useAppStore((s) => s.reportPdfAvailable);
  const savePdf = useAppStore((s) => s.saveReportPdf);
  const [technician, setTechnician] = useState('');
  const [customer, setCustomer] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);

  const signOff = (): ReportSignOff => ({
    ...(technician.trim() ? { technician: technician.trim() } : {}),
    ...(customer.trim() ? { customer: customer.trim() } : {}),
  });

  const report = async (format: ReportFormat): Promise<void> => {
    setBuilding(true);
    setMessage(t('sync.report.building'));
    const built = await build(format, signOff());
    if (!built) {
      setBuilding(false);
      setMessage(null);
      return;
    }
    const file = { fileName: built.fileName, content: built.content, type: TYPES[format], filters: [FILTERS[format]] };
    const saved = await saveFile(file);
    setBuilding(false);
    setMessage(
      saveNotice(t, saved, (where) => t('sync.report.saved', { file: where, count: built.operations })) || null,
    );
  };

  const pdf = async (): Promise<void> => {
    setBuilding(true);
    setMessage(t('sync.report.building'));
    const saved = await savePdf(signOff());
    setBuilding(false);
    setMessage(saveNotice(t, saved, (where) => t('sync.report.pdfSaved', { file: where })) || null);
  };

  const print = async (): Promise<void> => {
    // Opened by the click itself, before anything is awaited: a pop-up blocker lets it through.
    const tab = openReportTab();
    if (!tab) {
      setMessage(t('sync.report.printBlocked'));
      return;
    }
    setBuilding(true);
    setMessage(t('sync.report.building'));
    const built = await build('html', signOff());
    setBuilding(false);
    if (!built) {
      tab.close();
      setMessage(null);
      return;
    }
    printReportIn(tab, built.content);
    setMessage(t('sync.report.printed', { count: built.operations }));
  };

  return (
    <div className="tool-actions" role="group" aria-label={t('sync.report.label')}>
      <label>
        {t('sync.report.technician')}{' '}
        <input type="text" maxLength={120} value={technician} onChange={(e) => setTechnician(e.target.value)} />
      </label>
      <label>
        {t('sync.report.customer')}{' '}
        <input type="text" maxLength={120} value={customer} onChange={(e) => setCustomer(e.target.value)} />
      </label>
      <button type="button" disabled={building} onClick={() => void report('html')}>
        {t('sync.report.html')}
      </button>
      <button type="button" disabled={building} onClick={() => void report('csv')}>
        {t('sync.report.csv')}
      </button>
      {pdfAvailable ? (
        <button type="button" disabled={building} onClick={() => void pdf()}>
          {t('sync.report.pdf')}
        </button>
      ) : (
        <button type="button" disabled={building} title={t('sync.report.printHint')} onClick={() => void print()}>
          {t('sync.report.print')}
        </button>
      )}
      {message && (
        <span className="muted" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
