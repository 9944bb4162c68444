import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/domain/sync.ts';
import { createI18n } from '../../i18n/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { StoreProvider } from '../../store/store-context.tsx';
import { fakeApi } from '../../store/testing/fake-api.ts';
import { SyncTargets } from './SyncTargets.tsx';

const status = (clouds: SyncStatus['clouds']): Partial<SyncStatus> => ({
  targets: [
    {
      targetKind: 'terminal',
      target: 'EC5C38EB9013',
      name: 'AA-12FB entrance panel',
      reachable: true,
      queued: 0,
      needsAttention: 2,
    },
    {
      targetKind: 'terminal',
      target: '83C4E736EB17',
      name: 'AA-12FB entrance panel',
      reachable: false,
      queued: 4,
      needsAttention: 0,
    },
    { targetKind: 'cloud', target: 'tuya', name: 'Tuya cloud', reachable: false, queued: 3, needsAttention: 0 },
  ],
  clouds,
});

const cloud = (id: string, reachability: 'reachable' | 'unreachable'): SyncStatus['clouds'][number] => ({
  cloud: id,
  reachability,
  credentialsRejected: false,
  lastProbeAt: 1,
  nextProbeAt: reachability === 'unreachable' ? 2 : null,
  error: null,
});

async function render(language: 'en' | 'zh-CN', clouds: SyncStatus['clouds']): Promise<string> {
  const store = createAppStore(fakeApi().api);
  store.setState({ syncStatus: status(clouds) as SyncStatus });
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <I18nextProvider i18n={await createI18n(language)}>
      <StoreProvider store={rendered}>
        <SyncTargets />
      </StoreProvider>
    </I18nextProvider>,
  );
}

/** The text of each line of the list. */
const lines = (html: string): string[] =>
  [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));

describe('sync targets (issue 18: one source for each cloud, names that tell terminals apart)', () => {
  it('says a cloud once: its queued work with the connectivity monitor’s word, never a second line beside it', async () => {
    const html = await render('en', [cloud('tuya', 'unreachable'), cloud('aliyun', 'reachable')]);
    const tuya = lines(html).filter((line) => line.includes('Tuya cloud'));
    expect(tuya).toHaveLength(1);
    expect(tuya[0]).toMatch(/^Tuya cloud: 3 queued, 0 need attention \(unreachable, next try .+\)$/);
    expect(html).not.toMatch(/>\s*tuya\s*:/);
    expect(lines(html)).toContain('Alibaba Cloud: reachable');
  });

  it('names clouds in the user’s language and tells two panels of one model apart by their serials', async () => {
    const html = await render('zh-CN', [cloud('tuya', 'reachable')]);
    expect(html).not.toContain('Tuya cloud');
    expect(lines(html).filter((line) => line.includes('涂鸦云'))).toEqual([expect.stringContaining('可连接')]);
    const panels = lines(html).filter((line) => line.includes('AA-12FB entrance panel'));
    expect(panels).toHaveLength(2);
    expect(panels[0]).toContain('EC5C38EB9013');
    expect(panels[1]).toContain('83C4E736EB17');
  });
});
