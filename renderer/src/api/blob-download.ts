/** How long a download's object URL stays valid after the click (the browser reads it asynchronously). */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves text as a file through a temporary `blob:` link: a download in the browser host (the desktop app
 * denies downloads and saves through `files:save-as` instead, see the store's `saveFile`). The text is
 * written as UTF-8 (a CSV's byte-order mark is kept).
 */
export function saveTextFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
