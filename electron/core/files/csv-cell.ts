/**
 * Characters that make a spreadsheet (Excel, LibreOffice, WPS) run a cell as a formula when they open it:
 * = + - @, a tab or a line break, and their full-width forms ＝ ＋ － ＠ (WPS and Excel with East Asian input
 * treat those as the ASCII ones). Leading spaces do not stop it.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/**
 * The one formula guard of every exporter: text a spreadsheet would run as a formula gets a leading apostrophe
 * (shown as text, the value itself unchanged after it). Every exported text column goes through it: names, ids,
 * labels and the terminal column, whose text a device chooses.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell: null is empty, text is formula-guarded ({@link guardFormula}), then quoted when it holds a quote,
 * comma or line break. Numbers and booleans are written as they are (a negative number is not a formula).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? guardFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
