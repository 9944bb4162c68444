import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AliyunScopeTypeSchema, AliyunUserTypeSchema } from '../../../../shared/domain/cloud.ts';
import { parseScopeIds, scopeIdsVerdict, type ScopeIdsVerdict } from '../../store/removal/aliyun-target.ts';
import { useAppStore } from '../../store/store-context.tsx';
import './aliyun-targets.css';

/** The sentence saying why pasted ids cannot be sent, in the user's language. */
export function scopeIdsProblemText(t: TFunction, verdict: NonNullable<ScopeIdsVerdict>): string {
  switch (verdict.kind) {
    case 'empty':
      return t('remove.aliyun.problems.empty');
    case 'tooMany':
      return t('remove.aliyun.problems.tooMany', { count: verdict.count });
    case 'invalid':
      return t(`remove.aliyun.problems.${verdict.problem}`, {
        id: verdict.id,
        count: verdict.count,
        more: verdict.count - 1,
      });
  }
}

/** The ids box: the pasted device or space ids, how many were read, and what is wrong with them. */
function ScopeIdsField() {
  const { t } = useTranslation();
  const id = useId();
  const noteId = `${id}-note`;
  const target = useAppStore((s) => s.removalWizard.aliyun);
  const set = useAppStore((s) => s.setAliyunTarget);
  const parsed = parseScopeIds(target.idsText);
  const verdict = scopeIdsVerdict(parsed);
  // An empty box is a hint, not an error, until something is typed.
  const problem = verdict && verdict.kind !== 'empty' ? scopeIdsProblemText(t, verdict) : null;
  const counted = [
    t('remove.aliyun.counted', { count: parsed.ids.length }),
    parsed.duplicates > 0 ? t('remove.aliyun.duplicates', { count: parsed.duplicates }) : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
  return (
    <div className="field">
      <label htmlFor={id}>{t(`remove.aliyun.ids.${target.scopeType}`)}</label>
      <textarea
        id={id}
        className="paste-box aliyun-ids"
        rows={4}
        spellCheck={false}
        value={target.idsText}
        placeholder={t('remove.aliyun.idsPlaceholder')}
        aria-invalid={problem ? true : undefined}
        aria-describedby={noteId}
        onChange={(event) => set({ idsText: event.target.value })}
      />
      <p id={noteId} className={problem ? 'field-problem' : 'field-hint'} data-testid="aliyun-ids-note">
        {problem ?? (verdict?.kind === 'empty' ? t('remove.aliyun.problems.empty') : counted)}
      </p>
    </div>
  );
}

/** The scope type (devices or spaces), the ids and the user type of an Alibaba removal. */
function AliyunFields({ defaultUserType }: { defaultUserType: string }) {
  const { t } = useTranslation();
  const name = useId();
  const target = useAppStore((s) => s.removalWizard.aliyun);
  const set = useAppStore((s) => s.setAliyunTarget);
  const noUsers = useAppStore((s) => (s.removalWizard.draft?.cloudUsers ?? 0) === 0);
  const userType = target.userType ?? defaultUserType;
  return (
    <>
      <fieldset className="radio-group">
        <legend>{t('remove.aliyun.scopeType')}</legend>
        {AliyunScopeTypeSchema.options.map((type) => (
          <label key={type} className="check">
            <input
              type="radio"
              name={`${name}-scope`}
              value={type}
              checked={target.scopeType === type}
              onChange={() => set({ scopeType: type })}
            />
            {t(`remove.aliyun.scopeTypes.${type}`)}
          </label>
        ))}
      </fieldset>
      <ScopeIdsField />
      <fieldset className="radio-group user-types">
        <legend>{t('remove.aliyun.userType')}</legend>
        {AliyunUserTypeSchema.options.map((type) => (
          <label key={type} className="check user-type">
            <input
              type="radio"
              name={`${name}-user`}
              value={type}
              checked={userType === type}
              onChange={() => set({ userType: type })}
            />
            <span>
              <span className="user-type-name">{t(`cloudSettings.aliyun.userTypes.${type}`)}</span>
              <span className="muted user-type-help">{t(`remove.aliyun.userTypeHelp.${type}`)}</span>
            </span>
          </label>
        ))}
        <p className="field-hint">{t('remove.aliyun.userTypeHint')}</p>
      </fieldset>
      {noUsers && <p className="field-problem">{t('remove.aliyun.problems.noUsers')}</p>}
    </>
  );
}

/**
 * The Alibaba Cloud targets of the removal wizard, beside the terminals: enabled only when the Alibaba account
 * is set up (else a hint and a way to Settings); devices (IOT_ID) or spaces (SPACE_ID), their ids, and the
 * user type of the people's ids (the settings' default unless chosen here).
 */
export function AliyunTargets() {
  const { t } = useTranslation();
  const headingId = useId();
  const config = useAppStore((s) => s.cloudConfig?.aliyun ?? null);
  const load = useAppStore((s) => s.loadCloudConfig);
  const showSection = useAppStore((s) => s.showSection);
  const enabled = useAppStore((s) => s.removalWizard.aliyun.enabled);
  const set = useAppStore((s) => s.setAliyunTarget);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="tool-card aliyun-targets" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('remove.aliyun.title')}</h3>
      {config === null ? (
        <p className="muted" role="status">
          {t('remove.aliyun.loading')}
        </p>
      ) : !config.configured ? (
        <div className="aliyun-not-configured">
          <p className="muted">{t('remove.aliyun.notConfigured')}</p>
          <button type="button" onClick={() => showSection('settings')}>
            {t('remove.aliyun.openSettings')}
          </button>
        </div>
      ) : (
        <>
          <label className="check">
            <input type="checkbox" checked={enabled} onChange={(event) => set({ enabled: event.target.checked })} />
            <span>{t('remove.aliyun.enable')}</span>
          </label>
          <p className="field-hint">{t('remove.aliyun.enableHint')}</p>
          {enabled && <AliyunFields defaultUserType={config.settings.userType} />}
        </>
      )}
    </section>
  );
}
