/**
 * The browser's way to a PDF of the report: the report page in a new tab, then the browser's print dialog
 * (Print → Save as PDF). The tab is opened by the click itself (before the report is built, so no pop-up
 * blocker stops it), then filled and printed.
 */

/** Opens an empty tab for the report, or null when the browser blocked it. Call it inside the click handler. */
export function openReportTab(): Window | null {
  return window.open('', '_blank');
}

/**
 * Writes the report's HTML into the tab and opens its print dialog. The empty tab inherits the app's
 * Content-Security-Policy, which refuses the report's inline `<style>`: the same rules (print CSS included)
 * are applied as a constructed stylesheet, which that policy does not govern.
 */
export function printReportIn(tab: Window, html: string): void {
  const page = tab.document;
  page.open();
  page.write(html);
  page.close();
  const rules = [...page.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
  const sheet = new (tab as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(rules);
  page.adoptedStyleSheets = [sheet];
  tab.focus();
  tab.print();
}
