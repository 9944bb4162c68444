import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IssueFilterSchema,
  ValidityFilterSchema,
  type PermissionFilter,
} from '../../../../../shared/domain/permission-browser.ts';
import { useAppStore } from '../../../store/store-context.tsx';
import { SelectField } from '../../settings/form-parts.tsx';

type Texts = Record<'name' | 'mobile' | 'personCode' | 'organisationId' | 'channelName' | 'deviceName', string>;
type Choices = Record<'validity' | 'channel' | 'face' | 'card' | 'fingerprint', string>;

const EMPTY_TEXTS: Texts = {
  name: '',
  mobile: '',
  personCode: '',
  organisationId: '',
  channelName: '',
  deviceName: '',
};
const EMPTY_CHOICES: Choices = { validity: '', channel: '', face: '', card: '', fingerprint: '' };

/** The filter the form's values make (empty fields are left out). */
function filterOf(texts: Texts, choices: Choices): PermissionFilter {
  const filter: PermissionFilter = {};
  for (const [key, value] of Object.entries(texts) as [keyof Texts, string][]) {
    if (value.trim() !== '') filter[key] = value.trim();
  }
  const validity = ValidityFilterSchema.safeParse(choices.validity);
  if (validity.success) filter.validity = validity.data;
  if (choices.channel !== '') filter.channelIds = [choices.channel];
  for (const kind of ['face', 'card', 'fingerprint'] as const) {
    const state = IssueFilterSchema.safeParse(choices[kind]);
    if (state.success) filter[kind] = state.data;
  }
  return filter;
}

/** A labelled text input of the filter form. */
function TextFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" maxLength={100} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** The browser's filters: the vendor query's person, validity, channel, device and issue-state filters. */
export function BrowseFilters() {
  const { t } = useTranslation();
  const channels = useAppStore((s) => s.channels);
  const apply = useAppStore((s) => s.applyBrowseFilter);
  const loading = useAppStore((s) => s.browseLoading);
  const [texts, setTexts] = useState<Texts>(EMPTY_TEXTS);
  const [choices, setChoices] = useState<Choices>(EMPTY_CHOICES);
  const text = (key: keyof Texts) => (value: string) => setTexts({ ...texts, [key]: value });
  const choose = (key: keyof Choices) => (value: string) => setChoices({ ...choices, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void apply(filterOf(texts, choices));
  };
  const issueSelect = (kind: 'face' | 'card' | 'fingerprint') => (
    <SelectField label={t(`permBrowser.filters.${kind}`)} value={choices[kind]} onChange={choose(kind)}>
      <option value="">{t('permBrowser.filters.any')}</option>
      {IssueFilterSchema.options.map((state) => (
        <option key={state} value={state}>
          {t(`permBrowser.state.${state}`)}
        </option>
      ))}
    </SelectField>
  );
  return (
    <form className="panel browse-filters" aria-label={t('permBrowser.filters.title')} onSubmit={submit}>
      <h2>{t('permBrowser.filters.title')}</h2>
      <div className="filter-grid">
        <TextFilter label={t('permBrowser.filters.name')} value={texts.name} onChange={text('name')} />
        <TextFilter
          label={t('permBrowser.filters.personCode')}
          value={texts.personCode}
          onChange={text('personCode')}
        />
        <TextFilter label={t('permBrowser.filters.mobile')} value={texts.mobile} onChange={text('mobile')} />
        <TextFilter
          label={t('permBrowser.filters.organisationId')}
          value={texts.organisationId}
          onChange={text('organisationId')}
        />
        <SelectField label={t('permBrowser.filters.channel')} value={choices.channel} onChange={choose('channel')}>
          <option value="">{t('permBrowser.filters.allChannels')}</option>
          {(channels ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name ?? c.id}
            </option>
          ))}
        </SelectField>
        <TextFilter
          label={t('permBrowser.filters.channelName')}
          value={texts.channelName}
          onChange={text('channelName')}
        />
        <TextFilter
          label={t('permBrowser.filters.deviceName')}
          value={texts.deviceName}
          onChange={text('deviceName')}
        />
        <SelectField label={t('permBrowser.filters.validity')} value={choices.validity} onChange={choose('validity')}>
          <option value="">{t('permBrowser.filters.any')}</option>
          {ValidityFilterSchema.options.map((v) => (
            <option key={v} value={v}>
              {t(`permBrowser.filters.validities.${v}`)}
            </option>
          ))}
        </SelectField>
        {issueSelect('face')}
        {issueSelect('card')}
        {issueSelect('fingerprint')}
      </div>
      <div className="actions">
        <button type="submit" disabled={loading}>
          {t('permBrowser.filters.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setTexts(EMPTY_TEXTS);
            setChoices(EMPTY_CHOICES);
            void apply({});
          }}
        >
          {t('permBrowser.filters.clear')}
        </button>
      </div>
    </form>
  );
}
