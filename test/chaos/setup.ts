import type { AppLauncher } from './app-process.ts';
import { ALIYUN_APP, TUYA_CLIENT, type ChaosSite } from './site.ts';

/** The app's per-request time-out to terminals in a chaos run (ms): short, so lost answers come quickly. */
export const CHAOS_REQUEST_TIMEOUT_MS = 2000;

async function must(launcher: AppLauncher, args: string[]): Promise<void> {
  const run = await launcher.run('setup', args);
  if (run.code !== 0) throw new Error(`fcom ${args.join(' ')} failed (${run.code}): ${run.stderr ?? ''}`);
}

/**
 * Configures the app's data directory through `fcom`: every terminal added by address (BAS-IP with the
 * simulator's admin/123456), small batches and a short request time-out, and both clouds.
 */
export async function configureApp(site: ChaosSite, launcher: AppLauncher): Promise<void> {
  for (const t of site.terminals) {
    const credentials = t.kind === 'basip' ? ['--username', 'admin', '--password', '123456'] : [];
    await must(launcher, ['devices', 'add', `127.0.0.1:${t.port}`, '--kind', t.kind, ...credentials]);
  }
  await must(launcher, [
    'settings',
    'set',
    '--sophon-batch-size',
    '8',
    '--basip-batch-size',
    '8',
    '--request-timeout',
    String(CHAOS_REQUEST_TIMEOUT_MS),
  ]);
  await must(launcher, [
    'cloud',
    'config',
    '--tuya-base-url',
    site.tuya.origin,
    '--tuya-project',
    site.tuya.projectId,
    '--tuya-client-id',
    TUYA_CLIENT.id,
    '--tuya-client-secret',
    TUYA_CLIENT.secret,
    '--aliyun-host',
    site.aliyun.origin,
    '--aliyun-project',
    ALIYUN_APP.project,
    '--aliyun-app-key',
    ALIYUN_APP.key,
    '--aliyun-app-secret',
    ALIYUN_APP.secret,
    '--aliyun-batch-size',
    '5',
    '--aliyun-rps',
    '20',
  ]);
}
