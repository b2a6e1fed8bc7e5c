/**
 * Emulator mode only: a ready-made end-user JWT for a demo user, signed with the secret generated
 * at start-up, so a developer can try the per-user rules without a backend of their own.
 */
import { SignJWT } from 'jose';
import type { JwtConfig } from './config.js';

/** The demo user the development JWT names (present in the emulator's `demo` seed). */
export const DEVELOPMENT_JWT_UID = 'cometchat-uid-1';

/** A JWT for `uid`, valid for a day; null unless the JWT secret is the generated development one. */
export async function developmentJwt(
  jwt: JwtConfig | null,
  uid: string = DEVELOPMENT_JWT_UID,
): Promise<string | null> {
  if (!jwt?.development || !jwt.secret) return null;
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(uid)
    .setIssuedAt()
    .setExpirationTime('24h')
    .sign(new TextEncoder().encode(jwt.secret));
}
