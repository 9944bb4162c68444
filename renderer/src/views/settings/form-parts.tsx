import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloudName } from '../../../../shared/domain/cloud.ts';
import { errorMessageKey } from '../../components/ErrorBanner.tsx';
import { useAppStore } from '../../store/store-context.tsx';

/** A labelled select with an optional hint under it. */
export function SelectField({
  label,
  value,
  onChange,
  children,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {children}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * A write-only secret: a password input that never shows the saved value, with whether one is saved
 * ("Saved" / "Not set"). Empty input keeps the saved value.
 */
export function SecretField({
  label,
  saved,
  value,
  onChange,
}: {
  label: string;
  saved: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const state = saved ? t('cloudSettings.saved') : t('cloudSettings.notSet');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <span className={saved ? 'badge badge-ok' : 'badge badge-warn'}>{state}</span>
      </label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className="field-hint">
        {t('cloudSettings.secretHint', { state })}
      </p>
    </div>
  );
}

/** "Test connection" of a cloud and its result (OK with what was checked, or what to fix). */
export function TestConnection({ cloud, disabled }: { cloud: CloudName; disabled?: boolean }) {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.cloudTests[cloud]);
  const test = useAppStore((s) => s.testCloud);
  const running = state?.status === 'running';
  let text = '';
  if (state?.status === 'ok') {
    // What was checked, from its message code (an older host's answer has only the English detail).
    const { messageCode, params, detail } = state.result;
    text = t('cloudSettings.testOk', {
      ms: state.result.latencyMs,
      detail: messageCode ? t(`codes.${messageCode}`, params ?? {}) : detail,
    });
  } else if (state?.status === 'failed') {
    text = t('cloudSettings.testFailed', {
      message: t(errorMessageKey(state.error), { message: state.error.message }),
    });
  }
  return (
    <>
      <button type="button" disabled={disabled === true || running} onClick={() => void test(cloud)}>
        {running ? t('cloudSettings.testing') : t('cloudSettings.test')}
      </button>
      <p
        role="status"
        className={state?.status === 'failed' ? 'test-result test-failed' : 'test-result'}
        data-testid={`cloud-test-${cloud}`}
        data-state={state?.status ?? 'idle'}
      >
        {text}
      </p>
    </>
  );
}

/** Parses a whole number in a range; null when it is not one. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const value = Number(text);
  return /^\d+$/.test(text.trim()) && value >= min && value <= max ? value : null;
}
