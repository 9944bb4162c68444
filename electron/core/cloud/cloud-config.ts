import {
  AliyunSettingsSchema,
  TuyaSettingsSchema,
  type AliyunSettings,
  type CloudConfig,
  type CloudName,
  type CloudSettings,
  type SetCloudConfig,
  type TuyaSettings,
} from '../../../shared/domain/cloud.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { createAliyunClient, gatewayOrigin, type AliyunClient, type AliyunClientOptions } from './aliyun/client.ts';
import type { SharedTokenPort } from './aliyun/token.ts';
import { cloudError } from './cloud-errors.ts';
import { createTuyaClient, type TuyaClient, type TuyaClientOptions } from './tuya/client.ts';

/** SecretStore keys of the cloud credentials (values never reach the database or the UI). */
export const CLOUD_SECRET_KEYS = {
  tuyaClientId: 'cloud:tuya:client-id',
  tuyaClientSecret: 'cloud:tuya:client-secret',
  aliyunAppKey: 'cloud:aliyun:app-key',
  aliyunAppSecret: 'cloud:aliyun:app-secret',
  aliyunIotToken: 'cloud:aliyun:iot-token',
} as const;

/** A ready Tuya connection: the client (token kept between calls) and the project. */
export interface TuyaConnection {
  client: TuyaClient;
  projectId: string;
  settings: TuyaSettings;
}

/** A ready Alibaba Cloud connection. */
export interface AliyunConnection {
  client: AliyunClient;
  settings: AliyunSettings;
}

/** Test overrides of the clients (clock, sleeps, time-outs); the app passes none. */
export interface CloudClientOverrides {
  tuya?: Partial<TuyaClientOptions>;
  aliyun?: Partial<AliyunClientOptions>;
}

/** The cloud accounts: settings in the settings table, credentials in the SecretStore, clients built once. */
export interface CloudConfigService {
  /** Settings with defaults and which secrets are saved (never their values). */
  get(): Promise<CloudConfig>;
  /** Saves one cloud's settings and secrets (null deletes a secret); answers the new config. */
  set(request: SetCloudConfig): Promise<CloudConfig>;
  /** The Tuya connection; a `not-configured` cloud error says what is missing. */
  tuya(): Promise<TuyaConnection>;
  /** The Alibaba Cloud connection; a `not-configured` cloud error says what is missing. */
  aliyun(): Promise<AliyunConnection>;
  /** Called after every change of a cloud's config. */
  onChange(listener: (cloud: CloudName) => void): () => void;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/** Checks the Tuya data centre address: https, or http on loopback only (the simulator). */
export function checkTuyaBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw cloudError(
      'tuya',
      'invalid',
      `The Tuya data centre address "${baseUrl}" is not a web address. Choose a data centre or type an address like https://openapi.tuyaeu.com.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw cloudError(
      'tuya',
      'invalid',
      `The Tuya data centre address must start with https:// (plain http only on 127.0.0.1), not "${baseUrl}".`,
    );
  }
  return url.origin;
}

/** Checks the Alibaba gateway host: https (the default), or http on loopback only (the simulator). */
export function checkAliyunHost(host: string): void {
  try {
    gatewayOrigin(host);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw cloudError('aliyun', 'invalid', `${why} Choose a gateway or type a host like api.link.aliyun.com.`);
  }
}

function isLoopback(address: string): boolean {
  try {
    return LOOPBACK.test(new URL(/^[a-z]+:\/\//i.test(address) ? address : `https://${address}`).hostname);
  } catch {
    return false;
  }
}

/** Creates the {@link CloudConfigService}. */
export function createCloudConfig(deps: {
  settings: SettingsService;
  secrets: SecretStore;
  overrides?: CloudClientOverrides;
  /** The data directory's shared Alibaba project token (one token for every process on it); default: not shared. */
  sharedAliyunToken?: (appKey: string, appSecret: string, projectId: string) => SharedTokenPort;
}): CloudConfigService {
  const { settings, secrets } = deps;
  const listeners = new Set<(cloud: CloudName) => void>();
  const cache = new Map<CloudName, { fingerprint: string; connection: TuyaConnection | AliyunConnection }>();

  const stored = (): CloudSettings => settings.get().cloud ?? {};
  const tuyaSettings = (): TuyaSettings => TuyaSettingsSchema.parse(stored().tuya ?? {});
  const aliyunSettings = (): AliyunSettings => AliyunSettingsSchema.parse(stored().aliyun ?? {});
  const secret = async (key: string): Promise<string | undefined> => (await secrets.get(key)) || undefined;

  const get = async (): Promise<CloudConfig> => {
    const tuya = tuyaSettings();
    const aliyun = aliyunSettings();
    const has = async (key: string): Promise<boolean> => (await secret(key)) !== undefined;
    const tuyaSecrets = {
      clientId: await has(CLOUD_SECRET_KEYS.tuyaClientId),
      clientSecret: await has(CLOUD_SECRET_KEYS.tuyaClientSecret),
    };
    const aliyunSecrets = {
      appKey: await has(CLOUD_SECRET_KEYS.aliyunAppKey),
      appSecret: await has(CLOUD_SECRET_KEYS.aliyunAppSecret),
      iotToken: await has(CLOUD_SECRET_KEYS.aliyunIotToken),
    };
    return {
      tuya: {
        settings: tuya,
        secrets: tuyaSecrets,
        configured: tuyaSecrets.clientId && tuyaSecrets.clientSecret && tuya.projectId !== '' && tuya.baseUrl !== '',
      },
      aliyun: {
        settings: aliyun,
        secrets: aliyunSecrets,
        configured:
          aliyunSecrets.appKey &&
          aliyunSecrets.appSecret &&
          aliyun.host !== '' &&
          (aliyun.auth === 'project' ? aliyun.projectId !== '' : aliyunSecrets.iotToken),
      },
    };
  };

  const writeSecret = async (key: string, value: string | null | undefined): Promise<void> => {
    if (value === undefined) return;
    if (value === null) await secrets.delete(key);
    else await secrets.set(key, value);
  };

  const notConfigured = (cloud: CloudName, missing: string[]): never => {
    const where = cloud === 'tuya' ? 'Settings → Tuya cloud' : 'Settings → Alibaba Cloud';
    const name = cloud === 'tuya' ? 'The Tuya cloud' : 'Alibaba Cloud';
    throw cloudError(
      cloud,
      'not-configured',
      `${name} is not set up: ${missing.join(', ')} missing. Enter ${missing.length > 1 ? 'them' : 'it'} in ${where}, save, then try again.`,
      { missing },
    );
  };

  const cached = <T extends TuyaConnection | AliyunConnection>(
    cloud: CloudName,
    fingerprint: string,
    make: () => T,
  ) => {
    const hit = cache.get(cloud);
    if (hit && hit.fingerprint === fingerprint) return hit.connection as T;
    const connection = make();
    cache.set(cloud, { fingerprint, connection });
    return connection;
  };

  return {
    get,
    async set(request) {
      const current = stored();
      if (request.cloud === 'tuya') {
        const next = { ...current.tuya, ...request.settings };
        if (next.baseUrl) next.baseUrl = checkTuyaBaseUrl(next.baseUrl);
        settings.update({ cloud: { ...current, tuya: next } });
        await writeSecret(CLOUD_SECRET_KEYS.tuyaClientId, request.secrets?.clientId);
        await writeSecret(CLOUD_SECRET_KEYS.tuyaClientSecret, request.secrets?.clientSecret);
      } else {
        const next = { ...current.aliyun, ...request.settings };
        if (next.host) checkAliyunHost(next.host);
        settings.update({ cloud: { ...current, aliyun: next } });
        await writeSecret(CLOUD_SECRET_KEYS.aliyunAppKey, request.secrets?.appKey);
        await writeSecret(CLOUD_SECRET_KEYS.aliyunAppSecret, request.secrets?.appSecret);
        await writeSecret(CLOUD_SECRET_KEYS.aliyunIotToken, request.secrets?.iotToken);
      }
      cache.delete(request.cloud);
      for (const listener of listeners) listener(request.cloud);
      return get();
    },
    async tuya() {
      const s = tuyaSettings();
      const clientId = await secret(CLOUD_SECRET_KEYS.tuyaClientId);
      const clientSecret = await secret(CLOUD_SECRET_KEYS.tuyaClientSecret);
      const missing = [
        ...(clientId ? [] : ['the Access ID (client id)']),
        ...(clientSecret ? [] : ['the Access Secret']),
        ...(s.projectId ? [] : ['the project id']),
      ];
      if (!clientId || !clientSecret || missing.length > 0) return notConfigured('tuya', missing);
      const baseUrl = checkTuyaBaseUrl(s.baseUrl);
      return cached('tuya', JSON.stringify([baseUrl, s.projectId, clientId, clientSecret]), () => ({
        client: createTuyaClient({
          baseUrl,
          clientId,
          clientSecret,
          // One pacer per connection: its ceiling is read at every call, so a changed setting applies at once.
          requestsPerSecond: () => tuyaSettings().requestsPerSecond,
          ...(isLoopback(baseUrl) ? { proxy: false as const } : {}),
          ...deps.overrides?.tuya,
        }),
        projectId: s.projectId,
        settings: { ...s, baseUrl },
      }));
    },
    async aliyun() {
      const s = aliyunSettings();
      const appKey = await secret(CLOUD_SECRET_KEYS.aliyunAppKey);
      const appSecret = await secret(CLOUD_SECRET_KEYS.aliyunAppSecret);
      const iotToken = await secret(CLOUD_SECRET_KEYS.aliyunIotToken);
      const missing = [
        ...(appKey ? [] : ['the AppKey']),
        ...(appSecret ? [] : ['the AppSecret']),
        ...(s.auth === 'project' && !s.projectId ? ['the project id'] : []),
        ...(s.auth === 'iotToken' && !iotToken ? ['the user token (iotToken)'] : []),
      ];
      if (!appKey || !appSecret || missing.length > 0) return notConfigured('aliyun', missing);
      const auth =
        s.auth === 'iotToken' ? { kind: 'iotToken' as const, token: iotToken ?? '' } : { kind: 'project' as const };
      return cached('aliyun', JSON.stringify([s.host, s.projectId, s.auth, appKey, appSecret, iotToken]), () => ({
        client: createAliyunClient({
          host: s.host,
          appKey,
          appSecret,
          projectId: s.projectId,
          auth,
          ...(deps.sharedAliyunToken ? { tokenStore: deps.sharedAliyunToken(appKey, appSecret, s.projectId) } : {}),
          ...(isLoopback(s.host) ? { proxy: false as const } : {}),
          ...deps.overrides?.aliyun,
        }),
        settings: s,
      }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
