/** How long a download's object URL stays valid after the click (the browser reads it asynchronously). */
const REVOKE_AFTER_MS = 60_000;

/** The bytes of base64 text (an Excel workbook sent across the contract). */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves a file through a temporary `blob:` link: a download in the browser host (the desktop app denies
 * downloads and saves through `files:save-as` instead, see the store's `saveFile`). Text is written as UTF-8
 * (a CSV's byte-order mark is kept); `base64` content is written as the bytes it stands for.
 */
export function saveTextFile(
  fileName: string,
  content: string,
  type: string,
  encoding: 'utf8' | 'base64' = 'utf8',
): void {
  const body = encoding === 'base64' ? bytesOfBase64(content) : content;
  const url = URL.createObjectURL(new Blob([body], { type }));
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
