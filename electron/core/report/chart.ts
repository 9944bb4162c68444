import type { SyncCounts } from '../../../shared/domain/sync.ts';
import { escapeHtml } from './html-escape.ts';

/** The bars of the outcome chart, in order, with their labels (English · Chinese) and colours. */
export const CHART_BARS: ReadonlyArray<{ key: keyof SyncCounts; label: string; colour: string }> = [
  { key: 'done', label: 'Done · 完成', colour: '#2e7d32' },
  { key: 'needs-attention', label: 'Needs attention · 需处理', colour: '#c62828' },
  { key: 'queued', label: 'Queued · 排队', colour: '#ef6c00' },
  { key: 'running', label: 'Running · 进行中', colour: '#1565c0' },
  { key: 'discarded', label: 'Discarded · 已放弃', colour: '#757575' },
];

const WIDTH = 760;
const LABEL = 190;
const BAR = 26;
const GAP = 10;
/**
 * Room right of the longest bar for its count and note ("4 (1 already absent · 1 项原本不存在)", 13 px text):
 * the note is never cut at the chart's edge.
 */
const NOTE_ROOM = 280;

/**
 * A horizontal bar chart of operation outcomes as inline SVG (no script, no external resource, prints in
 * colour or grey). Bars are scaled to the largest count; each shows its count, the done bar how many were
 * already absent and the needs-attention bar how many are unconfirmed.
 */
export function outcomeChart(counts: SyncCounts, alreadyAbsent: number, unconfirmed = 0): string {
  const max = Math.max(1, ...CHART_BARS.map((b) => counts[b.key]));
  const span = WIDTH - LABEL - NOTE_ROOM;
  const height = CHART_BARS.length * (BAR + GAP) + GAP;
  const rows = CHART_BARS.map((bar, index) => {
    const y = GAP + index * (BAR + GAP);
    const value = counts[bar.key];
    const width = value === 0 ? 0 : Math.max(2, Math.round((value / max) * span));
    const note =
      bar.key === 'done' && alreadyAbsent > 0
        ? ` (${alreadyAbsent} already absent · ${alreadyAbsent} 项原本不存在)`
        : bar.key === 'needs-attention' && unconfirmed > 0
          ? ` (${unconfirmed} unconfirmed · ${unconfirmed} 项未确认)`
          : '';
    return [
      `<text x="${LABEL - 8}" y="${y + BAR / 2 + 5}" text-anchor="end">${escapeHtml(bar.label)}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${width}" height="${BAR}" fill="${bar.colour}" rx="3"></rect>`,
      `<text x="${LABEL + width + 6}" y="${y + BAR / 2 + 5}">${escapeHtml(`${value}${note}`)}</text>`,
    ].join('');
  }).join('\n');
  return [
    `<svg class="chart" role="img" aria-label="Operations by outcome" xmlns="http://www.w3.org/2000/svg"`,
    ` viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="13">`,
    `<title>Operations by outcome</title>\n${rows}\n</svg>`,
  ].join('');
}
