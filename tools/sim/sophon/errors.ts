/**
 * Sophon error codes and the answer each one gets.
 *
 * Body shape (PROTOCOLS.md §1): `{"error": {"code": "<CODE>", "message": "...", "status": "..."}}`.
 *
 * - `message`: the vendor tables have a "message" column ("未找到的ID值", "缺失参数的名称", ...) that
 *   describes what the message carries (other vendor pages say "缺失的参数在message字段中描述": the missing
 *   argument is named in the message). The simulator therefore answers the column's text followed by the
 *   detail, e.g. `未找到的ID值: 100123` or `缺失参数的名称: identity_ids`. Codes with an empty message column
 *   use the description column's text (e.g. GROUP_LEN_ERROR "超过人员底库容量"). Clients must branch on
 *   `code`, never on `message`.
 * - `status`: documented only as "错误类型" (error type). The `{code, message, status}` triple is the shape
 *   of Google-style JSON errors, so the simulator fills it with the matching canonical status name
 *   (INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, ...).
 * - HTTP status: the documents give none. Chosen consistently: argument and image errors 400, unsupported
 *   content type 415, unknown ids 404, duplicates 409, full person database 400 (not 429/507, so clients do
 *   not retry it), wrong password 401, internal error 500; the `busy` fault answers 503 (see faults.ts).
 * - `code` as an integer (firmware variant `int-codes`): the deleteidentities document types `code` as a
 *   string, the deleteface one as an int, so both must be expected. The integer is the "Index" column of the
 *   deleteidentities error table (GROUP_LEN_ERROR 1, ID_NOT_FOUND 2, ... UNSUPPORT_CONTENT_TYPE 12). That
 *   column is a row number of one page (other vendor pages number the same codes differently), so it is the
 *   best documented guess, not a certainty. PASSWORD_ERROR and INTERNAL_ERROR are not in that table: the
 *   simulator numbers them 13 and 14 (after the table's last row), its own choice.
 */

/** What the simulator answers for one error code. */
export interface SophonErrorSpec {
  /** The integer code of the `int-codes` variant (see the module comment). */
  index: number;
  httpStatus: number;
  status: string;
  message: string;
}

/** Every error code the simulator produces, with its HTTP status, `status` text and message prefix. */
export const SOPHON_ERRORS = {
  UNSUPPORT_CONTENT_TYPE: { index: 12, httpStatus: 415, status: 'INVALID_ARGUMENT', message: 'http内容类型不支持' },
  INVALID_REQUEST_JSON: { index: 7, httpStatus: 400, status: 'INVALID_ARGUMENT', message: '无效的JSON数据请求' },
  MISSING_ARGUMENTS: { index: 9, httpStatus: 400, status: 'INVALID_ARGUMENT', message: '缺失参数的名称' },
  INVALID_ARGUMENTS: { index: 6, httpStatus: 400, status: 'INVALID_ARGUMENT', message: '无效参数的值' },
  ID_NOT_FOUND: { index: 2, httpStatus: 404, status: 'NOT_FOUND', message: '未找到的ID值' },
  ID_REPEAT_ERROR: { index: 3, httpStatus: 409, status: 'ALREADY_EXISTS', message: '重复的ID值' },
  NAME_REPEAT_ERROR: { index: 10, httpStatus: 409, status: 'ALREADY_EXISTS', message: '重复的名字' },
  GROUP_LEN_ERROR: { index: 1, httpStatus: 400, status: 'RESOURCE_EXHAUSTED', message: '超过人员底库容量' },
  IMAGE_DECODE_ERROR: { index: 4, httpStatus: 400, status: 'INVALID_ARGUMENT', message: '图片解码失败' },
  IMAGE_SIZE_TOO_LARGE_ERROR: { index: 5, httpStatus: 400, status: 'INVALID_ARGUMENT', message: '图片尺寸过大' },
  LOW_QUALITY_ERROR: { index: 8, httpStatus: 400, status: 'FAILED_PRECONDITION', message: '失败项目' },
  NO_FACE_ERROR: { index: 11, httpStatus: 400, status: 'FAILED_PRECONDITION', message: '没有找到人脸' },
  PASSWORD_ERROR: { index: 13, httpStatus: 401, status: 'UNAUTHENTICATED', message: '密码错误' },
  INTERNAL_ERROR: { index: 14, httpStatus: 500, status: 'INTERNAL', message: '服务器内部错误' },
} as const satisfies Record<string, SophonErrorSpec>;

/** One Sophon error code. */
export type SophonErrorCode = keyof typeof SOPHON_ERRORS;

/** The JSON body of an error answer. */
export interface SophonErrorBody {
  /** The code's name, or its integer under the `int-codes` variant. */
  error: { code: SophonErrorCode | number; message: string; status: string };
}

/** Thrown by operations; the request pipeline turns it into the error answer. */
export class SophonError extends Error {
  readonly code: SophonErrorCode;
  readonly detail: string | undefined;

  constructor(code: SophonErrorCode, detail?: string) {
    super(detail === undefined ? code : `${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }

  /** HTTP status of the answer. */
  get httpStatus(): number {
    return SOPHON_ERRORS[this.code].httpStatus;
  }

  /** The answer body; `intCodes` puts the integer code in place of the name (variant `int-codes`). */
  toBody(intCodes = false): SophonErrorBody {
    return errorBody(this.code, this.detail, intCodes);
  }
}

/**
 * Builds the error body for `code`, with an optional detail after the documented message; `intCodes` sends
 * the integer code instead of the name (variant `int-codes`).
 */
export function errorBody(code: SophonErrorCode, detail?: string, intCodes = false): SophonErrorBody {
  const spec = SOPHON_ERRORS[code];
  const message = detail === undefined || detail === '' ? spec.message : `${spec.message}: ${detail}`;
  return { error: { code: intCodes ? spec.index : code, message, status: spec.status } };
}
