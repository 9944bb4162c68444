import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * The app's own scheme: the built renderer is served as `app://face-commissioner/…` by a protocol handler
 * (index.ts wires {@link resolveAppAsset} to `protocol.handle`) instead of `file://`, so the page has the
 * rights of one standard, secure origin and no file:// extras (the `grantFileProtocolExtraPrivileges` fuse is off).
 */
export const APP_SCHEME = 'app';

/** The host of every app:// URL. */
export const APP_HOST = 'face-commissioner';

/** The app's page. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The privileges the scheme is registered with before ready (`protocol.registerSchemesAsPrivileged`): a standard
 * origin (relative URLs, 'self' in the CSP, module scripts) that is secure; nothing that bypasses the CSP.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/**
 * The file under `root` (the built renderer folder) an app:// URL names, or null for anything else: another
 * scheme or host, an encoded or literal `..`, a backslash, a NUL, or a path that would leave `root`.
 * `/` is the index page.
 */
export function resolveAppAsset(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((part) => part === '..')) return null;
  const file = normalize(join(root, path));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}
