/**
 * `/users/:uid/auth_tokens`: create (reusing the latest token unless `force`), list, get, update
 * (platform, user agent, app info) and delete one or all. A user keeps at most 100 active tokens;
 * creating another archives the oldest, as CometChat documents.
 */
import { randomBytes } from 'node:crypto';
import {
  ack,
  assertValid,
  bodyObject,
  checkBoolean,
  checkString,
  EmuError,
  ok,
  pageList,
  type Router,
  readPage,
} from './http.js';
import type { AuthTokenRow, Store } from './store.js';
import { requireUser } from './users.js';

const MAX_TOKENS_PER_USER = 100;

export interface IssueOptions {
  /** Always create a new token instead of returning the latest one. */
  force?: boolean;
  /** 30 hex characters for the token's tail (deterministic seeds pass their own). */
  entropy?: string;
}

/** Creates (or, without `force`, reuses) an auth token: `<uid>_<createdAt><30 hex>`. */
export function issueAuthToken(
  store: Store,
  uid: string,
  options: IssueOptions = {},
): AuthTokenRow {
  const tokens = store.authTokens.get(uid) ?? [];
  const latest = tokens[tokens.length - 1];
  if (!options.force && latest) return latest;
  const createdAt = store.now();
  const entropy = options.entropy ?? randomBytes(15).toString('hex');
  const row: AuthTokenRow = { uid, authToken: `${uid}_${createdAt}${entropy}`, createdAt };
  tokens.push(row);
  if (tokens.length > MAX_TOKENS_PER_USER) tokens.splice(0, tokens.length - MAX_TOKENS_PER_USER);
  store.authTokens.set(uid, tokens);
  return row;
}

export function renderAuthToken(row: AuthTokenRow): Record<string, unknown> {
  return {
    uid: row.uid,
    authToken: row.authToken,
    createdAt: row.createdAt,
    ...(row.platform !== undefined ? { platform: row.platform } : {}),
    ...(row.userAgent !== undefined ? { userAgent: row.userAgent } : {}),
    ...(row.appInfo !== undefined ? { appInfo: row.appInfo } : {}),
  };
}

function findToken(store: Store, uid: string, authToken: string | undefined): AuthTokenRow {
  const row = store.authTokens.get(uid)?.find((t) => t.authToken === authToken);
  if (!row) {
    throw new EmuError(
      404,
      'ERR_AUTH_TOKEN_NOT_FOUND',
      `The auth token does not exist for the user with UID ${uid}.`,
    );
  }
  return row;
}

/** Registers the CometChat auth-token routes. */
export function registerAuthTokens(router: Router): void {
  router.add('POST', '/users/:uid/auth_tokens', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    const details: Record<string, string[]> = {};
    const force = checkBoolean(bodyObject(req).force, 'force', details);
    assertValid(details);
    const row = issueAuthToken(store, user.uid, { force: force ?? false });
    return ok(renderAuthToken(row));
  });

  router.add('GET', '/users/:uid/auth_tokens', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    const page = readPage(req.query);
    return pageList(store.authTokens.get(user.uid) ?? [], page, renderAuthToken);
  });

  router.add('DELETE', '/users/:uid/auth_tokens', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    store.authTokens.delete(user.uid);
    return ack(`Cleared Auth Tokens successfully for uid ${user.uid}.`);
  });

  router.add('GET', '/users/:uid/auth_tokens/:authToken', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    return ok(renderAuthToken(findToken(store, user.uid, req.params.authToken)));
  });

  router.add('PUT', '/users/:uid/auth_tokens/:authToken', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    const row = findToken(store, user.uid, req.params.authToken);
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const platform = checkString(body.platform, 'platform', 100, details);
    const userAgent = checkString(body.userAgent, 'userAgent', 1000, details);
    let appInfo: Record<string, unknown> | undefined;
    if (body.appInfo !== undefined && body.appInfo !== null) {
      if (typeof body.appInfo !== 'object' || Array.isArray(body.appInfo)) {
        details.appInfo = ['The appInfo must be an object.'];
      } else appInfo = body.appInfo as Record<string, unknown>; // a JSON object, checked above
    }
    assertValid(details);
    if (platform !== undefined) row.platform = platform;
    if (userAgent !== undefined) row.userAgent = userAgent;
    if (appInfo !== undefined) row.appInfo = appInfo;
    return ok(renderAuthToken(row));
  });

  router.add('DELETE', '/users/:uid/auth_tokens/:authToken', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    const row = findToken(store, user.uid, req.params.authToken);
    const tokens = store.authTokens.get(user.uid) ?? [];
    tokens.splice(tokens.indexOf(row), 1);
    return ack(`Deleted Auth Token successfully for uid ${user.uid}.`);
  });
}
