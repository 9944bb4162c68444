import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../../../shared/domain/terminal.ts';
import { jobItem as item } from '../../../../test/support/jobs/job-item.ts';
import { createI18n } from '../../i18n/index.ts';
import { JobResultRow } from './JobResultRow.tsx';
import { paintResultRow } from './result-row-paint.ts';
import { resultRowText, type ResultRowText } from './result-row-text.ts';
import { parseMarkup, type FakeElement } from '../testing/markup-dom.ts';

const LOADING = 'Loading…';

const TERMINAL = {
  serial: 'SPH-1',
  kind: 'sophon',
  name: 'Entrance',
  address: '192.0.2.10',
  port: 80,
  online: true,
} as unknown as Terminal;

/** What React renders for a row showing `text` (null: loading), parsed into a small DOM the painter can write. */
function rendered(index: number, text: ResultRowText | null): FakeElement {
  const html = renderToStaticMarkup(
    <JobResultRow id="row-3" index={index} top={index * 36} text={text} loading={LOADING} />,
  );
  return parseMarkup(html);
}

describe('paintResultRow: a pooled row shows what React renders for the item it is given', async () => {
  const t = (await createI18n('en')).t;
  const texts = {
    loaded: resultRowText(t, 'en', item(1), TERMINAL, false),
    // Its terminal left the inventory: no address under the serial; a failure with a reason and a code.
    orphan: resultRowText(
      t,
      'en',
      item(2, { terminal: 'GONE-9', outcome: 'failed', evidence: null, rawCode: '500', attempts: 3 }),
      undefined,
      false,
    ),
    queued: resultRowText(t, 'en', item(3, { outcome: 'queued', evidence: null }), TERMINAL, true),
    loading: null,
  };

  for (const [fromName, from] of Object.entries(texts)) {
    for (const [toName, to] of Object.entries(texts)) {
      it(`paints a row that showed ${fromName} as ${toName}`, () => {
        const row = rendered(4, from);
        paintResultRow(row.asElement(), 57, 57 * 36, to, LOADING);
        expect(row.canonical()).toBe(rendered(57, to).canonical());
      });
    }
  }

  it('writes nothing to a row that already shows the item (it keeps its text nodes)', () => {
    const row = rendered(4, texts.orphan);
    paintResultRow(row.asElement(), 4, 4 * 36, texts.orphan, LOADING);
    const before = row.writes;
    const node = row.children[2]?.firstChild;
    paintResultRow(row.asElement(), 5, 5 * 36, texts.loaded, LOADING);
    expect(row.writes).toBeGreaterThan(before);
    expect(row.children[2]?.firstChild).toBe(node);
    const after = row.writes;
    paintResultRow(row.asElement(), 5, 5 * 36, texts.loaded, LOADING);
    expect(row.writes).toBe(after);
  });
});
