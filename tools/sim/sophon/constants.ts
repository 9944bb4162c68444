/**
 * Fixed facts of the Sophon face terminal's local API (vendor documents, PROTOCOLS.md §1) and the limits
 * this simulator chooses where the documents are silent.
 */

/** TCP port of the local API on real devices (`http://<ip>:5555/sophon/v2/face/<op>`). */
export const SOPHON_PORT = 5555;

/** Every operation lives under this path: `/sophon/v2/face/<op>`. */
export const SOPHON_BASE_PATH = '/sophon/v2/face/';

/** Factory-default credentials of the `login` operation. */
export const SOPHON_DEFAULT_USERNAME = 'admin';
/** Factory-default password of the `login` operation. */
export const SOPHON_DEFAULT_PASSWORD = 'admin';

/** `getidentities` / `getpermissions`: page size when `page_limit` is absent (vendor document: 10). */
export const DEFAULT_PAGE_LIMIT = 10;
/**
 * Largest accepted `page_limit`. The documents give no bound; an embedded box answering with face and
 * register-image ids per person plausibly caps pages, so 1..100 is accepted and anything else is
 * INVALID_ARGUMENTS.
 */
export const MAX_PAGE_LIMIT = 100;

/** `user_type` values the vendor documents list (default "employee"). */
export const USER_TYPES = ['employee', 'visitor', 'blacklist', 'stranger', 'vip'] as const;

/** `fiqa_level` values (registration photo quality check; default "high"). */
export const FIQA_LEVELS = ['no', 'low', 'normal', 'high'] as const;

/** Default `identity_name` when a person is created or updated without one (vendor document: "佚名"). */
export const DEFAULT_IDENTITY_NAME = '佚名';

/** Length of a `register_feature` vector (vendor document: float[512]). */
export const FEATURE_LENGTH = 512;

/**
 * Longest `identity_id` the `batch-invalid` firmware variant accepts in `deleteidentities`. The documents
 * give no bound; 64 characters hold the device's own UUIDs (36) and the vendor's decimal ids with room to
 * spare and match a common VARCHAR(64) column. An empty id is not valid either.
 */
export const MAX_IDENTITY_ID_LENGTH = 64;
