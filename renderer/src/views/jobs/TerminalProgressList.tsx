import { useTranslation } from 'react-i18next';
import { displayNameOf } from '../../../../shared/domain/terminal.ts';
import type { JobTerminal } from '../../../../shared/domain/removal.ts';
import { endpointOf } from '../../store/devices/terminal-table.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { CountsLine, ProgressBar } from './ProgressBar.tsx';
import { terminalLabel } from './terminal-label.ts';

/**
 * One terminal of a job: its name (from the inventory when known), status, progress bar and counts. For an
 * Alibaba Cloud job, one device or space (by its id).
 */
function TerminalProgress({ entry, cloud }: { entry: JobTerminal; cloud: boolean }) {
  const { t } = useTranslation();
  const terminal = useAppStore((s) => s.terminals[entry.serial]);
  const label = terminalLabel(terminal, entry.serial, t('devices.unnamed'));
  const name = terminal ? displayNameOf(terminal) || t('devices.unnamed') : entry.serial;
  return (
    <li className="terminal-progress" data-testid="terminal-progress">
      <div className="terminal-progress-head">
        <span className="cell terminal-progress-name" title={`${label} · ${entry.serial}`}>
          {name}
        </span>
        <span className="muted">{cloud ? t('jobs.cloudKind') : t(`devices.kind.${entry.kind}`)}</span>
        {terminal && !terminal.online && <span className="status-badge status-offline">{t('devices.offline')}</span>}
      </div>
      {terminal && <span className="muted terminal-progress-address">{endpointOf(terminal)}</span>}
      <ProgressBar label={t('jobs.terminalProgress', { name: label })} counts={entry.counts} />
      <CountsLine counts={entry.counts} />
    </li>
  );
}

/**
 * The selected job's progress per terminal (per device or space of an Alibaba Cloud job, `cloud`), from the last
 * `jobs:show` (read again on every progress event).
 */
export function TerminalProgressList({ terminals, cloud = false }: { terminals: JobTerminal[]; cloud?: boolean }) {
  const { t } = useTranslation();
  if (terminals.length === 0) return null;
  const heading = cloud ? t('jobs.perScope') : t('jobs.perTerminal');
  return (
    <section aria-label={heading} className="terminal-progress-list">
      <h3>{heading}</h3>
      <ul>
        {terminals.map((entry) => (
          <TerminalProgress key={entry.serial} entry={entry} cloud={cloud} />
        ))}
      </ul>
    </section>
  );
}
