/**
 * One typed error for every way a CometChat call can fail, and the table that maps CometChat's
 * `error.code` (first) and the HTTP status (second) to a small set of kinds the gateway acts on.
 *
 * CometChat documents its error codes but no code -> HTTP status table (docs/cometchat-facts.md section 10.1), so
 * the code decides whenever one is present; the status is only the fallback.
 */

export type UpstreamErrorKind =
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'bad_response';

export interface UpstreamErrorInit {
  kind: UpstreamErrorKind;
  message: string;
  method: string;
  path: string;
  status?: number | undefined;
  code?: string | undefined;
  details?: Record<string, string[]> | undefined;
  retryAfterSeconds?: number | undefined;
  outcomeUnknown?: boolean | undefined;
}

/**
 * A failed CometChat call. Carries the request's method and path (never the host, the query
 * string or any credential), CometChat's `error.code` and per-field `details` when it sent them.
 */
export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly details: Record<string, string[]> | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** A write was sent but its outcome is unknown (timeout, reset, 502/504 or an unreadable answer). */
  readonly outcomeUnknown: boolean;
  readonly method: string;
  readonly path: string;

  constructor(init: UpstreamErrorInit) {
    super(init.message);
    this.name = 'UpstreamError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.method = init.method;
    this.path = init.path;
  }
}

/** True for any {@link UpstreamError}, also across module copies (checked by name and shape). */
export function isUpstreamError(e: unknown): e is UpstreamError {
  if (e instanceof UpstreamError) return true;
  return (
    e instanceof Error &&
    e.name === 'UpstreamError' &&
    typeof (e as { kind?: unknown }).kind === 'string' && // narrowing an Error to read one field
    typeof (e as { method?: unknown }).method === 'string' // same
  );
}

/**
 * CometChat error codes with the kind each maps to. Every code listed in CometChat's error guide
 * (docs/cometchat-facts.md section 4) is here; codes not listed fall through to {@link CODE_PATTERNS} and then to
 * the HTTP status. Choices that are not obvious carry a reason.
 */
export const ERROR_CODE_KINDS: Readonly<Record<string, UpstreamErrorKind>> = {
  // Our own code: the management API (webhooks) was not configured, so no call was made.
  MGMT_NOT_CONFIGURED: 'unauthorized',
  // Our own code: an argument was rejected before any HTTP call (empty id, missing onBehalfOf).
  CLIENT_INVALID_ARGUMENT: 'invalid',
  // Our own codes: not sent because the host's circuit is open, or over the gateway's rate budget.
  BREAKER_OPEN: 'unavailable',
  GATEWAY_RATE_LIMITED: 'rate_limited',

  // Auth. AUTH_ERR_NO_ACCESS is a valid key without the needed scope, so forbidden, not unauthorized.
  AUTH_ERR_EMPTY_APPID: 'unauthorized',
  AUTH_ERR_INVALID_APPID: 'unauthorized',
  AUTH_ERR_EMPTY_APIKEY: 'unauthorized',
  AUTH_ERR_APIKEY_NOT_FOUND: 'unauthorized',
  AUTH_ERR_NO_ACCESS: 'forbidden',
  AUTH_ERR_EMPTY_AUTH_HEADER: 'unauthorized',
  AUTH_ERR_EMPTY_AUTH_TOKEN: 'unauthorized',
  AUTH_ERR_AUTH_TOKEN_NOT_FOUND: 'unauthorized',

  // API keys.
  ERR_APIKEY_NOT_FOUND: 'not_found',
  ERR_APIKEY_NO_SELF_ACTION: 'forbidden',

  // Auth tokens. The *_FAILED codes are upstream-side failures of a valid request.
  ERR_AUTH_TOKEN_NOT_FOUND: 'not_found',
  ERR_AUTH_TOKEN_DELETE_FAILED: 'unavailable',
  ERR_AUTH_TOKENS_DELETE_FAILED: 'unavailable',
  ERR_AUTHTOKEN_UNAVAILABLE: 'not_found',
  ERR_AUTHTOKEN_NOT_ACCESSIBLE: 'forbidden',

  // Plan limits: the app may not do this at all on its plan.
  ERR_PLAN_RESTRICTION: 'forbidden',
  ERR_SUBSCRIPTION_EXPIRED: 'forbidden',
  ERR_PLAN_QUOTA_RESTRICTION: 'forbidden',

  // Notification providers (CometChat's notification error guide).
  ERR_PROVIDER_NOT_FOUND: 'not_found',
  ERR_PROVIDER_ALREADY_EXISTS: 'conflict',

  // Roles. The default role can never be deleted.
  ERR_ROLE_NOT_FOUND: 'not_found',
  ERR_ROLE_DELETE_FAILED: 'unavailable',
  ERR_ROLE_DELETE_DENIED: 'forbidden',

  // Users. A deactivated user also answers ERR_UID_NOT_FOUND.
  ERR_UID_NOT_FOUND: 'not_found',
  ERR_UID_DELETE_FAILED: 'unavailable',

  // Bots.
  ERR_BOT_NOT_FOUND: 'not_found',
  ERR_BOT_ALREADY_EXISTS: 'conflict',

  // Groups. A wrong password is a bad input value; a full group is a state conflict.
  ERR_GUID_NOT_FOUND: 'not_found',
  ERR_EMPTY_GROUP_PASS: 'invalid',
  ERR_WRONG_GROUP_PASS: 'invalid',
  ERR_GROUP_DELETE_FAILED: 'unavailable',
  ERR_NOT_A_MEMBER: 'forbidden',
  ERR_ALREADY_JOINED: 'conflict',
  ERR_GROUP_NOT_JOINED: 'forbidden',
  ERR_GROUP_JOIN_NOT_ALLOWED: 'forbidden',
  ERR_MEMBER_DELETE_FAILED: 'unavailable',
  ERR_NO_VACANCY: 'conflict',
  ERR_SAME_SCOPE: 'conflict',
  ERR_MEMBER_SCOPE_CHANGE_FAILED: 'unavailable',
  ERR_NOT_A_BANNED_USER: 'not_found',
  ERR_BANNED_GROUPMEMBER: 'forbidden',
  ERR_ALREADY_BANNED: 'conflict',
  ERR_MEMBER_BAN_FAILED: 'unavailable',
  ERR_MEMBER_UNBAN_FAILED: 'unavailable',
  ERR_GROUP_NO_CLEARANCE: 'forbidden',
  ERR_GROUP_NO_ADMIN_SCOPE: 'forbidden',
  ERR_GROUP_NO_MODERATOR_SCOPE: 'forbidden',
  ERR_GROUP_NO_SCOPE_CLEARANCE: 'forbidden',
  ERR_GROUP_NO_SELF_ACTION: 'forbidden',

  // Messages. ERR_CONVERSATION_NOT_ACCESSIBLE is also what an empty conversation answers, so it
  // reads as "no such conversation" rather than a permission problem.
  ERR_EMPTY_RECEIVER: 'invalid',
  ERR_INVALID_RECEIVER_TYPE: 'invalid',
  ERR_CONVERSATION_NOT_FOUND: 'not_found',
  ERR_CONVERSATION_NOT_ACCESSIBLE: 'not_found',
  ERR_MESSAGE_ID_NOT_FOUND: 'not_found',
  ERR_MSG_NOT_FOUND: 'not_found',
  ERR_USER_MESSAGE_DELETE_FAILED: 'unavailable',
  ERR_MESSAGE_NOT_A_SENDER: 'forbidden',
  ERR_MESSAGE_NO_ACCESS: 'forbidden',
  ERR_MESSAGE_ACTION_NOT_ALLOWED: 'forbidden',
  ERR_ACTION_NOT_ALLOWED: 'forbidden',
  ERR_INVALID_MESSAGE_DATA: 'invalid',
  ERR_EMPTY_MESSAGE_TEXT: 'invalid',
  ERR_INVALID_MESSAGE_TEXT: 'invalid',
  ERR_EMPTY_MESSAGE_CATEGORY: 'invalid',
  ERR_INVALID_MESSAGE_CATEGORY: 'invalid',
  ERR_EMPTY_MESSAGE_TYPE: 'invalid',
  ERR_INVALID_MESSAGE_TYPE: 'invalid',
  ERR_EMPTY_MESSAGE_FILE: 'invalid',
  ERR_EMPTY_CUSTOM_DATA: 'invalid',
  ERR_INVALID_MEDIA_MESSAGE: 'invalid',
  ERR_INVALID_CUSTOM_DATA: 'invalid',
  ERR_INVALID_METADATA: 'invalid',
  ERR_WRONG_MESSAGE_THREAD: 'invalid',
  ERR_MESSAGE_THREAD_NESTING: 'invalid',
  ERR_WRONG_MESSAGE_THREAD_CATEGORY: 'invalid',
  // Pin/save limits depend on current state (how many are pinned already), hence conflict.
  ERR_PINNED_MESSAGES_LIMIT_EXCEEDED: 'conflict',
  ERR_SAVED_MESSAGES_LIMIT_EXCEEDED: 'conflict',
  ERR_PINNED_CONVERSATIONS_LIMIT_EXCEEDED: 'conflict',
  ERR_SYSTEM_PINNED_CONVERSATIONS_LIMIT_EXCEEDED: 'conflict',
  ERR_SYSTEM_PINNED_CONVERSATION: 'forbidden',

  // Calls. Busy/terminated/already-joined describe the call's current state: conflict.
  ERR_CALLING_SELF: 'invalid',
  ERR_CALL_BUSY_SELF: 'conflict',
  ERR_CALL_BUSY_GROUP: 'conflict',
  ERR_CALL_BUSY_USER: 'conflict',
  ERR_EMPTY_CALL_SESSION_ID: 'invalid',
  ERR_CALL_SESSION_NOT_FOUND: 'not_found',
  ERR_CALL_TERMINATED: 'conflict',
  ERR_CALL_GROUP_ALREADY_JOINED: 'conflict',
  ERR_CALL_GROUP_ALREADY_LEFT: 'conflict',
  ERR_CALL_USER_ALREADY_JOINED: 'conflict',
  ERR_CALL_NOT_A_PART: 'forbidden',
  ERR_CALL_EMPTY_JOINED_AT: 'invalid',
  ERR_CALL_INVALID_INIT: 'invalid',
  ERR_CALL_GROUP_INVALID_STATUS: 'conflict',
  ERR_CALL_ONGOING_TO_INVALID: 'conflict',
  ERR_CALL_NOT_STARTED: 'conflict',

  // Friends and blocks.
  ERR_ALREADY_FRIEND: 'conflict',
  ERR_NOT_A_FRIEND: 'not_found',
  ERR_CANNOT_FORM_SELF_RELATION: 'invalid',
  ERR_FAILED_TO_ADD_FRIEND: 'unavailable',
  ERR_CANNOT_BLOCK_SELF: 'invalid',
  ERR_BLOCKED_RECEIVER: 'forbidden',
  ERR_BLOCKED_SENDER: 'forbidden',

  // Extensions and webhooks.
  ERR_EXTENSION_NOT_FOUND: 'not_found',
  ERR_BLOCKED_BY_EXTENSION: 'forbidden',
  ERR_WEBHOOK_NOT_FOUND: 'not_found',
  ERR_BLOCKED_BY_WEBHOOK: 'forbidden',
  ERR_TRIGGER_NOT_FOUND: 'not_found',

  // General. ERR_API_NOT_FOUND means a wrong path or method (an upstream that does not offer this
  // endpoint), never a missing resource, so it must not turn into a `null` lookup.
  ERR_INVALID_API_VERSION: 'invalid',
  ERR_API_NOT_FOUND: 'unavailable',
  ERR_MISSION_FAILED: 'unavailable',
  ERR_BAD_REQUEST: 'invalid',
  ERR_OPERATION_FAILED: 'unavailable',
  ERR_EXCEPTION: 'unavailable',
  ERR_TOO_MANY_REQUESTS: 'rate_limited',
  ERR_BAD_ERROR_RESPONSE: 'unavailable',

  // Websocket provisioning failures inside CometChat.
  ERR_WS_INIT_FAILED: 'unavailable',
  ERR_WS_APP_INIT_FAILED: 'unavailable',
  ERR_WS_APP_DESTROY_FAILED: 'unavailable',
  ERR_WS_ROLE_CREATION_FAILED: 'unavailable',
  ERR_WS_ROLE_DELETION_FAILED: 'unavailable',
  ERR_WS_USER_CREATION_FAILED: 'unavailable',
  ERR_WS_USER_UPDATION_FAILED: 'unavailable',
  ERR_WS_GROUP_CREATION_FAILED: 'unavailable',
  ERR_WS_GROUP_DELETION_FAILED: 'unavailable',
  ERR_WS_GROUP_JOIN_FAILED: 'unavailable',

  // Management API.
  ERR_APP_CREATION_FAILED_MAX_LIMIT: 'conflict',
  ERR_APP_ARCHIVED: 'forbidden',
  ERR_APP_DELETION: 'forbidden',
  ERR_APP_NOT_FOUND: 'not_found',
  ERR_EXTENSION_INACTIVE: 'forbidden',
  ERR_ALREADY_AN_OWNER: 'conflict',
  ERR_SELF_ACTION_DENIED: 'forbidden',
  ERR_NOT_A_COLLABORATOR: 'forbidden',
};

/** Naming patterns for codes CometChat may add later; the first match wins. */
export const CODE_PATTERNS: readonly (readonly [RegExp, UpstreamErrorKind])[] = [
  [/^AUTH_ERR_/, 'unauthorized'],
  [/_NOT_FOUND$/, 'not_found'],
  [/^ERR_(EMPTY|INVALID|WRONG)_/, 'invalid'],
  [/^ERR_ALREADY_|_ALREADY_EXISTS$/, 'conflict'],
  [/^ERR_GROUP_NO_|_NO_ACCESS$|^ERR_BLOCKED_|_NOT_ALLOWED$|_DENIED$/, 'forbidden'],
  [/_LIMIT_EXCEEDED$/, 'conflict'],
  [/_FAILED$/, 'unavailable'],
];

/** The HTTP status fallback, used when CometChat sent no code or one this table does not know. */
export function kindForStatus(status: number | undefined): UpstreamErrorKind {
  if (status === undefined) return 'unavailable';
  if (status === 400 || status === 422 || status === 413) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid';
  // A non-error status reaching this function means the body was not what a success looks like.
  return 'bad_response';
}

/** The mapping table: CometChat `error.code` first (exact, then naming patterns), then HTTP status. */
export function errorKindFor(
  status: number | undefined,
  code: string | undefined,
): UpstreamErrorKind {
  if (code !== undefined && code !== '') {
    const exact = ERROR_CODE_KINDS[code];
    if (exact !== undefined) return exact;
    for (const [pattern, kind] of CODE_PATTERNS) if (pattern.test(code)) return kind;
  }
  return kindForStatus(status);
}

/**
 * Per-field validation messages as `field -> string[]`. CometChat's fixtures show string arrays,
 * other CometChat APIs a single string per field; anything else is stringified.
 */
export function normaliseDetails(raw: unknown): Record<string, string[]> | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    const list = Array.isArray(value) ? value : [value];
    const messages = list
      .filter((v) => v !== undefined && v !== null)
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    if (messages.length > 0) out[field] = messages;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

type HeaderValue = string | string[] | undefined;

function header(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') return first.trim();
  }
  return undefined;
}

/**
 * Seconds to wait before retrying, from `Retry-After` (seconds or an HTTP date; preferred), else
 * `X-RateLimit-Reset` / `X-Rate-Limit-Reset` (a unix time; small values are read as seconds from
 * now), else `details.retryAfter` as CometChat's SDK samples read it. Header names are
 * case-insensitive. Undefined when nothing usable is present.
 */
export function retryAfterSecondsFrom(
  headers: Record<string, HeaderValue>,
  details?: unknown,
  nowMs: number = Date.now(),
): number | undefined {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter));
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - nowMs) / 1000));
  }
  const reset = header(headers, 'x-ratelimit-reset') ?? header(headers, 'x-rate-limit-reset');
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    // Unix timestamps are ~1.7e9; anything far below that is a relative number of seconds.
    if (value < 1e9) return Math.ceil(value);
    return Math.max(0, Math.ceil(value - nowMs / 1000));
  }
  if (details !== null && typeof details === 'object' && 'retryAfter' in details) {
    const value = Number((details as { retryAfter: unknown }).retryAfter); // `in` checked above
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  return undefined;
}
