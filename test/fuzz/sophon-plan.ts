import fc from 'fast-check';
import { answer, asBody, deviceCount, deviceText, shape } from './answer-arbitraries.ts';
import type { Answer, Plan } from './answer-server.ts';

/** Arbitrary answers of a Sophon terminal, one per operation of its local API (`/sophon/v2/face/<op>`). */

/** Ids the fuzzed answers mention and the calls ask for, so that answers and requests meet. */
export const ID_POOL = ['1001', '1002', '1003', '1004', '1005'];

const poolId = fc.oneof(fc.constantFrom(...ID_POOL), deviceText);
const idList = fc.array(poolId, { maxLength: 6 });
const errorBody = fc.record({
  error: shape({
    code: fc.oneof(
      fc.constantFrom('ID_NOT_FOUND', 'PASSWORD_ERROR', 'INTERNAL_ERROR', 'DEVICE_BUSY', 'INVALID_ARGUMENTS'),
      deviceText,
    ),
    message: deviceText,
    status: deviceText,
  }),
});
const identity = shape({
  identity_id: poolId,
  identity_name: deviceText,
  user_type: deviceText,
  face_ids: idList,
  register_image_ids: idList,
});

/** Body arbitraries per operation: its success shape (near misses included) or an error body. */
const bodies = {
  login: shape({ result: fc.boolean() }),
  getidentities: shape({
    identities: fc.array(identity, { maxLength: 5 }),
    pagination: shape({ total_count: deviceCount }),
  }),
  deleteidentities: shape({ success_identity_ids: idList, failed_identity_ids: idList }),
  deleteface: shape({ face_ids: idList, register_image_ids: idList, reg_pic_ids: idList, total_face_cnt: deviceCount }),
};
/** An operation of the Sophon local API. */
export type SophonOp = keyof typeof bodies;
const ops = Object.keys(bodies) as SophonOp[];

/** One planned answer per Sophon operation. */
export const sophonPlan = fc.record(
  Object.fromEntries(
    ops.map((op) => [op, answer(asBody(fc.oneof({ weight: 3, arbitrary: bodies[op] }, errorBody)))]),
  ) as Record<SophonOp, fc.Arbitrary<Answer>>,
);

/** Answers requests from `answers`: by operation under /sophon/v2/face/, else 404. */
export function sophonRoutes(answers: Record<SophonOp, Answer>): Plan {
  return (_method, path) =>
    answers[path.replace('/sophon/v2/face/', '') as SophonOp] ?? {
      status: 404,
      contentType: null,
      body: new Uint8Array(),
      delivery: 'whole',
    };
}
