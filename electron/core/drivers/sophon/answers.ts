import { z } from 'zod';
import type { TerminalPerson } from '../driver.ts';
import { unexpectedAnswer } from './errors.ts';

/**
 * Schemas of the Sophon v2 success answers this driver reads (PROTOCOLS.md §1), strict on what the driver
 * uses and lenient on the rest: unknown fields are ignored, optional lists may be absent or null, and fields
 * the app does not rely on (identity_name, user_type; permission_ids and ext_user_info are not read at all)
 * may be strings, numbers, null or missing, since firmware sends numbers where the examples show strings
 * (PROTOCOLS.md §6: `type: 1`).
 */

const idList = z
  .array(z.string())
  .nullish()
  .transform((value) => value ?? []);

/** An id: a non-empty string, or an integer the terminal sent as a number (kept as its decimal text). */
const idText = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);

/** A field the app only shows or ignores: text, a number (as its text), or null/missing (undefined). */
const looseText = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .transform((value) => value ?? undefined);

/** One person of a `getidentities` answer. */
export const IdentitySchema = z.object({
  identity_id: idText,
  identity_name: looseText.transform((value) => value ?? ''),
  user_type: looseText,
  face_ids: idList,
  register_image_ids: idList,
});

/** A `getidentities` answer: one page of people and the total the terminal states. */
export const IdentitiesPageSchema = z.object({
  identities: z.array(IdentitySchema),
  pagination: z.object({ total_count: z.number().int().nonnegative() }),
});

/** What a `deleteidentities` answer says per id, when it says anything. */
export interface DeleteAnswer {
  success: string[];
  failed: string[];
}

const answerIds = z.array(idText).nullish();

/** A `deleteidentities` answer's two lists (built once: a removal job reads thousands of these answers). */
const DeleteAnswerSchema = z.object({ success_identity_ids: answerIds, failed_identity_ids: answerIds });

/**
 * Reads a `deleteidentities` answer: the two lists, or null when the answer is not evidence about any id
 * (not an object, neither list present, or a list of something other than ids).
 */
export function readDeleteAnswer(json: unknown): DeleteAnswer | null {
  const parsed = DeleteAnswerSchema.safeParse(json);
  if (!parsed.success) return null;
  const { success_identity_ids: success, failed_identity_ids: failed } = parsed.data;
  if (!Array.isArray(success) && !Array.isArray(failed)) return null;
  return { success: success ?? [], failed: failed ?? [] };
}

/**
 * A `deleteface` answer: the faces left. PROTOCOLS.md names the list `register_image_ids`, the vendor table
 * `reg_pic_ids`: both are accepted. `total_face_cnt` defaults to the number of face ids.
 */
export const DeleteFaceSchema = z
  .object({
    face_ids: z.array(z.string()),
    register_image_ids: z.array(z.string()).nullish(),
    reg_pic_ids: z.array(z.string()).nullish(),
    total_face_cnt: z.number().int().nonnegative().nullish(),
  })
  .transform((value) => ({
    faceIds: value.face_ids,
    registerImageIds: value.register_image_ids ?? value.reg_pic_ids ?? [],
    total: value.total_face_cnt ?? value.face_ids.length,
  }));

/** A `login` answer: `{"result": true}`. */
export const LoginSchema = z.object({ result: z.boolean() });

/** Parses a success answer of `op` with `schema`; a mismatch is a retryable "unexpected answer" DriverError. */
export function readAnswer<T extends z.ZodType>(schema: T, json: unknown, op: string): z.output<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.slice(0, 4).join('.')}` : '';
    throw unexpectedAnswer(op, 200, `not the Sophon answer shape${where}`);
  }
  return parsed.data;
}

/**
 * One person of a `getidentities` answer as the engine lists them; `extra` carries `face_count` and the
 * comma-separated `face_ids` and `register_image_ids` (one to one, in registration order), and `user_type`.
 */
export function toTerminalPerson(identity: z.output<typeof IdentitySchema>): TerminalPerson {
  const extra: Record<string, string> = {
    face_count: String(identity.face_ids.length),
    face_ids: identity.face_ids.join(','),
    register_image_ids: identity.register_image_ids.join(','),
  };
  if (identity.user_type) extra.user_type = identity.user_type;
  return { id: identity.identity_id, name: identity.identity_name, extra };
}
