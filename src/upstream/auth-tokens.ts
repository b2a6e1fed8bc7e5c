/** CometChat auth tokens of a user: create, list, get, update, delete one, flush all. */
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type AckRecord, ackSchema, dataOf, type Page, pageOf } from './records/common.js';
import { type AuthTokenRecord, authTokenSchema } from './records/users.js';

const tokenAnswer = dataOf(authTokenSchema);
const tokenPage = pageOf(authTokenSchema);

/** `POST /users/{uid}/auth_tokens`; `force` generates a new token even if one exists. */
export function createAuthToken(
  client: UpstreamClient,
  uid: string,
  options: { force?: boolean | undefined } = {},
  opts: CallOptions = {},
): Promise<AuthTokenRecord> {
  return call(client, 'POST', '/users/{uid}/auth_tokens', tokenAnswer, {
    params: { uid },
    body: options.force === undefined ? {} : { force: options.force },
    ...opts,
  });
}

/** `GET /users/{uid}/auth_tokens`. */
export function listAuthTokens(
  client: UpstreamClient,
  uid: string,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<AuthTokenRecord>> {
  return call(client, 'GET', '/users/{uid}/auth_tokens', tokenPage, {
    params: { uid },
    query: { ...query },
    ...opts,
  });
}

/** `GET /users/{uid}/auth_tokens/{authToken}`. The token is masked in errors and logs. */
export function getAuthToken(
  client: UpstreamClient,
  uid: string,
  authToken: string,
  opts: CallOptions = {},
): Promise<AuthTokenRecord> {
  return call(client, 'GET', '/users/{uid}/auth_tokens/{authToken}', tokenAnswer, {
    params: { uid, authToken },
    redact: [authToken],
    ...opts,
  });
}

export interface UpdateAuthTokenInput {
  platform?: string | undefined;
  userAgent?: string | undefined;
  appInfo?: Record<string, unknown> | undefined;
}

/** `PUT /users/{uid}/auth_tokens/{authToken}`: device details of a token. */
export function updateAuthToken(
  client: UpstreamClient,
  uid: string,
  authToken: string,
  input: UpdateAuthTokenInput,
  opts: CallOptions = {},
): Promise<AuthTokenRecord> {
  return call(client, 'PUT', '/users/{uid}/auth_tokens/{authToken}', tokenAnswer, {
    params: { uid, authToken },
    body: { ...input },
    redact: [authToken],
    ...opts,
  });
}

/** `DELETE /users/{uid}/auth_tokens/{authToken}`. */
export function deleteAuthToken(
  client: UpstreamClient,
  uid: string,
  authToken: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/users/{uid}/auth_tokens/{authToken}', ackSchema, {
    params: { uid, authToken },
    redact: [authToken],
    ...opts,
  });
}

/** `DELETE /users/{uid}/auth_tokens`: removes every token of the user. */
export function flushAuthTokens(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/users/{uid}/auth_tokens', ackSchema, {
    params: { uid },
    ...opts,
  });
}
