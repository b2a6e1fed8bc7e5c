/**
 * A user's notification preferences, muted conversations and contact details, each per user and
 * per emulator store:
 *
 * - `GET|PATCH /notifications/v1/preferences?uid=`: the user shape (`groupPreferences`,
 *   `oneOnOnePreferences`, `mutePreferences {dnd, schedule}`, `usePrivacyTemplate`), CometChat's
 *   reset values until changed; PATCH merges what it is given and answers the result.
 * - `GET|PUT|DELETE /notifications/v1/preferences/mute?uid=`: `{mutedConversations: [{id, type,
 *   until}]}` (expired mutes are gone); PUT `{conversations: [{id, type, until}]}` mutes until a
 *   future time in milliseconds, DELETE `{conversations: [{id, type}]}` unmutes; both answer
 *   `{success: true}`.
 * - `GET|PATCH|DELETE /notifications/v1/contact-details` (onBehalfOf required): `{email, phno}`.
 */
import { requireOnBehalfOf } from './chat-errors.js';
import {
  badRequest,
  bodyObject,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  guidNotFound,
  ok,
  type Router,
  uidNotFound,
} from './http.js';
import type { Store } from './store.js';

const GROUP_KEYS: Record<string, number> = {
  groupMessages: 3,
  groupReplies: 3,
  groupQuotedReplies: 3,
  groupReactions: 3,
  groupMemberLeft: 2,
  groupMemberAdded: 2,
  groupMemberJoined: 2,
  groupMemberKicked: 2,
  groupMemberBanned: 2,
  groupMemberUnbanned: 2,
  groupMemberScopeChanged: 2,
};

const ONE_ON_ONE_KEYS: Record<string, number> = {
  oneOnOneMessages: 3,
  oneOnOneReplies: 3,
  oneOnOneQuotedReplies: 3,
  oneOnOneReactions: 3,
};

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface Day {
  from: number;
  to: number;
  dnd: boolean;
}

interface Preferences {
  groupPreferences: Record<string, number>;
  oneOnOnePreferences: Record<string, number>;
  mutePreferences: { dnd: number; schedule: Record<string, Day> };
  usePrivacyTemplate: boolean;
}

/** CometChat's reset values (the "Reset Preferences" answer). */
function defaults(): Preferences {
  return {
    groupPreferences: Object.fromEntries(
      Object.keys(GROUP_KEYS).map((key) => [key, key.startsWith('groupMember') ? 1 : 2]),
    ),
    oneOnOnePreferences: Object.fromEntries(Object.keys(ONE_ON_ONE_KEYS).map((key) => [key, 2])),
    mutePreferences: {
      dnd: 1,
      schedule: Object.fromEntries(DAYS.map((day) => [day, { from: 0, to: 2359, dnd: false }])),
    },
    usePrivacyTemplate: true,
  };
}

interface UserState {
  preferences?: Preferences;
  /** `oneOnOne:uid` / `group:guid` -> until (ms). */
  muted: Map<string, number>;
  contact: { email?: string; phno?: string };
}

const statesByStore = new WeakMap<Store, Map<string, UserState>>();

function stateOf(store: Store, uid: string): UserState {
  let states = statesByStore.get(store);
  if (!states) {
    states = new Map();
    statesByStore.set(store, states);
  }
  let state = states.get(uid);
  if (!state) {
    state = { muted: new Map(), contact: {} };
    states.set(uid, state);
  }
  return state;
}

/** The user named by the required `uid` query parameter; an unknown one is ERR_UID_NOT_FOUND. */
function userOf(req: EmuRequest, store: Store): string {
  const uid = (req.query.get('uid') ?? '').toLowerCase();
  if (uid === '') throw badRequest({ uid: ['The uid query parameter is required.'] });
  const user = store.users.get(uid);
  if (!user || user.deactivatedAt !== undefined) throw uidNotFound(uid);
  return uid;
}

function activeUser(store: Store, uid: string): string {
  const user = store.users.get(uid);
  if (!user || user.deactivatedAt !== undefined) throw uidNotFound(uid);
  return uid;
}

export function registerNotificationPreferences(router: Router): void {
  router.add('GET', '/notifications/v1/preferences', (req, { store }) => {
    const state = stateOf(store, userOf(req, store));
    return ok(state.preferences ?? defaults());
  });
  router.add('PATCH', '/notifications/v1/preferences', updatePreferences);
  router.add('DELETE', '/notifications/v1/preferences', (req, { store }) => {
    const state = stateOf(store, userOf(req, store));
    delete state.preferences;
    return ok(defaults());
  });
  router.add('GET', '/notifications/v1/preferences/mute', listMuted);
  router.add('PUT', '/notifications/v1/preferences/mute', mute);
  router.add('DELETE', '/notifications/v1/preferences/mute', unmute);
  router.add('GET', '/notifications/v1/contact-details', (req, { store }) => {
    const { contact } = stateOf(store, activeUser(store, requireOnBehalfOf(req)));
    return ok({ ...contact });
  });
  router.add('PATCH', '/notifications/v1/contact-details', updateContact);
  router.add('DELETE', '/notifications/v1/contact-details', (req, { store }) => {
    const state = stateOf(store, activeUser(store, requireOnBehalfOf(req)));
    state.contact = {};
    return ok({ success: true });
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeSettings(
  value: unknown,
  name: string,
  allowed: Record<string, number>,
  into: Record<string, number>,
  details: Record<string, string[]>,
): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    details[name] = [`The ${name} must be an object.`];
    return;
  }
  for (const [key, setting] of Object.entries(value)) {
    const max = allowed[key];
    if (max === undefined) {
      details[`${name}.${key}`] = [`${key} is not a ${name} setting.`];
    } else if (
      typeof setting !== 'number' ||
      !Number.isInteger(setting) ||
      setting < 1 ||
      setting > max
    ) {
      details[`${name}.${key}`] = [`The ${key} must be an integer from 1 to ${max}.`];
    } else {
      into[key] = setting;
    }
  }
}

function isHhmm(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= 2359 &&
    value % 100 < 60
  );
}

function updatePreferences(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const state = stateOf(store, userOf(req, store));
  const body = bodyObject(req);
  const next = structuredClone(state.preferences ?? defaults());
  const details: Record<string, string[]> = {};
  for (const key of Object.keys(body)) {
    if (
      ![
        'groupPreferences',
        'oneOnOnePreferences',
        'mutePreferences',
        'usePrivacyTemplate',
      ].includes(key)
    ) {
      details[key] = [`${key} is not a preference.`];
    }
  }
  mergeSettings(
    body.groupPreferences,
    'groupPreferences',
    GROUP_KEYS,
    next.groupPreferences,
    details,
  );
  mergeSettings(
    body.oneOnOnePreferences,
    'oneOnOnePreferences',
    ONE_ON_ONE_KEYS,
    next.oneOnOnePreferences,
    details,
  );
  const mute = body.mutePreferences;
  if (mute !== undefined) {
    if (!isObject(mute)) {
      details.mutePreferences = ['The mutePreferences must be an object.'];
    } else {
      if (mute.dnd !== undefined) {
        if (mute.dnd === 1 || mute.dnd === 2) next.mutePreferences.dnd = mute.dnd;
        else details['mutePreferences.dnd'] = ['The dnd must be 1 (off) or 2 (on).'];
      }
      if (mute.schedule !== undefined) {
        if (!isObject(mute.schedule)) {
          details['mutePreferences.schedule'] = ['The schedule must be an object of days.'];
        } else {
          for (const [day, entry] of Object.entries(mute.schedule)) {
            if (!DAYS.includes(day)) {
              details[`mutePreferences.schedule.${day}`] = [`${day} is not a day of the week.`];
            } else if (
              !isObject(entry) ||
              !isHhmm(entry.from) ||
              !isHhmm(entry.to) ||
              typeof entry.dnd !== 'boolean'
            ) {
              details[`mutePreferences.schedule.${day}`] = [
                'A day is {from, to, dnd}: from and to as hhmm from 0 to 2359, dnd a boolean.',
              ];
            } else {
              next.mutePreferences.schedule[day] = {
                from: entry.from,
                to: entry.to,
                dnd: entry.dnd,
              };
            }
          }
        }
      }
    }
  }
  if (body.usePrivacyTemplate !== undefined) {
    if (typeof body.usePrivacyTemplate === 'boolean') {
      next.usePrivacyTemplate = body.usePrivacyTemplate;
    } else {
      details.usePrivacyTemplate = ['The usePrivacyTemplate must be a boolean.'];
    }
  }
  if (Object.keys(details).length > 0) throw badRequest(details);
  state.preferences = next;
  return ok(next);
}

function nowMs(store: Store): number {
  return store.now() * 1000;
}

function listMuted(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const state = stateOf(store, userOf(req, store));
  const now = nowMs(store);
  const mutedConversations: Record<string, unknown>[] = [];
  for (const [key, until] of state.muted) {
    if (until <= now) {
      state.muted.delete(key);
      continue;
    }
    const [type, ...rest] = key.split(':');
    mutedConversations.push({ id: rest.join(':'), type, until });
  }
  return ok({ mutedConversations });
}

/** `{conversations: [...]}` checked: each names an existing user or group. */
function conversationsOf(
  req: EmuRequest,
  store: Store,
  uid: string,
  withUntil: boolean,
): { key: string; until: number }[] {
  const list = bodyObject(req).conversations;
  if (!Array.isArray(list) || list.length === 0) {
    throw badRequest({ conversations: ['The conversations must be a non-empty array.'] });
  }
  const details: Record<string, string[]> = {};
  const rows: { key: string; until: number; id: string; type: string }[] = [];
  list.forEach((entry, index) => {
    const at = `conversations.${index}`;
    if (!isObject(entry) || typeof entry.id !== 'string' || entry.id.trim() === '') {
      details[`${at}.id`] = ['The id (a uid or guid) is required.'];
      return;
    }
    if (entry.type !== 'oneOnOne' && entry.type !== 'group') {
      details[`${at}.type`] = ['The type must be oneOnOne or group.'];
      return;
    }
    let until = 0;
    if (withUntil) {
      if (
        typeof entry.until !== 'number' ||
        !Number.isSafeInteger(entry.until) ||
        entry.until <= nowMs(store)
      ) {
        details[`${at}.until`] = ['The until must be a timestamp in milliseconds in the future.'];
        return;
      }
      until = entry.until;
    }
    const id = entry.id.toLowerCase();
    rows.push({ key: `${entry.type}:${id}`, until, id, type: entry.type });
  });
  if (Object.keys(details).length > 0) throw badRequest(details);
  for (const row of rows) {
    if (row.type === 'group') {
      if (!store.groups.has(row.id)) throw guidNotFound(row.id);
    } else {
      const user = store.users.get(row.id);
      if (!user || user.deactivatedAt !== undefined) throw uidNotFound(row.id);
      if (row.id === uid) {
        throw new EmuError(400, 'ERR_BAD_REQUEST', 'A user has no conversation with themselves.', {
          conversations: ['A user cannot mute a conversation with themselves.'],
        });
      }
    }
  }
  return rows;
}

function mute(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const uid = userOf(req, store);
  const rows = conversationsOf(req, store, uid, true);
  const state = stateOf(store, uid);
  for (const row of rows) state.muted.set(row.key, row.until);
  return ok({ success: true });
}

function unmute(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const uid = userOf(req, store);
  const rows = conversationsOf(req, store, uid, false);
  const state = stateOf(store, uid);
  for (const row of rows) state.muted.delete(row.key);
  return ok({ success: true });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{5,14}$/;

function updateContact(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const state = stateOf(store, activeUser(store, requireOnBehalfOf(req)));
  const body = bodyObject(req);
  const details: Record<string, string[]> = {};
  if (body.email === undefined && body.phno === undefined) {
    details.email = ['Give an email or a phno.'];
  }
  if (body.email !== undefined && (typeof body.email !== 'string' || !EMAIL.test(body.email))) {
    details.email = ['The email must be a valid email address.'];
  }
  if (body.phno !== undefined && (typeof body.phno !== 'string' || !PHONE.test(body.phno))) {
    details.phno = ['The phno must be a phone number with its country code, e.g. +14155550100.'];
  }
  if (Object.keys(details).length > 0) throw badRequest(details);
  if (typeof body.email === 'string') state.contact.email = body.email;
  if (typeof body.phno === 'string') state.contact.phno = body.phno;
  return ok({ ...state.contact });
}
