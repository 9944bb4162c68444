/// <reference lib="dom" />
import type { Page, TestInfo } from '@playwright/test';

/**
 * Words that stay as they are in every language: product and vendor names, protocols and formats, units.
 * Matched case-sensitively as whole tokens before the scan looks for English words.
 */
export const ALLOWED_TOKENS: readonly string[] = [
  'Face Commissioner',
  'Alibaba Cloud IoT',
  'Alibaba Cloud',
  'Alibaba',
  'Aliyun',
  'Sophon',
  'BAS-IP',
  'Tuya',
  'OpenAPI',
  'Access ID',
  'Access Secret',
  'AccessKey ID',
  'AccessKey Secret',
  'AccessKey',
  'IoT',
  'API',
  'HTTPS',
  'HTTP',
  'http',
  'https',
  'mDNS',
  'CIDR',
  'CSV',
  'Excel',
  'HTML',
  'PDF',
  'JSON',
  'UTF-8',
  'GBK',
  'Wi-Fi',
  'LAN',
  'IPv4',
  'IP',
  'ID',
  'id',
  'ids',
  'uid',
  'MB',
  'KB',
  'ms',
  'fcom',
];

/** One visible text that reads as an English sentence, and where it was seen. */
export interface EnglishText {
  view: string;
  text: string;
}

/** Two or more English words (letters only, two letters or more) in a row, separated by spaces or punctuation. */
const ENGLISH_RUN = /[A-Za-z]{2,}(?:[ \t,.:;!?'’()/&-]+[A-Za-z]{2,})+/;

/** Tokens that are data, never words: addresses, URLs, file names, ids with digits, snake_case keys. */
const DATA_TOKENS: readonly RegExp[] = [
  /\bhttps?:\/\/\S+/g,
  /\b\S+\.(?:csv|xlsx|xls|html|pdf|json|txt)\b/gi,
  /\b[\w.-]*\d[\w.:/-]*\b/g,
  /\b[a-z]+(?:_[a-z]+)+\b/g,
  // Host names (api.link.aliyun.com) and the core's codes shown in a code column (task:failed, plan:no-id).
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\b/gi,
  /\b[a-z]+:[a-z][a-z-]*\b/g,
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The part of `text` that reads as an English sentence once the allowed tokens (`ALLOWED_TOKENS` and the test's
 * own data, such as device and people names) and data tokens are taken out; null when none does.
 */
export function englishRun(text: string, data: readonly string[] = []): string | null {
  let rest = ` ${text} `;
  // Longest first, so "Alibaba Cloud IoT" goes before "Alibaba".
  const allowed = [...data, ...ALLOWED_TOKENS].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  for (const token of allowed) rest = rest.replace(new RegExp(`(?<![A-Za-z])${escape(token)}(?![A-Za-z])`, 'g'), ' | ');
  for (const pattern of DATA_TOKENS) rest = rest.replace(pattern, ' | ');
  const match = ENGLISH_RUN.exec(rest);
  return match ? match[0] : null;
}

/**
 * Every visible text of the page (text nodes whose element is rendered, placeholders of visible inputs, the
 * options of visible selects), trimmed and without duplicates.
 */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown = (element: Element | null): boolean => {
      if (!element) return false;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      return element.getClientRects().length > 0;
    };
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (text === '' || !parent || parent.closest('script,style,noscript')) continue;
      if (parent.tagName === 'OPTION') {
        if (shown(parent.closest('select'))) found.add(text);
      } else if (shown(parent)) found.add(text);
    }
    for (const input of document.querySelectorAll('input[placeholder],textarea[placeholder]')) {
      const placeholder = input.getAttribute('placeholder')?.trim();
      if (placeholder && shown(input)) found.add(placeholder);
    }
    return [...found];
  });
}

/** Scans the page as it is now and answers every English sentence in it, tagged with `view`. */
export async function scanForEnglish(page: Page, view: string, data: readonly string[]): Promise<EnglishText[]> {
  const texts = await visibleTexts(page);
  return texts.filter((text) => englishRun(text, data) !== null).map((text) => ({ view, text }));
}

/**
 * Takes a full-page screenshot of the page as it is now, kept in the test's output folder (`--output`) and
 * attached to its artefacts.
 */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
