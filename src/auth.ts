/**
 * Who is asking. Runs before anything else of a request (before its body is parsed), for HTTP
 * (the `Authorization` and `X-Act-As` headers) and for WebSocket (the same names as connection
 * parameters), and yields a `Caller` or a client error:
 *
 * - `Bearer <admin token>` (GATEWAY_ADMIN_TOKENS): the app's admin, compared in constant time. With
 *   `X-Act-As: <uid>` the admin acts as that user, under every rule an end user is under.
 * - `Bearer <JWT>` from the app's own backend: `sub` is the CometChat uid; HS256 with
 *   GATEWAY_JWT_SECRET or RS256/ES256 from GATEWAY_JWKS_URL, issuer and audience checked when set.
 * - `CometChat <authToken>`: a CometChat auth token (what apps issue for CometChat's SDKs), checked
 *   with CometChat. The same token sent as `Bearer <authToken>` is accepted too.
 *
 * The user an end-user credential names must exist and be active. Checks with CometChat are made on
 * behalf of that user and cached briefly, positive and negative, so a burst costs one call.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import type { JwtConfig } from './config.js';
import type { Caller } from './context.js';
import { gatewayError } from './errors.js';
import type { Logger } from './logger.js';
import { getAuthToken } from './upstream/auth-tokens.js';
import type { UpstreamClient } from './upstream/client.js';
import { isUpstreamError } from './upstream/errors.js';
import { getUser } from './upstream/users.js';

/** What a request presents: the `Authorization` and `X-Act-As` values. */
export interface Credentials {
  authorization: string | null | undefined;
  actAs?: string | null | undefined;
}

export interface Authenticator {
  /** The caller for these credentials; throws UNAUTHENTICATED, FORBIDDEN or an upstream error. */
  authenticate(credentials: Credentials): Promise<Caller>;
}

export interface AuthenticatorOptions {
  adminTokens: readonly string[];
  jwt: JwtConfig | null;
  /** Checks users and CometChat auth tokens; without it only admin tokens are accepted. */
  upstream?: UpstreamClient;
  logger?: Logger;
  /** How long a positive / negative check with CometChat is reused. Defaults 60 s / 10 s. */
  positiveTtlMs?: number;
  negativeTtlMs?: number;
  /** A key set to verify JWTs with, instead of fetching GATEWAY_JWKS_URL (tests). */
  jwks?: JWTVerifyGetKey;
}

/** The header (and connection parameter) an admin names the user to act as with. */
export const ACT_AS_HEADER = 'x-act-as';

/** Clock skew tolerated on `exp` and `nbf`. */
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;

// CometChat uids: letters, digits, underscores and dashes (docs/cometchat-facts.md 6), up to 100 characters.
const UID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A short, non-secret fingerprint of a token, for logs. */
export function tokenFingerprint(token: string): string {
  return digest(`gateway-token:${token}`).toString('hex').slice(0, 8);
}

/** The scheme and credential of an `Authorization` value, or null when it has no such form. */
export function parseAuthorization(
  authorization: string | null | undefined,
): { scheme: 'bearer' | 'cometchat'; token: string } | null {
  if (!authorization) return null;
  const match = /^(Bearer|CometChat)[ ]+(\S+)\s*$/i.exec(authorization.trim());
  if (!match?.[1] || !match[2]) return null;
  return { scheme: match[1].toLowerCase() === 'bearer' ? 'bearer' : 'cometchat', token: match[2] };
}

/** The token of a `Bearer <token>` value, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const parsed = parseAuthorization(authorization);
  return parsed?.scheme === 'bearer' ? parsed.token : null;
}

function paramValue(params: unknown, name: string): string | null {
  if (typeof params !== 'object' || params === null) return null;
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return null;
}

/**
 * Reads the authorization value from graphql-ws connection parameters, whatever the key's case
 * (`authorization`, `Authorization`); GraphiQL sends its header editor's headers there.
 */
export function authorizationFromConnectionParams(params: unknown): string | null {
  return paramValue(params, 'authorization');
}

/** The credentials in graphql-ws connection parameters (`authorization`, `x-act-as`). */
export function credentialsFromConnectionParams(params: unknown): Credentials {
  return {
    authorization: paramValue(params, 'authorization'),
    actAs: paramValue(params, ACT_AS_HEADER),
  };
}

const MISSING =
  'Authentication required: send "Authorization: Bearer <token>" (an admin token or a JWT) or "Authorization: CometChat <authToken>".';

function unauthenticated(message: string): Error {
  return gatewayError('UNAUTHENTICATED', message);
}

/** A small time-bounded cache of promises: concurrent checks of one key share one call. */
class CheckCache<T> {
  private readonly entries = new Map<string, { until: number; value: Promise<T> }>();
  constructor(
    private readonly positiveTtlMs: number,
    private readonly negativeTtlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, load: () => Promise<T>, isPositive: (value: T) => boolean): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (hit) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evict(now);
    const value = load();
    // Until it settles the promise is shared; then it lives for its positive or negative TTL.
    const entry = { until: Number.POSITIVE_INFINITY, value };
    this.entries.set(key, entry);
    value.then(
      (result) => {
        entry.until = Date.now() + (isPositive(result) ? this.positiveTtlMs : this.negativeTtlMs);
      },
      () => {
        // Failures (CometChat unreachable) are not remembered.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.until <= now) this.entries.delete(key);
    }
    // Still full: drop the oldest insertions (a Map iterates in insertion order).
    const excess = this.entries.size - Math.floor(this.maxEntries * 0.9);
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.entries.keys()) {
      if (dropped++ >= excess) break;
      this.entries.delete(key);
    }
  }
}

function isNotFound(error: unknown): boolean {
  return isUpstreamError(error) && (error.kind === 'not_found' || error.status === 404);
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const admins = options.adminTokens.map((token) => ({
    digest: digest(token),
    tokenId: tokenFingerprint(token),
  }));
  const positiveTtl = options.positiveTtlMs ?? 60_000;
  const negativeTtl = options.negativeTtlMs ?? 10_000;
  const users = new CheckCache<boolean>(positiveTtl, negativeTtl);
  const authTokens = new CheckCache<string | null>(positiveTtl, negativeTtl);
  const { jwt, upstream } = options;

  const hsKey = jwt?.secret ? new TextEncoder().encode(jwt.secret) : null;
  let jwks: JWTVerifyGetKey | null = options.jwks ?? null;
  if (!jwks && jwt?.jwksUrl) {
    jwks = createRemoteJWKSet(new URL(jwt.jwksUrl), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: 30_000,
      timeoutDuration: 5_000,
    });
  }

  function adminTokenId(token: string): string | null {
    // Hashing first gives equal-length buffers; every token is compared so timing does not
    // reveal which one (or whether any) matched.
    const candidate = digest(token);
    let found: string | null = null;
    for (const admin of admins) {
      if (timingSafeEqual(admin.digest, candidate)) found = admin.tokenId;
    }
    return found;
  }

  /** Whether `uid` is an existing, active user (asked on that user's behalf). */
  function userIsActive(uid: string): Promise<boolean> {
    if (!upstream) return Promise.resolve(false);
    return users.get(
      uid,
      async () => {
        try {
          const user = await getUser(upstream, uid, { onBehalfOf: uid });
          return user.deactivatedAt === null;
        } catch (error) {
          if (isNotFound(error)) return false;
          throw error;
        }
      },
      (active) => active,
    );
  }

  async function requireActiveUser(uid: string, what: string): Promise<string> {
    const normalized = uid.trim().toLowerCase();
    if (!UID_PATTERN.test(normalized)) throw unauthenticated(`${what} does not name a valid uid.`);
    if (!(await userIsActive(normalized))) {
      throw unauthenticated(`${what} names no active user.`);
    }
    return normalized;
  }

  async function verifyJwt(token: string): Promise<Caller> {
    if (!jwt || (!hsKey && !jwks)) throw unauthenticated('The bearer token is not valid.');
    let payload: { sub?: string | undefined; exp?: number | undefined };
    try {
      const verifyOptions = {
        clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS,
        ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
        ...(jwt.audience ? { audience: jwt.audience } : {}),
      };
      const result = hsKey
        ? await jwtVerify(token, hsKey, { ...verifyOptions, algorithms: ['HS256'] })
        : await jwtVerify(token, jwks as JWTVerifyGetKey, {
            ...verifyOptions,
            algorithms: ['RS256', 'ES256'],
          });
      payload = result.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw unauthenticated('The token has expired.');
      }
      if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JOSENotSupported) {
        options.logger?.warn({ err: error }, 'JWT verification could not run');
      }
      throw unauthenticated('The bearer token is not valid.');
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw unauthenticated('The token names no user (its "sub" claim is missing).');
    }
    const uid = await requireActiveUser(payload.sub, 'The token');
    return {
      kind: 'user',
      uid,
      via: 'jwt',
      ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp * 1000 } : {}),
    };
  }

  async function verifyAuthToken(
    token: string,
    refusal = 'The CometChat auth token is not valid.',
  ): Promise<Caller> {
    // CometChat auth tokens are `<uid>_<issued at><random>`: the uid is before the last `_`.
    const cut = token.lastIndexOf('_');
    const uid = cut > 0 ? token.slice(0, cut).toLowerCase() : '';
    if (!upstream || !UID_PATTERN.test(uid) || token.length > 300) {
      throw unauthenticated(refusal);
    }
    const owner = await authTokens.get(
      digest(token).toString('hex'),
      async () => {
        try {
          const record = await getAuthToken(upstream, uid, token, { onBehalfOf: uid });
          return record.uid.toLowerCase() === uid ? uid : null;
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      },
      (found) => found !== null,
    );
    if (owner === null) throw unauthenticated(refusal);
    return {
      kind: 'user',
      uid: await requireActiveUser(owner, 'The CometChat auth token'),
      via: 'auth-token',
    };
  }

  return {
    async authenticate({ authorization, actAs }) {
      const parsed = parseAuthorization(authorization);
      if (parsed === null) {
        throw unauthenticated(
          authorization
            ? 'The Authorization header must be "Bearer <token>" or "CometChat <authToken>".'
            : MISSING,
        );
      }
      const actAsValue = actAs?.trim() ? actAs.trim() : null;
      if (parsed.scheme === 'bearer') {
        const tokenId = adminTokenId(parsed.token);
        if (tokenId !== null) {
          if (actAsValue === null) return { kind: 'admin', tokenId };
          const uid = await requireActiveUser(actAsValue, 'X-Act-As');
          return { kind: 'user', uid, via: 'act-as', adminTokenId: tokenId };
        }
      }
      const caller =
        parsed.scheme === 'cometchat'
          ? await verifyAuthToken(parsed.token)
          : parsed.token.split('.').length === 3
            ? await verifyJwt(parsed.token)
            : // A CometChat auth token sent as a bearer token, as SDK-minded clients do.
              await verifyAuthToken(parsed.token, 'The bearer token is not valid.');
      if (actAsValue !== null) {
        throw gatewayError('FORBIDDEN', 'Only an admin token may act as another user (X-Act-As).');
      }
      return caller;
    },
  };
}

/** Throws UNAUTHENTICATED when a caller's credential has expired since it was checked. */
export function assertNotExpired(caller: Caller, now = Date.now()): void {
  if (
    caller.kind === 'user' &&
    caller.expiresAt !== undefined &&
    caller.expiresAt + JWT_CLOCK_TOLERANCE_SECONDS * 1000 < now
  ) {
    throw unauthenticated('The token has expired.');
  }
}
