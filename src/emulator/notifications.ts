/**
 * A user's push tokens: `POST /notifications/push/v1/tokens` registers one (body `{platform,
 * fcmToken|deviceToken|voipToken, providerId?, timezone?, authToken}`, answers `{data:{success:
 * true}}`), `GET …/tokens?authToken=` lists that user's, `DELETE …/tokens/{pushToken}` `{authToken}`
 * removes one of them and answers with it (`{data:{pushTokens:[…]}}`). The user is the owner of
 * the auth token; a push token registered again moves to its new owner (one device, one user).
 * The list takes `all=true` for every token of that user; without it, only the tokens registered
 * with the given auth token.
 * A user's notification time zone: `GET|PATCH /notifications/v1/preferences/timezone?uid=`;
 * preferences, muted conversations and contact details: see notification-preferences.ts.
 */

import { LIMITS } from '../cometchat/limits.js';
import {
  assertValid,
  bodyObject,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  ok,
  queryFlag,
  type Router,
  uidNotFound,
} from './http.js';
import { registerNotificationPreferences } from './notification-preferences.js';
import type { Store } from './store.js';

/** CometChat's documented limits: 100 active tokens per user, a token of at most 4,096 characters. */
export const MAX_PUSH_TOKENS_PER_USER = 100;
export const MAX_PUSH_TOKEN_LENGTH = LIMITS.pushTokenLength;

const PLATFORM_FIELDS: Record<string, string> = {
  fcm_android: 'fcmToken',
  fcm_ios: 'fcmToken',
  fcm_web: 'fcmToken',
  fcm_flutter_android: 'fcmToken',
  fcm_flutter_ios: 'fcmToken',
  fcm_react_native_android: 'fcmToken',
  fcm_react_native_ios: 'fcmToken',
  fcm_ionic_cordova_android: 'fcmToken',
  fcm_ionic_cordova_ios: 'fcmToken',
  apns_device: 'deviceToken',
  apns_voip: 'voipToken',
};

interface PushTokenRow {
  pushToken: string;
  platform: string;
  uid: string;
  authToken: string;
  providerId?: string;
  timezone?: string;
  createdAt: string;
  updatedAt: string;
}

/** pushToken -> row, per emulator store. */
const tokensByStore = new WeakMap<Store, Map<string, PushTokenRow>>();

function tokensOf(store: Store): Map<string, PushTokenRow> {
  let tokens = tokensByStore.get(store);
  if (!tokens) {
    tokens = new Map();
    tokensByStore.set(store, tokens);
  }
  return tokens;
}

export function registerNotifications(router: Router): void {
  router.add('POST', '/notifications/push/v1/tokens', register);
  router.add('GET', '/notifications/push/v1/tokens', list);
  router.add('DELETE', '/notifications/push/v1/tokens/:pushToken', remove);
  router.add('GET', '/notifications/v1/preferences/timezone', (req, ctx) =>
    ok({ timezone: timezonesOf(ctx.store).get(userOf(req, ctx.store)) ?? null }),
  );
  router.add('PATCH', '/notifications/v1/preferences/timezone', setTimezone);
  registerNotificationPreferences(router);
}

/** uid -> IANA time zone, per emulator store. */
const timezonesByStore = new WeakMap<Store, Map<string, string>>();

function timezonesOf(store: Store): Map<string, string> {
  let zones = timezonesByStore.get(store);
  if (!zones) {
    zones = new Map();
    timezonesByStore.set(store, zones);
  }
  return zones;
}

/** The user named by the required `uid` query parameter; an unknown one is ERR_UID_NOT_FOUND. */
function userOf(req: EmuRequest, store: Store): string {
  const uid = (req.query.get('uid') ?? '').toLowerCase();
  if (uid === '') {
    throw new EmuError(400, 'ERR_BAD_REQUEST', 'The uid is required.', {
      uid: ['The uid query parameter is required.'],
    });
  }
  const user = store.users.get(uid);
  if (!user || user.deactivatedAt !== undefined) throw uidNotFound(uid);
  return uid;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** `PATCH …/preferences/timezone?uid=` `{timezone}`: an IANA zone; answers `{data: {timezone}}`. */
function setTimezone(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const uid = userOf(req, store);
  const timezone = bodyObject(req).timezone;
  if (typeof timezone !== 'string' || timezone === '' || !isTimeZone(timezone)) {
    throw new EmuError(400, 'ERR_INVALID_TIMEZONE', 'The timezone is not a valid IANA time zone.', {
      timezone: ['The timezone must be an IANA time zone such as Asia/Kolkata.'],
    });
  }
  timezonesOf(store).set(uid, timezone);
  return ok({ timezone });
}

/** The owner of an auth token; a missing or unknown token is refused. */
function ownerOf(store: Store, authToken: unknown): string {
  if (typeof authToken !== 'string' || authToken === '') {
    throw new EmuError(400, 'ERR_BAD_REQUEST', 'The authToken is required.', {
      authToken: ['The auth token field is required.'],
    });
  }
  for (const [uid, rows] of store.authTokens) {
    if (rows.some((row) => row.authToken === authToken)) return uid;
  }
  throw new EmuError(401, 'ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token does not exist.');
}

function iso(store: Store): string {
  return new Date(store.now() * 1000).toISOString();
}

function render(row: PushTokenRow): Record<string, unknown> {
  return {
    authToken: row.authToken,
    pushTokenType: row.platform === 'apns_voip' ? 'voip' : 'chat',
    createdAt: row.createdAt,
    platform: row.platform,
    ...(row.providerId !== undefined ? { providerId: row.providerId } : {}),
    pushToken: row.pushToken,
    uid: row.uid,
    updatedAt: row.updatedAt,
  };
}

function optionalText(
  body: Record<string, unknown>,
  name: string,
  details: Record<string, string[]>,
): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    details[name] = [`The ${name} must be a non-empty string of at most 100 characters.`];
    return undefined;
  }
  return value;
}

function register(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const body = bodyObject(req);
  const uid = ownerOf(store, body.authToken);
  const details: Record<string, string[]> = {};
  const platform = typeof body.platform === 'string' ? body.platform : '';
  const field = PLATFORM_FIELDS[platform];
  if (!field) {
    details.platform = [`The platform must be one of ${Object.keys(PLATFORM_FIELDS).join(', ')}.`];
  }
  const value = field ? body[field] : undefined;
  if (
    field &&
    (typeof value !== 'string' || value === '' || value.length > MAX_PUSH_TOKEN_LENGTH)
  ) {
    details[field] = [
      `The ${field} is required for ${platform}, at most ${MAX_PUSH_TOKEN_LENGTH} characters.`,
    ];
  }
  const providerId = optionalText(body, 'providerId', details);
  const timezone = optionalText(body, 'timezone', details);
  assertValid(details);
  const pushToken = value as string;
  const tokens = tokensOf(store);
  const existing = tokens.get(pushToken);
  if (!existing || existing.uid !== uid) {
    const owned = [...tokens.values()].filter((row) => row.uid === uid).length;
    if (owned >= MAX_PUSH_TOKENS_PER_USER) {
      throw new EmuError(
        409,
        'ERR_PUSH_TOKENS_LIMIT_EXCEEDED',
        `A user can have up to ${MAX_PUSH_TOKENS_PER_USER} active push tokens.`,
      );
    }
  }
  const now = iso(store);
  tokens.set(pushToken, {
    pushToken,
    platform,
    uid,
    authToken: body.authToken as string,
    ...(providerId !== undefined ? { providerId } : {}),
    ...(timezone !== undefined ? { timezone } : {}),
    createdAt: existing?.uid === uid ? existing.createdAt : now,
    updatedAt: now,
  });
  return ok({ success: true });
}

/** Every token of the auth token's user with `all=true`; else those registered with that token. */
function list(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const authToken = req.query.get('authToken');
  const uid = ownerOf(store, authToken);
  const all = queryFlag(req.query, 'all');
  const rows = [...tokensOf(store).values()].filter(
    (row) => row.uid === uid && (all || row.authToken === authToken),
  );
  return ok({ pushTokens: rows.map(render) });
}

function remove(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const uid = ownerOf(store, bodyObject(req).authToken);
  const tokens = tokensOf(store);
  const row = tokens.get(req.params.pushToken ?? '');
  if (!row || row.uid !== uid) {
    throw new EmuError(
      404,
      'ERR_PUSH_TOKEN_NOT_FOUND',
      'The push token is not registered for this user.',
    );
  }
  tokens.delete(row.pushToken);
  return ok({ pushTokens: [render(row)] });
}
