import { z } from 'zod';

/**
 * Cloud accounts (issue 6): the non-secret settings of the Tuya and Alibaba Cloud connections (kept in the
 * settings table) and the shapes of the `cloud:*` channels. Secrets (Tuya Access ID/Secret, Alibaba
 * AppKey/AppSecret/iotToken) never appear here: they go to the SecretStore and are write-only.
 */

/** The clouds the app talks to. */
export const CloudNameSchema = z.enum(['tuya', 'aliyun']);

/** One of the clouds. */
export type CloudName = z.infer<typeof CloudNameSchema>;

/** Tuya OpenAPI data centres (PROTOCOLS §3): the base URL of each; any other https address can be typed in. */
export const TUYA_DATA_CENTRES = [
  { id: 'china', url: 'https://openapi.tuyacn.com' },
  { id: 'western-america', url: 'https://openapi.tuyaus.com' },
  { id: 'eastern-america', url: 'https://openapi-ueaz.tuyaus.com' },
  { id: 'central-europe', url: 'https://openapi.tuyaeu.com' },
  { id: 'western-europe', url: 'https://openapi-weaz.tuyaeu.com' },
  { id: 'india', url: 'https://openapi.tuyain.com' },
] as const;

/** Alibaba Cloud API gateway hosts (PROTOCOLS §4). */
export const ALIYUN_HOSTS = [
  { id: 'china', host: 'api.link.aliyun.com' },
  { id: 'international', host: 'api-iot.ap-southeast-1.aliyuncs.com' },
] as const;

/** User systems of the Alibaba face APIs. */
export const AliyunUserTypeSchema = z.enum(['IDENTITY', 'OPEN', 'YUNDUN', 'PHONE']);

/** A user system of the Alibaba face APIs. */
export type AliyunUserType = z.infer<typeof AliyunUserTypeSchema>;

/** What Alibaba scope ids name: devices (IOT_ID) or spaces (SPACE_ID: every face device bound to them). */
export const AliyunScopeTypeSchema = z.enum(['IOT_ID', 'SPACE_ID']);

/** What Alibaba scope ids name. */
export type AliyunScopeType = z.infer<typeof AliyunScopeTypeSchema>;

const tuyaFields = {
  /** The data centre's origin (https; http only for 127.0.0.1, the simulator). */
  baseUrl: z.string().trim().max(300),
  /** The building project whose channels are commissioned. */
  projectId: z.string().trim().max(64),
  /**
   * The most requests per second the app allows itself on the Tuya cloud (every call of the app: pushes,
   * follows, channel lists, the permissions browser). The quota is per project and shared with the customer's
   * other systems: the app learns it from throttling answers below this ceiling.
   */
  requestsPerSecond: z.number().int().min(1).max(50),
  /**
   * How long one pass follows a push's task (minutes) before leaving it "still running in the cloud" for the
   * sync queue to pick up again.
   */
  followLimitMinutes: z.number().int().min(1).max(1440),
};

/** Non-secret settings of the Tuya connection, with defaults. */
export const TuyaSettingsSchema = z.object({
  baseUrl: tuyaFields.baseUrl.default(TUYA_DATA_CENTRES[0].url),
  projectId: tuyaFields.projectId.default(''),
  requestsPerSecond: tuyaFields.requestsPerSecond.default(10),
  followLimitMinutes: tuyaFields.followLimitMinutes.default(20),
});

/** Non-secret settings of the Tuya connection. */
export type TuyaSettings = z.infer<typeof TuyaSettingsSchema>;

const aliyunFields = {
  /** API gateway host (https; http only for 127.0.0.1, the simulator). */
  host: z.string().trim().max(300),
  /** The living-platform project (for the project cloudToken). */
  projectId: z.string().trim().max(128),
  /** Whose authority calls carry: the project (AppKey + AppSecret + project) or a user's iotToken. */
  auth: z.enum(['project', 'iotToken']),
  /** The user system new removals use unless they name one. */
  userType: AliyunUserTypeSchema,
  /** Users per delete request (the platform accepts 1..50; 10 is the conservative default). */
  batchSize: z.number().int().min(1).max(50),
  /** Requests per second the app allows itself (the gateway answers 403 "Request Limited" above its quota). */
  requestsPerSecond: z.number().int().min(1).max(50),
};

/** Non-secret settings of the Alibaba Cloud connection, with defaults. */
export const AliyunSettingsSchema = z.object({
  host: aliyunFields.host.default(ALIYUN_HOSTS[0].host),
  projectId: aliyunFields.projectId.default(''),
  auth: aliyunFields.auth.default('project'),
  userType: aliyunFields.userType.default('IDENTITY'),
  batchSize: aliyunFields.batchSize.default(10),
  requestsPerSecond: aliyunFields.requestsPerSecond.default(5),
});

/** Non-secret settings of the Alibaba Cloud connection. */
export type AliyunSettings = z.infer<typeof AliyunSettingsSchema>;

/** Some Tuya fields (no defaults: what is left out stays as it is). */
export const TuyaSettingsPatchSchema = z.object(tuyaFields).partial();

/** Some Alibaba Cloud fields (no defaults: what is left out stays as it is). */
export const AliyunSettingsPatchSchema = z.object(aliyunFields).partial();

/** The `cloud` entry of the settings: each cloud's fields as saved (defaults apply when read). */
export const CloudSettingsSchema = z.object({
  tuya: TuyaSettingsPatchSchema.optional(),
  aliyun: AliyunSettingsPatchSchema.optional(),
});

/** The `cloud` entry of the settings. */
export type CloudSettings = z.infer<typeof CloudSettingsSchema>;

/** Whether each secret is saved (never its value). */
const saved = z.boolean();

/** What `cloud:get-config` answers: settings with defaults, and which secrets are saved. */
export const CloudConfigSchema = z.object({
  tuya: z.object({
    settings: TuyaSettingsSchema,
    secrets: z.object({ clientId: saved, clientSecret: saved }),
    /** Everything needed for a call is set. */
    configured: z.boolean(),
  }),
  aliyun: z.object({
    settings: AliyunSettingsSchema,
    secrets: z.object({ appKey: saved, appSecret: saved, iotToken: saved }),
    configured: z.boolean(),
  }),
});

/** What `cloud:get-config` answers. */
export type CloudConfig = z.infer<typeof CloudConfigSchema>;

/** A secret to write: a value saves it, null deletes it, absent leaves it as it is. */
const secretInput = z.string().trim().min(1).max(2048).nullable().optional();

/** The request of `cloud:set-config`: one cloud's settings (fields left out unchanged) and secrets. */
export const SetCloudConfigSchema = z.discriminatedUnion('cloud', [
  z
    .object({
      cloud: z.literal('tuya'),
      settings: TuyaSettingsPatchSchema.strict().optional(),
      secrets: z.object({ clientId: secretInput, clientSecret: secretInput }).strict().optional(),
    })
    .strict(),
  z
    .object({
      cloud: z.literal('aliyun'),
      settings: AliyunSettingsPatchSchema.strict().optional(),
      secrets: z.object({ appKey: secretInput, appSecret: secretInput, iotToken: secretInput }).strict().optional(),
    })
    .strict(),
]);

/** The request of `cloud:set-config`. */
export type SetCloudConfig = z.input<typeof SetCloudConfigSchema>;

/** What a successful `cloud:test` answers (a failure is a typed error with the technician's message). */
export const CloudTestResultSchema = z.object({
  cloud: CloudNameSchema,
  ok: z.literal(true),
  latencyMs: z.number().int().nonnegative(),
  /** What was checked, in English (the CLI's and older hosts' text), e.g. "token granted; 12 channels in project 1234". */
  detail: z.string(),
  /**
   * What was checked as a message code the UI turns into words (`cloud-test.tuya`, `cloud-test.aliyun-project`,
   * `cloud-test.aliyun-user`) with its parameters (`projectId`, `channels`); absent from older hosts.
   */
  messageCode: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** What a successful `cloud:test` answers. */
export type CloudTestResult = z.infer<typeof CloudTestResultSchema>;

/**
 * The closed set of cloud failure kinds carried in `error.details.kind` (with `details.source` 'tuya',
 * 'aliyun' or 'cloud'), so the UI can say in each language what happened and what to do next.
 */
export const CLOUD_ERROR_KINDS = [
  'not-configured',
  'auth',
  'clock',
  'forbidden',
  'throttled',
  'server',
  'network',
  'not-found',
  'invalid',
  'bad-response',
  'cancelled',
] as const;

/** One of {@link CLOUD_ERROR_KINDS}. */
export type CloudErrorKind = (typeof CLOUD_ERROR_KINDS)[number];

/** Whether an error's details say it came from a cloud, and of which kind. */
export function cloudErrorKindOf(details: unknown): CloudErrorKind | null {
  const d = details as { source?: unknown; kind?: unknown } | null | undefined;
  if (!d || (d.source !== 'tuya' && d.source !== 'aliyun' && d.source !== 'cloud')) return null;
  return (CLOUD_ERROR_KINDS as readonly unknown[]).includes(d.kind) ? (d.kind as CloudErrorKind) : null;
}
