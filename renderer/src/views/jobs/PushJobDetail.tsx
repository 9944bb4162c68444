import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context.tsx';
import { PushChannelsTable } from '../permissions/PushChannelsTable.tsx';
import { TaskRecords } from '../permissions/TaskRecords.tsx';

/**
 * The detail of a Tuya permission push in the Jobs view: its channels (by name), each with its task, the people
 * sent and failed, why it is where it is, and the records of a task (failures first) when opened.
 */
export function PushJobDetail() {
  const { t } = useTranslation();
  const headingId = useId();
  const push = useAppStore((s) => s.jobPush);
  if (!push) return null;
  return (
    <section className="job-results push-job-detail" aria-labelledby={headingId} data-testid="push-job-detail">
      <h3 id={headingId}>{t('jobs.pushDetail')}</h3>
      <PushChannelsTable channels={push.channels} />
      <TaskRecords />
    </section>
  );
}
