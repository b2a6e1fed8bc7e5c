/** CometChat users: list, get, create, update, delete, bulk deactivate and reactivate. */
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type AckRecord, ackSchema, dataOf, type Page, pageOf } from './records/common.js';
import {
  deactivatedUidsSchema,
  reactivatedUidsSchema,
  type UserRecord,
  type UserStatus,
  userSchema,
} from './records/users.js';

const userAnswer = dataOf(userSchema);
const userPage = pageOf(userSchema);

export interface ListUsersQuery {
  /** 1-based page; CometChat's default is 1. */
  page?: number | undefined;
  /** Default 100, max 1000. */
  perPage?: number | undefined;
  /** Prefix search on uid and name. */
  searchKey?: string | undefined;
  searchIn?: ('name' | 'uid')[] | undefined;
  status?: UserStatus | undefined;
  role?: string | undefined;
  roles?: string[] | undefined;
  tags?: string[] | undefined;
  withTags?: boolean | undefined;
  onlyDeactivated?: boolean | undefined;
  withDeactivated?: boolean | undefined;
  count?: boolean | undefined;
}

/** `GET /users`: a page of users. */
export function listUsers(
  client: UpstreamClient,
  query: ListUsersQuery = {},
  opts: CallOptions = {},
): Promise<Page<UserRecord>> {
  return call(client, 'GET', '/users', userPage, { query: { ...query }, ...opts });
}

/** `GET /users/{uid}`; with `onBehalfOf` the viewer-relative fields (block state) are filled. */
export function getUser(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<UserRecord> {
  return call(client, 'GET', '/users/{uid}', userAnswer, { params: { uid }, ...opts });
}

export interface CreateUserInput {
  uid: string;
  name: string;
  avatar?: string | undefined;
  link?: string | undefined;
  role?: string | undefined;
  statusMessage?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  tags?: string[] | undefined;
  /** Return an auth token for the new user in `authToken`. */
  withAuthToken?: boolean | undefined;
}

/** `POST /users`. */
export function createUser(
  client: UpstreamClient,
  input: CreateUserInput,
  opts: CallOptions = {},
): Promise<UserRecord> {
  return call(client, 'POST', '/users', userAnswer, { body: { ...input }, ...opts });
}

export interface UpdateUserInput {
  name?: string | undefined;
  avatar?: string | undefined;
  link?: string | undefined;
  role?: string | undefined;
  statusMessage?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  tags?: string[] | undefined;
  /** Fields to clear. */
  unset?: ('avatar' | 'link' | 'metadata')[] | undefined;
}

/** `PUT /users/{uid}`. */
export function updateUser(
  client: UpstreamClient,
  uid: string,
  input: UpdateUserInput,
  opts: CallOptions = {},
): Promise<UserRecord> {
  return call(client, 'PUT', '/users/{uid}', userAnswer, {
    params: { uid },
    body: { ...input },
    ...opts,
  });
}

/** `DELETE /users/{uid}`; `permanent` also removes the user's messages and conversations. */
export function deleteUser(
  client: UpstreamClient,
  uid: string,
  options: { permanent?: boolean | undefined } = {},
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/users/{uid}', ackSchema, {
    params: { uid },
    body: { permanent: options.permanent ?? false },
    ...opts,
  });
}

/** `DELETE /users` `{uidsToDeactivate}`: returns the uids CometChat deactivated. */
export function deactivateUsers(
  client: UpstreamClient,
  uids: string[],
  opts: CallOptions = {},
): Promise<string[]> {
  return call(client, 'DELETE', '/users', deactivatedUidsSchema, {
    body: { uidsToDeactivate: uids },
    ...opts,
  });
}

/** `PUT /users` `{uidsToActivate}`: returns the uids that are active again. */
export function reactivateUsers(
  client: UpstreamClient,
  uids: string[],
  opts: CallOptions = {},
): Promise<string[]> {
  return call(client, 'PUT', '/users', reactivatedUidsSchema, {
    body: { uidsToActivate: uids },
    ...opts,
  });
}
