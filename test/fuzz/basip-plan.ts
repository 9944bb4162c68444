import fc from 'fast-check';
import { answer, asBody, deviceCount, deviceText, shape } from './answer-arbitraries.ts';
import type { Answer, Plan } from './answer-server.ts';

/** Arbitrary answers of a BAS-IP panel: device info, login, identifier list, deletes. */

/** Link ids the fuzzed answers mention and the calls ask for. */
export const LINK_POOL = [
  '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
];
/** Uids the fuzzed answers mention and the calls ask for. */
export const UID_POOL = ['1', '2', '42', '9007199254740991'];

const errorBody = fc.record({
  error: fc.oneof(
    deviceText,
    fc.constant(true),
    shape({
      code: fc.oneof(
        fc.constantFrom('invalid_authentication', 'permission_denied', 'not_valid', 'system_error'),
        deviceText,
      ),
      message: fc.oneof(
        fc.constantFrom('Wrong login or password', 'Administrator rights required', 'busy'),
        deviceText,
      ),
    }),
  ),
});

const info = shape({
  firmware_version: fc.oneof(fc.constantFrom('3.9.1', '3.8.0', 'v4.0.2', '2'), deviceText),
  framework_version: deviceText,
  frontend_version: deviceText,
  api_version: fc.oneof(fc.constantFrom('v1', 'v0'), deviceText),
  device_model: deviceText,
  device_serial_number: fc.oneof(deviceText, deviceCount),
  device_name: deviceText,
});

const identifier = shape({
  identifier_uid: fc.oneof(fc.constantFrom(...UID_POOL.map(Number)), deviceCount),
  link_id: fc.oneof(fc.constantFrom(...LINK_POOL), deviceText),
  identifier_owner: shape({ name: deviceText }),
  identifier_number: fc.oneof(deviceText, deviceCount),
  identifier_type: deviceText,
});
const identifiers = fc.array(identifier, { maxLength: 12 });
const pagination = shape({ total_items: deviceCount, total: deviceCount });

const deleteEntry = shape({
  link_id: fc.oneof(fc.constantFrom(...LINK_POOL, ...LINK_POOL.map((id) => id.toUpperCase())), deviceText),
  identifier_uid: fc.oneof(fc.constantFrom(...UID_POOL), deviceCount),
  success: fc.oneof(fc.boolean(), deviceText),
  extended_info: fc.oneof(fc.constantFrom('deleted', 'entity_not_found', 'has_dublicates'), deviceText),
});

/** Body arbitraries per route: its success shape (near misses included) or an error body. */
const bodies = {
  info: fc.oneof(info, fc.record({ data: info }), fc.record({ device_info: info })),
  login: shape({
    token: fc.oneof(fc.uuid(), deviceText),
    account_type: fc.oneof(fc.constantFrom('admin', 'user'), deviceText),
  }),
  list: fc.oneof(
    shape({ list_option: shape({ pagination }), list_items: identifiers }),
    shape({ items: identifiers, pagination }),
    shape({ data: identifiers, total_count: deviceCount }),
    identifiers,
  ),
  delete: fc.oneof(shape({ result: fc.array(deleteEntry, { maxLength: 6 }) }), fc.constant({})),
};
/** A group of BAS-IP routes answered alike. */
export type BasipRoute = keyof typeof bodies;

const fuzzed = (route: BasipRoute): fc.Arbitrary<Answer> =>
  answer(asBody(fc.oneof({ weight: 3, arbitrary: bodies[route] }, errorBody)));

/** A login that works, so that most cases reach the list and delete parsers. */
const goodLogin: fc.Arbitrary<Answer> = fc.uuid().map((token) => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify({ token, account_type: 'admin' })),
  delivery: 'whole' as const,
}));

/** One planned answer per BAS-IP route group; the login usually works so that later parsers are reached. */
export const basipPlan = fc.record({
  info: fuzzed('info'),
  login: fc.oneof({ weight: 3, arbitrary: goodLogin }, { weight: 1, arbitrary: fuzzed('login') }),
  list: fuzzed('list'),
  delete: fuzzed('delete'),
});

function routeOf(method: string, path: string): BasipRoute {
  if (path.endsWith('/info')) return 'info';
  if (path.endsWith('/login')) return 'login';
  if (method === 'GET') return 'list';
  return 'delete';
}

/** Answers requests from `answers` by route group. */
export function basipRoutes(answers: Record<BasipRoute, Answer>): Plan {
  return (method, path) => answers[routeOf(method, path)];
}
