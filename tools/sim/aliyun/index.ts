// Simulator of the Alibaba Cloud IoT living platform's API gateway, for face-permission removal:
// POST /cloud/token (apiVer 1.0.1) and POST /face/paas/permission/delete (apiVer 1.2.0), behind the API
// gateway's signature, replay and flow-control checks. Plain HTTP on loopback (the real one is HTTPS).
import { KnobBox, type Knobs } from '../common/knobs.ts';
import { createPrng } from '../common/prng.ts';
import { RequestLog } from '../common/request-log.ts';
import { serveSwitchable } from '../common/switchable.ts';
import { ALIYUN_VARIANTS, type AliyunVariant } from './api-permission-delete.ts';
import { isAliyunErrorKey, type AliyunErrorKey } from './errors.ts';
import { NonceBook } from './gateway.ts';
import { generateAliyunWorld, type AliyunWorld } from './generate.ts';
import { createPipeline, type InjectedError } from './pipeline.ts';
import { RateLimiter } from './rate-limit.ts';
import { PermissionStore, type AliyunDeviceSpec, type AliyunPermission, type AliyunSpaceSpec } from './state.ts';
import type { AliyunUserRef } from './state.ts';
import { TokenBook } from './tokens.ts';

export { ALIYUN_VARIANTS, type AliyunVariant } from './api-permission-delete.ts';
export type { AliyunErrorKey } from './errors.ts';
export { ALIYUN_ERRORS, GATEWAY_REJECTIONS } from './errors.ts';
export { aliyunUserIds, enrolledRef, generateAliyunWorld, type AliyunWorld } from './generate.ts';
export type {
  AliyunDeviceSpec,
  AliyunPermission,
  AliyunScopeType,
  AliyunSpaceSpec,
  AliyunUserRef,
  AliyunUserType,
} from './state.ts';

/** Another app the gateway knows (besides the main one). */
export interface AliyunOtherApp {
  appKey: string;
  appSecret: string;
  /** Its living platform project; without one the app is unknown to the platform ("app not exist"). */
  projectId?: string;
}

/** Settings of {@link startAliyunGateway}. */
export interface AliyunGatewayOptions {
  /** Listening address: 127.0.0.1 unless the test runs in its own network namespace. */
  host?: string;
  port?: number;
  appKey: string;
  appSecret: string;
  projectId: string;
  /** The gateway's clock, in ms (timestamps, nonces, token expiry, flow control). Default `Date.now`. */
  now?: () => number;
  /** Seeds generated sites and ids (default 1). */
  seed?: number | string;
  /** Lifetime of a cloudToken (default 7,200,000 ms, as documented). */
  cloudTokenTtlMs?: number;
  /** Admitted requests per sliding second; more answer HTTP 403 "Request Limited". Default: no limit. */
  maxRequestsPerSecond?: number;
  /** Spaces; with `devices`, replaces the generated site (spaces a device names are created as needed). */
  spaces?: AliyunSpaceSpec[];
  devices?: AliyunDeviceSpec[];
  /** Users the platform knows. Default: the generated people, or everyone with a permission. */
  users?: AliyunUserRef[];
  /** iotTokens (user sessions of the project) accepted on business calls. */
  iotTokens?: string[];
  otherApps?: AliyunOtherApp[];
  /** Latency, faults and `maxIdsPerRequest` (the most scope ids in one delete). */
  knobs?: Partial<Knobs>;
  /** Platform variants in force (see {@link ALIYUN_VARIANTS}); default none. */
  variants?: AliyunVariant[];
}

/** A running gateway simulator. */
export interface AliyunGatewaySim {
  /** `http://host:port` */
  readonly origin: string;
  readonly port: number;
  readonly log: RequestLog;
  readonly knobs: KnobBox;
  /** The site the simulator started with (generated, or the given spaces and devices; `people` empty then). */
  readonly world: AliyunWorld;
  /** Offline refuses connections (ECONNREFUSED); online listens again on the same port. */
  setOnline(online: boolean): Promise<void>;
  /** Changes flow control; `null` or `Infinity` turns it off. */
  setRateLimit(maxRequestsPerSecond: number | null): void;
  /** Expires every cloudToken and iotToken: later calls with them answer 2402. */
  expireTokens(): void;
  /** Accepts another iotToken (a user session of the project). */
  addIotToken(token: string): void;
  /** cloudTokens issued (each revokes the one before) and refreshed (no revocation) so far. */
  tokenCounts(): { issued: number; refreshed: number };
  /** Who has a face on which device now. */
  permissions(): AliyunPermission[];
  /** Replaces the platform variants in force (see {@link ALIYUN_VARIANTS}). */
  setVariants(variants: readonly AliyunVariant[]): void;
  /** Forces a row of the vendor table on the next matching request(s) that pass the gateway. */
  injectError(key: AliyunErrorKey, options?: Omit<InjectedError, 'key'>): void;
  close(): Promise<void>;
}

function buildWorld(options: AliyunGatewayOptions): AliyunWorld {
  if (!options.spaces && !options.devices) {
    const world = generateAliyunWorld(options.seed ?? 1, options.projectId);
    return options.users ? { ...world, users: options.users } : world;
  }
  const devices = options.devices ?? [];
  const seen = new Map<string, AliyunUserRef>();
  for (const ref of devices.flatMap((d) => d.permissions ?? [])) seen.set(`${ref.userType}:${ref.userId}`, ref);
  return {
    people: [],
    spaces: options.spaces ?? [],
    devices,
    users: options.users ?? [...seen.values()],
    neighbourProjectId: '',
  };
}

/** Starts the simulator on a free loopback port (or the given host and port). */
export async function startAliyunGateway(options: AliyunGatewayOptions): Promise<AliyunGatewaySim> {
  const now = options.now ?? Date.now;
  const prng = createPrng(`aliyun-gateway:${options.seed ?? 1}`);
  const world = buildWorld(options);
  const store = new PermissionStore(options.projectId, world.spaces, world.devices, world.users);
  const tokens = new TokenBook(now, options.cloudTokenTtlMs ?? 7_200_000, () => prng.uuid().replace(/-/g, ''));
  for (const token of options.iotTokens ?? []) tokens.addIot(token, options.projectId);
  const secrets = new Map([[options.appKey, options.appSecret]]);
  const appProjects = new Map([[options.appKey, options.projectId]]);
  for (const app of options.otherApps ?? []) {
    secrets.set(app.appKey, app.appSecret);
    if (app.projectId !== undefined) appProjects.set(app.appKey, app.projectId);
  }
  const log = new RequestLog();
  const knobs = new KnobBox(options.knobs ?? {}, options.seed ?? 1);
  const limiter = new RateLimiter(options.maxRequestsPerSecond ?? Number.POSITIVE_INFINITY);
  const injected: InjectedError[] = [];
  const variants = new Set<AliyunVariant>();
  const setVariants = (list: readonly AliyunVariant[]): void => {
    const known: readonly string[] = ALIYUN_VARIANTS;
    const unknown = list.find((v) => !known.includes(v));
    if (unknown !== undefined) throw new Error(`unknown Alibaba platform variant: ${String(unknown)}`);
    variants.clear();
    for (const v of list) variants.add(v);
  };
  setVariants(options.variants ?? []);
  const handler = createPipeline({
    now,
    prng,
    log,
    knobs,
    limiter,
    nonces: new NonceBook(),
    tokens,
    store,
    secrets,
    appProjects,
    injected,
    variants,
  });
  const endpoint = await serveSwitchable(handler, {
    host: options.host ?? '127.0.0.1',
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    origin: endpoint.origin,
    port: endpoint.port,
    log,
    knobs,
    world,
    setOnline: (online) => endpoint.setOnline(online),
    setRateLimit: (n) => limiter.setLimit(n ?? Number.POSITIVE_INFINITY),
    expireTokens: () => tokens.expireAll(),
    addIotToken: (token) => tokens.addIot(token, options.projectId),
    tokenCounts: () => tokens.counts(),
    permissions: () => store.snapshot(),
    setVariants,
    injectError: (key, rule = {}) => {
      if (!isAliyunErrorKey(key)) throw new Error(`unknown error row: ${String(key)}`);
      injected.push({ key, ...rule });
    },
    close: () => endpoint.close(),
  };
}
