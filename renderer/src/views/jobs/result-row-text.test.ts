import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { jobItem as item } from '../../../../test/support/jobs/job-item.ts';
import { createI18n } from '../../i18n/index.ts';
import { cachedT, createRowTexts, resultRowText } from './result-row-text.ts';

const LOBBY = { serial: 'SPH-1', name: 'Lobby', address: '10.0.0.5', port: 80 } as Terminal;

async function translator(language: 'en' | 'zh-CN'): Promise<TFunction> {
  return (await createI18n(language)).t;
}

describe("the results table's row texts", () => {
  it('say what the row shows of its item, vendor words as plain text', async () => {
    const t = await translator('en');
    const failed = item(7, { outcome: 'failed', evidence: null, rawCode: '<b>E42</b>', reason: 'Busy <i>now</i>' });
    const text = resultRowText(t, 'en', failed, LOBBY, false);
    expect(text).toMatchObject({
      outcome: 'failed',
      evidence: 'none',
      terminalName: 'Lobby',
      terminalEndpoint: '10.0.0.5:80',
      terminalTitle: 'Lobby (10.0.0.5:80)',
      line: '9',
      name: 'Person 7',
      idTitle: 'identity_id: 100007',
      outcomeText: 'Failed',
      code: '<b>E42</b>',
      reason: 'Busy <i>now</i>',
      attempts: '1',
    });
    // A terminal gone from the inventory is named by its serial, with no address.
    expect(resultRowText(t, 'en', failed, undefined, false)).toMatchObject({
      terminalName: 'SPH-1',
      terminalEndpoint: null,
    });
  });

  it('are made once per item, and again when the language, the job kind or the terminal changes', async () => {
    const en = await translator('en');
    const zh = await translator('zh-CN');
    const textOf = createRowTexts();
    const first = item(1);
    const shown = textOf(en, 'en', first, LOBBY, false);
    expect(textOf(en, 'en', first, LOBBY, false)).toBe(shown);
    // A page read again brings other item objects: their texts are made afresh.
    const reread = item(1, { outcome: 'already-absent', evidence: 'not-found' });
    expect(textOf(en, 'en', reread, LOBBY, false).outcomeText).toBe('Already absent');
    expect(textOf(zh, 'zh-CN', first, LOBBY, false).outcomeText).toBe('已删除');
    expect(textOf(en, 'en', first, LOBBY, true).evidenceText).toBe('Cloud confirmed');
    const renamed = { ...LOBBY, name: 'Gate' };
    expect(textOf(en, 'en', first, renamed, false).terminalName).toBe('Gate');
  });

  it("give a row that moves to another item (a recycled slot) that item's texts, never the one before", async () => {
    const t = await translator('en');
    const textOf = createRowTexts();
    const page = Array.from({ length: 40 }, (_, seq) => item(seq, { outcome: seq % 2 === 0 ? 'removed' : 'failed' }));
    // Twenty slots, the window moving by 25 rows: each slot shows index first + slot, then first + 25 + slot.
    for (const first of [0, 25, 3, 28]) {
      for (let slot = 0; slot < 12; slot++) {
        const index = first + slot;
        const text = textOf(t, 'en', page[index]!, LOBBY, false);
        expect(text.name).toBe(`Person ${index}`);
        expect(text.outcome).toBe(index % 2 === 0 ? 'removed' : 'failed');
      }
    }
  });

  it('translate each key once per language', async () => {
    const calls: string[] = [];
    const counting = ((key: string) => {
      calls.push(key);
      return `<${key}>`;
    }) as unknown as TFunction;
    const t = cachedT(counting);
    expect(cachedT(counting)).toBe(t);
    expect(t('jobs.outcome.removed')).toBe('<jobs.outcome.removed>');
    expect(t('jobs.outcome.removed')).toBe('<jobs.outcome.removed>');
    expect(t('itemReasons.http', { status: '503' })).toBe('<itemReasons.http>');
    expect(t('itemReasons.http', { status: '500' })).toBe('<itemReasons.http>');
    expect(calls).toEqual(['jobs.outcome.removed', 'itemReasons.http', 'itemReasons.http']);
  });
});
