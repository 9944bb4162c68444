import { isAppPageUrl } from './web-policy.ts';

/**
 * Whether an IPC message comes from the app's own page: the built renderer loaded from a `file:` URL
 * inside the app (same path, and no other host: a Windows share is refused), or the dev server's exact origin
 * during development. Anything else is refused.
 */
export function isTrustedSenderUrl(senderUrl: string, rendererFileUrl: string, devServerUrl?: string): boolean {
  return isAppPageUrl(senderUrl, { rendererUrl: rendererFileUrl, devServerUrl });
}
