import fc from 'fast-check';
import { answer, asBody, deviceCount, deviceText, shape } from './answer-arbitraries.ts';
import type { Answer, Plan } from './answer-server.ts';

/**
 * Arbitrary answers of the two clouds on 127.0.0.1: the Tuya OpenAPI envelope (`success`, `result`, `code`,
 * `msg`, `t`; snake_case or camelCase keys) and the Alibaba Cloud IoT living platform's envelope (`code`,
 * `message`, `data`) with the API gateway's `X-Ca-Error-Message` header.
 */

const json = (value: unknown): Answer => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(value)),
  delivery: 'whole',
});

/** A record whose keys are those a Tuya result item may carry, in either spelling, with any values. */
const tuyaItem = shape({
  access_control_channel_id: fc.oneof(deviceText, deviceCount),
  accessControlChannelName: deviceText,
  access_auth_id: fc.oneof(deviceText, deviceCount),
  auth_task_id: fc.oneof(deviceText, deviceCount),
  person_id: deviceText,
  name: deviceText,
  device_status: deviceCount,
  auth_task_status: deviceCount,
  auth_task_progress: deviceCount,
  task_start_time: deviceCount,
  issue_status: deviceCount,
  structure_ids: fc.array(fc.oneof(deviceText, deviceCount), { maxLength: 3 }),
  person_issue_result: shape({ total: deviceCount, success: deviceCount, fail: deviceCount }),
});

const tuyaResult = fc.oneof(
  shape({
    list: fc.array(tuyaItem, { maxLength: 4 }),
    total: deviceCount,
    has_more: fc.oneof(fc.boolean(), deviceText),
  }),
  tuyaItem,
  fc.array(fc.oneof(deviceText, deviceCount), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const tuyaEnvelope = shape({
  success: fc.boolean(),
  result: tuyaResult,
  code: fc.oneof(fc.constantFrom(1004, 1010, 1011, 1012, 1106, 1110, 500, 2008, 40000901), deviceText),
  msg: deviceText,
  t: deviceCount,
});

const tuyaToken = json({
  success: true,
  result: { access_token: 'at', refresh_token: 'rt', expire_time: 7200, uid: 'u' },
  t: 1,
});

/** One answer for the token calls (usually a good grant) and one for every business call. */
export const tuyaPlan = fc.record({
  token: fc.oneof({ weight: 4, arbitrary: fc.constant(tuyaToken) }, answer(asBody(tuyaEnvelope))),
  business: answer(asBody(tuyaEnvelope)),
});

/** Routes Tuya requests: `/v1.0/token…` to the token answer, the rest to the business answer. */
export function tuyaRoutes(answers: { token: Answer; business: Answer }): Plan {
  return (_method, path) => (path.startsWith('/v1.0/token') ? answers.token : answers.business);
}

const aliyunEnvelope = shape({
  id: fc.oneof(deviceText, deviceCount),
  code: fc.oneof(fc.constantFrom(200, 400, 403, 460, 2402, 20008, 28000, 29003, 500), deviceText),
  message: fc.oneof(fc.constantFrom('success', 'Request Limited', 'Throttled by USER Flow Control'), deviceText),
  localizedMsg: deviceText,
  data: fc.oneof(shape({ cloudToken: deviceText, expireIn: deviceCount }), fc.jsonValue({ maxDepth: 2 })),
});

const aliyunToken = json({ code: 200, message: 'success', data: { cloudToken: 'ct', expireIn: 7_200_000 } });

const gatewayHeaders = fc.option(
  fc.record({
    'X-Ca-Error-Message': fc.oneof(
      fc.constantFrom('Invalid Signature', 'Nonce Used', 'Throttled by USER Flow Control', 'Invalid Timestamp'),
      fc.string({ maxLength: 40, unit: 'grapheme-ascii' }),
    ),
    'X-Ca-Request-Id': fc.uuid(),
  }),
  { nil: undefined },
);

const aliyunAnswer = fc
  .tuple(answer(asBody(aliyunEnvelope)), gatewayHeaders)
  .map(([base, headers]) => (headers === undefined ? base : { ...base, headers }));

/** One answer for the cloudToken call (usually good) and one for every business call. */
export const aliyunPlan = fc.record({
  token: fc.oneof({ weight: 4, arbitrary: fc.constant(aliyunToken) }, aliyunAnswer),
  business: aliyunAnswer,
});

/** Routes Alibaba Cloud requests: `/cloud/token` to the token answer, the rest to the business answer. */
export function aliyunRoutes(answers: { token: Answer; business: Answer }): Plan {
  return (_method, path) => (path.startsWith('/cloud/token') ? answers.token : answers.business);
}
