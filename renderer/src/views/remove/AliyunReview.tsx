import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AliyunRemovalPlan } from '../../store/removal/aliyun-target.ts';
import { formatCount } from '../devices/format.ts';

/** Ids listed in full on the review; the rest are counted. */
const SHOWN_IDS = 10;

/** "3 devices" or "2 spaces": the scope of an Alibaba removal, in the user's language. */
export function scopesText(t: TFunction, plan: AliyunRemovalPlan): string {
  const count = plan.request.scopeIds.length;
  return plan.request.scopeType === 'IOT_ID'
    ? t('remove.aliyun.review.devices', { count })
    : t('remove.aliyun.review.spaces', { count });
}

/**
 * The Alibaba part of the review: how many user ids of which type leave how many devices or spaces, in how
 * many requests (the batch size of the settings), and the ids themselves (the first ten).
 */
export function AliyunReview({ plan, terminalsToo }: { plan: AliyunRemovalPlan; terminalsToo: boolean }) {
  const { t, i18n } = useTranslation();
  const count = (value: number) => formatCount(value, i18n.language);
  const { scopeIds, userType } = plan.request;
  const shown = scopeIds.slice(0, SHOWN_IDS).join(', ');
  const ids =
    scopeIds.length > SHOWN_IDS
      ? t('remove.aliyun.review.more', { ids: shown, count: scopeIds.length - SHOWN_IDS })
      : shown;
  return (
    <section className="tool-card aliyun-review" aria-label={t('remove.aliyun.review.label')}>
      <h3>{t('remove.aliyun.title')}</h3>
      <p data-testid="aliyun-plan-summary">
        {t('remove.aliyun.review.summary', {
          count: plan.users,
          users: count(plan.users),
          userType: t(`cloudSettings.aliyun.userTypes.${userType}`),
          scopes: scopesText(t, plan),
          pairs: t('remove.aliyun.review.pairs', { count: plan.pairs }),
          requests: t('remove.aliyun.review.requests', { count: plan.requests }),
          batch: plan.batchSize,
        })}
      </p>
      <p className="muted" data-testid="aliyun-plan-ids">
        {t('remove.aliyun.review.ids', { ids })}
      </p>
      {!terminalsToo && <p className="muted">{t('remove.aliyun.review.noTerminals')}</p>}
    </section>
  );
}
