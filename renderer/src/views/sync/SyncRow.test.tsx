import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../../shared/domain/sync.ts';
import { createI18n } from '../../i18n/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { StoreProvider } from '../../store/store-context.tsx';
import { fakeApi } from '../../store/testing/fake-api.ts';
import { SyncRow } from './SyncRow.tsx';

const operation = (outcome: string): Operation => ({
  id: 'removal:7',
  source: 'removal',
  jobId: 'job-1',
  jobLabel: null,
  kind: 'remove-person',
  targetKind: 'terminal',
  target: 'SPH-1',
  targetName: 'Gate',
  channel: null,
  subject: '100001',
  subjectName: null,
  state: 'needs-attention',
  outcome,
  reasonCode: 'failed',
  reason: null,
  rawCode: null,
  attempts: 1,
  retryable: true,
  queuedAt: null,
  syncedAt: null,
  updatedAt: 0,
  discardedBy: null,
  discardedAt: null,
  drift: null,
});

async function render(op: Operation): Promise<string> {
  const store = createAppStore(fakeApi().api);
  store.setState({ syncRows: { 0: op } });
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <I18nextProvider i18n={await createI18n('en')}>
      <StoreProvider store={rendered}>
        <SyncRow index={0} top={0} onDiscard={() => undefined} />
      </StoreProvider>
    </I18nextProvider>,
  );
}

describe('SyncRow', () => {
  it('says an unconfirmed removal is unconfirmed, not failed after every retry', async () => {
    const unconfirmed = await render(operation('unconfirmed'));
    expect(unconfirmed).toContain('Unconfirmed: the request went out');
    expect(unconfirmed).not.toContain('This failed after every retry');
    expect(await render(operation('failed'))).toContain('This failed after every retry');
  });

  it('says a queued operation’s reason once: the sentence, the engine’s repeat of it only in the tooltip (issue 18)', async () => {
    const queued: Operation = {
      ...operation('queued'),
      state: 'queued',
      reasonCode: 'cloud-unreachable',
      reason: 'The Tuya cloud does not answer. It is sent once the cloud answers again.',
    };
    const html = await render(queued);
    expect(html.match(/cannot be reached/g)).toHaveLength(2); // the cell, and its tooltip
    expect(html.match(/does not answer/g)).toHaveLength(1); // the tooltip only
    expect(html).not.toMatch(/>[^<]*does not answer[^<]*</);
    // A failure's detail says what the sentence does not: shown.
    const failed = await render({ ...operation('failed'), reason: 'HTTP 500 from the terminal' });
    expect(failed).toMatch(/>[^<]*HTTP 500 from the terminal[^<]*</);
  });
});
