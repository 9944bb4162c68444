import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { AliyunUserTypeSchema, TUYA_DATA_CENTRES, type SetCloudConfig } from '../../../shared/domain/cloud.ts';
import { AliyunScopeTypeSchema, type AliyunScopeType, type AliyunUserType } from '../../../shared/domain/cloud.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { runCloudRemoval, splitList } from './cloud-removal.ts';
import { readRemovalList } from './removal.ts';

/** Reads a secret option: `-` reads one line from stdin; an empty value deletes the secret. */
function secretValue(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === '') return null;
  if (value === '-') return readFileSync(0, 'utf8').split(/\r?\n/)[0]?.trim() || null;
  return value;
}

function whole(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('VALIDATION', `${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return value;
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}

interface ConfigOptions {
  tuyaDataCentre?: string;
  tuyaBaseUrl?: string;
  tuyaProject?: string;
  tuyaClientId?: string;
  tuyaClientSecret?: string;
  tuyaRps?: string;
  tuyaFollowLimit?: string;
  aliyunHost?: string;
  aliyunProject?: string;
  aliyunAuth?: 'project' | 'iotToken';
  aliyunAppKey?: string;
  aliyunAppSecret?: string;
  aliyunIotToken?: string;
  aliyunUserType?: 'IDENTITY' | 'OPEN' | 'YUNDUN' | 'PHONE';
  aliyunBatchSize?: string;
  aliyunRps?: string;
}

function tuyaRequest(o: ConfigOptions): SetCloudConfig | null {
  const centre = TUYA_DATA_CENTRES.find((c) => c.id === o.tuyaDataCentre);
  const settings = dropUndefined({
    baseUrl: o.tuyaBaseUrl ?? centre?.url,
    projectId: o.tuyaProject,
    requestsPerSecond: whole('--tuya-rps', o.tuyaRps, 1, 50),
    followLimitMinutes: whole('--tuya-follow-limit', o.tuyaFollowLimit, 1, 1440),
  });
  const secrets = dropUndefined({
    clientId: secretValue(o.tuyaClientId),
    clientSecret: secretValue(o.tuyaClientSecret),
  });
  if (!settings && !secrets) return null;
  return { cloud: 'tuya', ...(settings ? { settings } : {}), ...(secrets ? { secrets } : {}) };
}

function aliyunRequest(o: ConfigOptions): SetCloudConfig | null {
  const settings = dropUndefined({
    host: o.aliyunHost,
    projectId: o.aliyunProject,
    auth: o.aliyunAuth,
    userType: o.aliyunUserType,
    batchSize: whole('--aliyun-batch-size', o.aliyunBatchSize, 1, 50),
    requestsPerSecond: whole('--aliyun-rps', o.aliyunRps, 1, 50),
  });
  const secrets = dropUndefined({
    appKey: secretValue(o.aliyunAppKey),
    appSecret: secretValue(o.aliyunAppSecret),
    iotToken: secretValue(o.aliyunIotToken),
  });
  if (!settings && !secrets) return null;
  return { cloud: 'aliyun', ...(settings ? { settings } : {}), ...(secrets ? { secrets } : {}) };
}

/** Registers `fcom cloud config|test` and `fcom cloud-remove`. */
export function registerCloudCommands(program: Command, context: CliContext): void {
  const cloud = program.command('cloud').description('cloud accounts (Tuya, Alibaba Cloud): settings and test');
  cloud
    .command('config')
    .description('print the cloud settings (credentials: saved or not), or change them with the options')
    .addOption(new Option('--tuya-data-centre <id>', 'Tuya data centre').choices(TUYA_DATA_CENTRES.map((c) => c.id)))
    .option('--tuya-base-url <url>', 'Tuya OpenAPI address (instead of a data centre)')
    .option('--tuya-project <id>', 'Tuya building project id')
    .option('--tuya-client-id <id>', 'Tuya Access ID ("-" reads stdin, "" deletes)')
    .option('--tuya-client-secret <secret>', 'Tuya Access Secret ("-" reads stdin, "" deletes)')
    .option('--tuya-rps <n>', 'most requests per second the app sends to Tuya (1-50; it learns the quota below)')
    .option('--tuya-follow-limit <minutes>', 'minutes a push follows a task before leaving it to the sync (1-1440)')
    .option('--aliyun-host <host>', 'Alibaba API gateway host')
    .option('--aliyun-project <id>', 'Alibaba living-platform project id')
    .addOption(
      new Option('--aliyun-auth <kind>', 'project credentials or a user token').choices(['project', 'iotToken']),
    )
    .option('--aliyun-app-key <key>', 'Alibaba AppKey ("-" reads stdin, "" deletes)')
    .option('--aliyun-app-secret <secret>', 'Alibaba AppSecret ("-" reads stdin, "" deletes)')
    .option('--aliyun-iot-token <token>', 'Alibaba user token ("-" reads stdin, "" deletes)')
    .addOption(new Option('--aliyun-user-type <type>', 'default user type').choices(AliyunUserTypeSchema.options))
    .option('--aliyun-batch-size <n>', 'users per delete request (1-50)')
    .option('--aliyun-rps <n>', 'requests per second the app allows itself (1-50)')
    .action(async (options: ConfigOptions) => {
      let config = await context.call('cloud:get-config', {});
      for (const request of [tuyaRequest(options), aliyunRequest(options)]) {
        if (request) config = await context.call('cloud:set-config', request);
      }
      context.print(config);
    });

  cloud
    .command('test <cloud>')
    .description('test a cloud account end to end (tuya or aliyun)')
    .action(async (name: string) => {
      if (name !== 'tuya' && name !== 'aliyun') throw new AppError('VALIDATION', 'Name the cloud: tuya or aliyun.');
      context.print(await context.call('cloud:test', { cloud: name }));
    });

  program
    .command('cloud-remove')
    .description('remove faces from Alibaba Cloud face devices or spaces as a journaled job')
    .option('--ids <ids>', 'user ids separated by commas')
    .option('--file <path>', 'a CSV/TSV list of user ids (UTF-8, UTF-16 or GBK)')
    .option('--column <name>', 'the id column of --file: header label or 1-based number')
    .addOption(
      new Option('--user-type <type>', 'user system of the ids (default: the setting)').choices(
        AliyunUserTypeSchema.options,
      ),
    )
    .addOption(
      new Option('--scope-type <type>', 'what --scopes names')
        .choices(AliyunScopeTypeSchema.options)
        .makeOptionMandatory(),
    )
    .requiredOption('--scopes <ids>', 'device IOT_IDs or SPACE_IDs separated by commas')
    .action(
      async (options: {
        ids?: string;
        file?: string;
        column?: string;
        userType?: AliyunUserType;
        scopeType: AliyunScopeType;
        scopes: string;
      }) => {
        const { list, label } = readRemovalList({ ...options, devices: 'all' });
        await runCloudRemoval(context, {
          list,
          label,
          ...(options.userType ? { userType: options.userType } : {}),
          scopeType: options.scopeType,
          scopeIds: splitList(options.scopes),
        });
      },
    );
}
