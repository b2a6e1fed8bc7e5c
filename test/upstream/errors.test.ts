import { describe, expect, it } from 'vitest';
import {
  ERROR_CODE_KINDS,
  errorKindFor,
  isUpstreamError,
  kindForStatus,
  normaliseDetails,
  retryAfterSecondsFrom,
  UpstreamError,
  type UpstreamErrorKind,
} from '../../src/upstream/errors.js';

/** Every code CometChat's error guide lists (FACTS.md section 4), with the kind the gateway needs. */
const DOCUMENTED: Record<string, UpstreamErrorKind> = {
  AUTH_ERR_EMPTY_APPID: 'unauthorized',
  AUTH_ERR_INVALID_APPID: 'unauthorized',
  AUTH_ERR_EMPTY_APIKEY: 'unauthorized',
  AUTH_ERR_APIKEY_NOT_FOUND: 'unauthorized',
  AUTH_ERR_NO_ACCESS: 'forbidden',
  AUTH_ERR_EMPTY_AUTH_HEADER: 'unauthorized',
  AUTH_ERR_EMPTY_AUTH_TOKEN: 'unauthorized',
  AUTH_ERR_AUTH_TOKEN_NOT_FOUND: 'unauthorized',
  ERR_APIKEY_NOT_FOUND: 'not_found',
  ERR_APIKEY_NO_SELF_ACTION: 'forbidden',
  ERR_AUTH_TOKEN_NOT_FOUND: 'not_found',
  ERR_AUTH_TOKEN_DELETE_FAILED: 'unavailable',
  ERR_AUTH_TOKENS_DELETE_FAILED: 'unavailable',
  ERR_AUTHTOKEN_UNAVAILABLE: 'not_found',
  ERR_AUTHTOKEN_NOT_ACCESSIBLE: 'forbidden',
  ERR_PLAN_RESTRICTION: 'forbidden',
  ERR_SUBSCRIPTION_EXPIRED: 'forbidden',
  ERR_PLAN_QUOTA_RESTRICTION: 'forbidden',
  ERR_ROLE_NOT_FOUND: 'not_found',
  ERR_ROLE_DELETE_FAILED: 'unavailable',
  ERR_ROLE_DELETE_DENIED: 'forbidden',
  ERR_UID_NOT_FOUND: 'not_found',
  ERR_UID_DELETE_FAILED: 'unavailable',
  ERR_BOT_NOT_FOUND: 'not_found',
  ERR_BOT_ALREADY_EXISTS: 'conflict',
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
  ERR_PINNED_MESSAGES_LIMIT_EXCEEDED: 'conflict',
  ERR_SAVED_MESSAGES_LIMIT_EXCEEDED: 'conflict',
  ERR_PINNED_CONVERSATIONS_LIMIT_EXCEEDED: 'conflict',
  ERR_SYSTEM_PINNED_CONVERSATIONS_LIMIT_EXCEEDED: 'conflict',
  ERR_SYSTEM_PINNED_CONVERSATION: 'forbidden',
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
  ERR_ALREADY_FRIEND: 'conflict',
  ERR_NOT_A_FRIEND: 'not_found',
  ERR_CANNOT_FORM_SELF_RELATION: 'invalid',
  ERR_FAILED_TO_ADD_FRIEND: 'unavailable',
  ERR_CANNOT_BLOCK_SELF: 'invalid',
  ERR_BLOCKED_RECEIVER: 'forbidden',
  ERR_BLOCKED_SENDER: 'forbidden',
  ERR_EXTENSION_NOT_FOUND: 'not_found',
  ERR_BLOCKED_BY_EXTENSION: 'forbidden',
  ERR_WEBHOOK_NOT_FOUND: 'not_found',
  ERR_BLOCKED_BY_WEBHOOK: 'forbidden',
  ERR_TRIGGER_NOT_FOUND: 'not_found',
  ERR_INVALID_API_VERSION: 'invalid',
  ERR_API_NOT_FOUND: 'unavailable',
  ERR_MISSION_FAILED: 'unavailable',
  ERR_BAD_REQUEST: 'invalid',
  ERR_OPERATION_FAILED: 'unavailable',
  ERR_EXCEPTION: 'unavailable',
  ERR_TOO_MANY_REQUESTS: 'rate_limited',
  ERR_BAD_ERROR_RESPONSE: 'unavailable',
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
  ERR_ACTION_NOT_ALLOWED: 'forbidden',
  ERR_APP_CREATION_FAILED_MAX_LIMIT: 'conflict',
  ERR_APP_ARCHIVED: 'forbidden',
  ERR_APP_DELETION: 'forbidden',
  ERR_APP_NOT_FOUND: 'not_found',
  ERR_EXTENSION_INACTIVE: 'forbidden',
  ERR_ALREADY_AN_OWNER: 'conflict',
  ERR_SELF_ACTION_DENIED: 'forbidden',
  ERR_NOT_A_COLLABORATOR: 'forbidden',
};

describe('errorKindFor: CometChat error code first', () => {
  it.each(Object.entries(DOCUMENTED))('maps %s to %s', (code, kind) => {
    // The status deliberately disagrees: the code must win.
    expect(errorKindFor(500, code)).toBe(kind);
    expect(errorKindFor(undefined, code)).toBe(kind);
  });

  it('lists every documented code in the exported table', () => {
    const missing = Object.keys(DOCUMENTED).filter((c) => ERROR_CODE_KINDS[c] === undefined);
    expect(missing).toEqual([]);
  });

  it('maps our own codes for local refusals', () => {
    expect(errorKindFor(undefined, 'MGMT_NOT_CONFIGURED')).toBe('unauthorized');
    expect(errorKindFor(undefined, 'CLIENT_INVALID_ARGUMENT')).toBe('invalid');
  });

  it('classifies unknown codes by their naming pattern', () => {
    expect(errorKindFor(500, 'ERR_POLL_NOT_FOUND')).toBe('not_found');
    expect(errorKindFor(500, 'ERR_EMPTY_SOMETHING')).toBe('invalid');
    expect(errorKindFor(500, 'ERR_INVALID_SOMETHING')).toBe('invalid');
    expect(errorKindFor(500, 'ERR_ALREADY_PINNED')).toBe('conflict');
    expect(errorKindFor(500, 'ERR_FLAG_ALREADY_EXISTS')).toBe('conflict');
    expect(errorKindFor(500, 'ERR_GROUP_NO_OWNER_SCOPE')).toBe('forbidden');
    expect(errorKindFor(500, 'ERR_REPORT_NO_ACCESS')).toBe('forbidden');
    expect(errorKindFor(500, 'AUTH_ERR_SOMETHING_NEW')).toBe('unauthorized');
  });

  it('falls back to the status for unknown codes without a pattern', () => {
    expect(errorKindFor(404, 'ERR_SOMETHING_ODD')).toBe('not_found');
    expect(errorKindFor(409, undefined)).toBe('conflict');
    expect(errorKindFor(400, '')).toBe('invalid');
  });
});

describe('errorKindFor: HTTP status fallback', () => {
  it.each([
    [400, 'invalid'],
    [422, 'invalid'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [429, 'rate_limited'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [418, 'invalid'],
  ] as const)('maps %i to %s', (status, kind) => {
    expect(errorKindFor(status, undefined)).toBe(kind);
    expect(kindForStatus(status)).toBe(kind);
  });

  it('treats a missing status (network failure) as unavailable', () => {
    expect(errorKindFor(undefined, undefined)).toBe('unavailable');
  });
});

describe('normaliseDetails', () => {
  it('keeps field -> string[] and wraps field -> string', () => {
    expect(normaliseDetails({ uid: ['The uid field is required.'], name: 'Too long.' })).toEqual({
      uid: ['The uid field is required.'],
      name: ['Too long.'],
    });
  });

  it('stringifies other values and drops empty ones', () => {
    expect(normaliseDetails({ retryAfter: 15, nested: { a: 1 }, gone: null })).toEqual({
      retryAfter: ['15'],
      nested: ['{"a":1}'],
    });
    expect(normaliseDetails(['not', 'an', 'object'])).toBeUndefined();
    expect(normaliseDetails({})).toBeUndefined();
  });
});

describe('retryAfterSecondsFrom', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);

  it('prefers Retry-After seconds, case-insensitively', () => {
    expect(
      retryAfterSecondsFrom({ 'RETRY-AFTER': '15', 'x-ratelimit-reset': '1735689700' }, {}, now),
    ).toBe(15);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(
      retryAfterSecondsFrom({ 'retry-after': new Date(now + 7000).toUTCString() }, {}, now),
    ).toBe(7);
  });

  it('reads X-RateLimit-Reset and X-Rate-Limit-Reset as unix times', () => {
    const reset = String(now / 1000 + 42);
    expect(retryAfterSecondsFrom({ 'X-RateLimit-Reset': reset }, undefined, now)).toBe(42);
    expect(retryAfterSecondsFrom({ 'x-rate-limit-reset': reset }, undefined, now)).toBe(42);
  });

  it('reads small reset values as relative seconds and falls back to details.retryAfter', () => {
    expect(retryAfterSecondsFrom({ 'x-ratelimit-reset': '30' }, undefined, now)).toBe(30);
    expect(retryAfterSecondsFrom({}, { retryAfter: 9 }, now)).toBe(9);
    expect(retryAfterSecondsFrom({}, undefined, now)).toBeUndefined();
  });
});

describe('UpstreamError', () => {
  it('is recognised by isUpstreamError and carries method and path', () => {
    const error = new UpstreamError({
      kind: 'not_found',
      message: 'CometChat GET /users/x: 404',
      method: 'GET',
      path: '/users/x',
      status: 404,
      code: 'ERR_UID_NOT_FOUND',
    });
    expect(isUpstreamError(error)).toBe(true);
    expect(error.outcomeUnknown).toBe(false);
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/users/x');
    expect(isUpstreamError(new Error('plain'))).toBe(false);
    expect(isUpstreamError({ kind: 'not_found' })).toBe(false);
  });
});
