import { z } from 'zod';
import { intSchema, textSchema } from './schemas.ts';

/**
 * The detail of one permission (`GET access-auth/detail`), read after keys were normalised to camelCase.
 * Lenient on what the app only shows (names, times: an odd type reads as null), strict on what it decides with:
 * the person's id must be there (the browser finds the person's other permissions by it). The issue states are
 * read as numbers; anything but 0 and 1 is shown as unconfirmed by the browser, never as sent.
 */
export const AccessAuthDetailSchema = z.object({
  personId: z.union([z.string().min(1), z.number()]).transform(String),
  name: textSchema,
  sex: intSchema,
  sexStr: textSchema,
  mobileCountry: textSchema,
  mobile: textSchema,
  personCode: textSchema,
  structureNames: z
    .array(z.union([z.string(), z.number()]).transform(String))
    .nullish()
    .catch([])
    .transform((v) => v ?? []),
  accessControlChannelName: textSchema,
  accessControlChannelNo: textSchema,
  accessChannelRoomId: textSchema,
  accessChannelPositionPath: textSchema,
  businessDeviceName: textSchema,
  authStartTime: intSchema,
  authEndTime: intSchema,
  authCreateTime: intSchema,
  authSource: textSchema,
  authSourceStr: textSchema,
  totalCardNum: intSchema,
  authCardNum: intSchema,
  totalFaceNum: intSchema,
  authFaceNum: intSchema,
  totalFingerprintNum: intSchema,
  authFingerprintNum: intSchema,
  /** 0 to be sent, 1 already sent. */
  faceIssueStatus: intSchema,
  cardIssueStatus: intSchema,
  fingerprintIssueStatus: intSchema,
});

/** One permission's detail. */
export type TuyaAccessAuthDetail = z.infer<typeof AccessAuthDetailSchema>;
