/**
 * Caller authentication. Runs before execution, for HTTP (the Authorization header) and for
 * WebSocket (the `authorization` connection parameter), and yields a `Caller` or an
 * UNAUTHENTICATED error. Admin tokens are compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Caller } from './context.js';
import { gatewayError } from './errors.js';

export interface Authenticator {
  /** The caller for an `Authorization` value (`Bearer <token>`), or throws UNAUTHENTICATED. */
  authenticate(authorization: string | null | undefined): Caller;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A short, non-secret fingerprint of a token, for logs. */
export function tokenFingerprint(token: string): string {
  return digest(`gateway-token:${token}`).toString('hex').slice(0, 8);
}

/** The token of a `Bearer <token>` value, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization.trim());
  return match?.[1] ?? null;
}

/**
 * Reads the authorization value from graphql-ws connection parameters, whatever the key's case
 * (`authorization`, `Authorization`); GraphiQL sends its header editor's headers there.
 */
export function authorizationFromConnectionParams(params: unknown): string | null {
  if (typeof params !== 'object' || params === null) return null;
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return null;
}

export function createAuthenticator(adminTokens: readonly string[]): Authenticator {
  const admins = adminTokens.map((token) => ({
    digest: digest(token),
    tokenId: tokenFingerprint(token),
  }));
  return {
    authenticate(authorization) {
      const token = bearerToken(authorization);
      if (token === null) {
        throw gatewayError(
          'UNAUTHENTICATED',
          authorization
            ? 'The Authorization header must be "Bearer <token>".'
            : 'Authentication required: send the header "Authorization: Bearer <token>".',
        );
      }
      // Hashing first gives equal-length buffers; every token is compared so timing does not
      // reveal which one (or whether any) matched.
      const candidate = digest(token);
      let found: string | null = null;
      for (const admin of admins) {
        if (timingSafeEqual(admin.digest, candidate)) found = admin.tokenId;
      }
      if (found === null) throw gatewayError('UNAUTHENTICATED', 'The bearer token is not valid.');
      return { kind: 'admin', tokenId: found };
    },
  };
}
