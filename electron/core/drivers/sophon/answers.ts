import { z } from 'zod';
import type { TerminalPerson } from '../driver.ts';
import { unexpectedAnswer } from './errors.ts';

/**
 * Schemas of the Sophon v2 success answers this driver reads (PROTOCOLS.md §1), strict on what the driver
 * uses and lenient on the rest (unknown fields are ignored, optional lists may be absent or null).
 */

const idList = z
  .array(z.string())
  .nullish()
  .transform((value) => value ?? []);

/** One person of a `getidentities` answer. */
export const IdentitySchema = z.object({
  identity_id: z.string().min(1),
  identity_name: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  user_type: z.string().nullish(),
  face_ids: idList,
  register_image_ids: idList,
});

/** A `getidentities` answer: one page of people and the total. */
export const IdentitiesPageSchema = z.object({
  identities: z.array(IdentitySchema),
  pagination: z.object({ total_count: z.number().int().nonnegative() }),
});

/** A `deleteidentities` answer. At least one of the two lists must be there. */
export const DeleteIdentitiesSchema = z
  .object({ success_identity_ids: z.array(z.string()).nullish(), failed_identity_ids: z.array(z.string()).nullish() })
  .refine((value) => Array.isArray(value.success_identity_ids) || Array.isArray(value.failed_identity_ids))
  .transform((value) => ({
    success: value.success_identity_ids ?? [],
    failed: value.failed_identity_ids ?? [],
  }));

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
