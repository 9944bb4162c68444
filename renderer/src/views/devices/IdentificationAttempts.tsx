import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentificationRecord, ProbeAttempt } from '../../../../shared/domain/terminal.ts';
import { formatLastSeen } from './format.ts';

/** One request and its answer: who was tried on which port, the request, then the answer or why none came. */
function Attempt({ attempt }: { attempt: ProbeAttempt }) {
  const { t } = useTranslation();
  const tried = attempt.kind ? t(`devices.kind.${attempt.kind}`) : t('devices.identification.plainHttp');
  const answer =
    attempt.status === null
      ? t('devices.identification.noAnswer', {
          why: t(`devices.identification.failure.${attempt.failure ?? 'other'}`),
        })
      : [String(attempt.status), attempt.contentType ?? ''].filter((part) => part !== '').join(' ');
  return (
    <li>
      {tried} · {t('devices.identification.port', { port: attempt.port })} · <code>{attempt.request}</code>
      {attempt.authenticated ? ` (${t('devices.identification.withCredentials')})` : ''} → {answer}
      {attempt.excerpt !== '' ? (
        <>
          {' '}
          <code>{attempt.excerpt}</code>
        </>
      ) : null}
    </li>
  );
}

/**
 * What the app tried to identify a device that stayed unknown, and what each request answered (status,
 * content type, the vendor's error text or the first characters). Every value is rendered as text. Renders
 * nothing when no record was kept.
 */
export function IdentificationAttempts({ record }: { record: IdentificationRecord | undefined }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  if (!record) return null;
  const when = formatLastSeen(record.at, i18n.language) ?? '';
  const intro = record.chosenKind
    ? t('devices.identification.introChosen', { kind: t(`devices.kind.${record.chosenKind}`), when })
    : t('devices.identification.intro', { when });
  return (
    <section aria-labelledby={headingId} data-testid="identification-attempts">
      <h3 id={headingId}>{t('devices.identification.title')}</h3>
      <p className="muted">{intro}</p>
      <ol>
        {record.attempts.map((attempt, index) => (
          <Attempt key={index} attempt={attempt} />
        ))}
      </ol>
      <p className="muted">{t('devices.identification.nextStep')}</p>
    </section>
  );
}
