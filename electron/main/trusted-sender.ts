/**
 * Whether an IPC message comes from the app's own page: the built renderer loaded from a `file:` URL
 * inside the app, or the dev server's exact origin during development. Anything else is refused.
 */
export function isTrustedSenderUrl(senderUrl: string, rendererFileUrl: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(senderUrl);
  } catch {
    return false;
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (url.origin === dev.origin) return true;
  }
  if (url.protocol !== 'file:') return false;
  const expected = new URL(rendererFileUrl);
  return url.pathname === expected.pathname;
}
