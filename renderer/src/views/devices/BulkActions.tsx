import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { DeviceExportFormat } from '../../../../shared/domain/device-actions.ts';
import { InlineError } from '../../components/InlineError.tsx';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { BULK_SCOPE } from '../../store/slices/device-actions-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { BulkCredentialsForm } from './BulkCredentialsForm.tsx';

/** A line the bar says about the last action: a translation key and its values (worded when shown). */
interface Said {
  key: string;
  params: Record<string, unknown>;
}

/** Product names of the kinds (the same in every language). */
const KIND_NAMES: Record<'sophon' | 'basip', string> = { sophon: 'Sophon', basip: 'BAS-IP' };

/** A {@link Said} line. */
function say(key: string, params: Record<string, unknown> = {}): Said {
  return { key, params };
}

/** Most web pages "Open web page" opens at once (a browser blocks more pop-ups anyway). */
export const MAX_PAGES_OPENED = 10;

/**
 * What the technician can do with the ticked terminals at once, like SADP: trust, set credentials or apply the
 * site default, check now, forget (asked first), export CSV or Excel, open the web pages, copy the addresses.
 * With nothing ticked it offers only "Export all" (CSV or Excel). The outcome and any error are said beside the buttons.
 */
export function BulkActions() {
  const { t } = useTranslation();
  const count = useAppStore((s) => Object.keys(s.checkedSerials).length);
  const actions = useAppStore(
    useShallow((s) => ({
      checkedSerials: s.checkedSerials,
      terminals: s.terminals,
      trustChecked: s.trustChecked,
      setCheckedCredentials: s.setCheckedCredentials,
      useSiteDefaultForChecked: s.useSiteDefaultForChecked,
      checkChecked: s.checkChecked,
      forgetChecked: s.forgetChecked,
      exportTerminals: s.exportTerminals,
      setChecked: s.setChecked,
    })),
  );
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said[]>([]);
  const [panel, setPanel] = useState<'none' | 'credentials' | 'forget'>('none');
  const checkedTerminals = () =>
    Object.keys(actions.checkedSerials).flatMap((serial) => actions.terminals[serial] ?? []);

  const run = (work: () => Promise<Said[]>): void => {
    setBusy(true);
    setSaid([]);
    void work()
      .then(setSaid)
      .finally(() => setBusy(false));
  };
  const failedLine = (failed: number) => (failed > 0 ? [say('deviceActions.someFailed', { count: failed })] : []);

  const trust = () =>
    run(async () => {
      const outcome = await actions.trustChecked();
      if (!outcome) return [];
      const lines: Said[] = [];
      if (outcome.trusted > 0) lines.push(say('devices.bulk.trusted', { count: outcome.trusted }));
      if (outcome.leftOut > 0) lines.push(say('devices.bulk.leftOut', { count: outcome.leftOut }));
      return lines.length > 0 ? lines : [say('devices.bulk.nothing')];
    });
  const saveCredentials = (credentials: { username: string; password: string }) =>
    run(async () => {
      const outcome = await actions.setCheckedCredentials(credentials);
      if (!outcome) return [];
      if (outcome.failed === 0) setPanel('none');
      const done = outcome.done > 0 ? [say('deviceActions.credentialsSaved', { count: outcome.done })] : [];
      return [...done, ...failedLine(outcome.failed)];
    });
  const useDefault = () =>
    run(async () => {
      const outcome = await actions.useSiteDefaultForChecked();
      if (!outcome) return [];
      const lines = [say('deviceActions.defaultApplied', { count: outcome.cleared })];
      if (outcome.kindsWithoutDefault.length > 0) {
        lines.push(
          say('deviceActions.noDefault', { kinds: outcome.kindsWithoutDefault.map((k) => KIND_NAMES[k]).join(', ') }),
        );
      }
      return lines;
    });
  const check = () =>
    run(async () => {
      const outcome = await actions.checkChecked();
      return outcome ? [say('deviceActions.checked', { count: outcome.done })] : [];
    });
  const forget = () =>
    run(async () => {
      setPanel('none');
      const outcome = await actions.forgetChecked();
      if (!outcome) return [];
      return [say('deviceActions.forgotten', { count: outcome.done }), ...failedLine(outcome.failed)];
    });
  const exportList = (format: DeviceExportFormat) =>
    run(async () => {
      const rows = await actions.exportTerminals(format);
      return rows === null ? [] : [say('deviceActions.exported', { count: rows })];
    });
  const openPages = () => {
    const terminals = checkedTerminals();
    if (terminals.length > MAX_PAGES_OPENED) {
      setSaid([say('deviceActions.openWebMany', { max: MAX_PAGES_OPENED })]);
      return;
    }
    setSaid([]);
    for (const terminal of terminals) window.open(`http://${endpointOf(terminal)}/`, '_blank', 'noopener,noreferrer');
  };
  const copy = () =>
    run(async () => {
      const addresses = checkedTerminals().map(endpointOf);
      try {
        await navigator.clipboard.writeText(addresses.join('\n'));
        return [say('deviceActions.copied', { count: addresses.length })];
      } catch {
        return [say('deviceActions.copyFailed')];
      }
    });

  return (
    <div className="bulk-actions" role="group" aria-label={t('devices.bulk.label')} aria-busy={busy}>
      {count === 0 ? (
        <>
          <button type="button" disabled={busy} onClick={() => exportList('csv')}>
            {t('deviceActions.exportAll')}
          </button>
          <button type="button" disabled={busy} onClick={() => exportList('xlsx')}>
            {t('deviceActions.exportAllXlsx')}
          </button>
        </>
      ) : (
        <>
          <span>{t('devices.bulk.selected', { count })}</span>
          <button type="button" disabled={busy} onClick={trust}>
            {t('devices.bulk.trust')}
          </button>
          <button type="button" disabled={busy} onClick={() => setPanel('credentials')}>
            {t('deviceActions.credentials')}
          </button>
          <button type="button" disabled={busy} onClick={useDefault}>
            {t('deviceActions.useDefault')}
          </button>
          <button type="button" disabled={busy} onClick={check}>
            {t('deviceActions.check')}
          </button>
          <button type="button" disabled={busy} onClick={() => exportList('csv')}>
            {t('deviceActions.export')}
          </button>
          <button type="button" disabled={busy} onClick={() => exportList('xlsx')}>
            {t('deviceActions.exportXlsx')}
          </button>
          <button type="button" disabled={busy} onClick={openPages}>
            {t('deviceActions.openWeb')}
          </button>
          <button type="button" disabled={busy} onClick={copy}>
            {t('deviceActions.copy')}
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => setPanel('forget')}>
            {t('deviceActions.forget')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setSaid([]);
              actions.setChecked(Object.keys(actions.checkedSerials), false);
            }}
          >
            {t('devices.bulk.clear')}
          </button>
        </>
      )}
      {busy && <span role="status">{t('deviceActions.working')}</span>}
      {panel === 'credentials' && count > 0 && (
        <BulkCredentialsForm busy={busy} onSave={saveCredentials} onCancel={() => setPanel('none')} />
      )}
      {panel === 'forget' && count > 0 && (
        <div className="confirm" role="group" aria-label={t('deviceActions.forget')}>
          <span>{t('deviceActions.forgetConfirm', { count })}</span>
          <button type="button" className="danger" disabled={busy} onClick={forget}>
            {t('deviceActions.forgetYes')}
          </button>
          <button type="button" onClick={() => setPanel('none')}>
            {t('deviceActions.cancel')}
          </button>
        </div>
      )}
      {said.map((line) => (
        <span key={line.key} role="status" className="muted">
          {t(line.key, line.params)}
        </span>
      ))}
      <InlineError scope={BULK_SCOPE} />
    </div>
  );
}
