/**
 * `/data_import/{users,groups,members,messages}`: CometChat's bulk import. Each takes
 * `{[kind]: {key: entity}}` with at most 50 entities, and answers one outcome per key under `data`
 * (`{success:true, data}` or `{success:false, error:{code,message}}`). Referenced users and groups
 * must exist (imported earlier). Entities are keyed by their id, so importing one again is refused
 * per item (ERR_UID_ALREADY_EXISTS, ERR_GUID_ALREADY_EXISTS, ERR_ALREADY_JOINED,
 * ERR_IMPORT_MUID_ALREADY_EXISTS) and never creates a second copy.
 *
 * The import endpoints have their own rate limit, per endpoint: `perWindow` requests (CometChat:
 * 60) per window (CometChat: one minute, `windowMs` here so tests can shorten it), answered with
 * 429 ERR_TOO_MANY_REQUESTS and `Retry-After` beyond it.
 */
import {
  badRequest,
  checkMetadata,
  checkString,
  checkTags,
  checkUrl,
  EmuError,
  type EmuResponse,
  LIMITS,
  normaliseId,
  ok,
  type Router,
} from './http.js';
import { renderGroup, renderMessage } from './render.js';
import { renderUser } from './render-user.js';
import {
  conversationIdFor,
  type GroupType,
  type MessageRow,
  type ReceiverType,
  type Scope,
  type Store,
} from './store.js';
import { touchUsers } from './users.js';

export const IMPORT_PREFIX = '/v3/data_import/';
const MAX_ENTITIES = 50;

type Outcome = { success: true; data: unknown } | { success: false; error: Record<string, string> };

function refused(code: string, message: string): Outcome {
  return { success: false, error: { code, message } };
}

/** Epoch seconds from a number or numeric string; `fallback` when absent or unreadable. */
function epoch(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback;
}

function invalid(details: Record<string, string[]>): Outcome {
  const [field, messages] = Object.entries(details)[0] ?? ['entity', ['is invalid']];
  return refused('ERR_BAD_REQUEST', `${field}: ${messages[0] ?? 'is invalid'}`);
}

function entityObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>) // checked above
    : null;
}

function importUser(store: Store, key: string, raw: Record<string, unknown>): Outcome {
  const details: Record<string, string[]> = {};
  const uid = normaliseId(raw.uid, 'uid', details);
  const name = checkString(raw.name, 'name', LIMITS.name, details, true);
  const avatar = checkUrl(raw.avatar, 'avatar', details);
  const link = checkUrl(raw.link, 'link', details);
  const metadata = checkMetadata(raw.metadata, 'metadata', details);
  const tags = checkTags(raw.tags, 'tags', details);
  if (Object.keys(details).length > 0) return invalid(details);
  if (uid !== key.toLowerCase()) return refused('ERR_BAD_REQUEST', 'The key must be the uid.');
  if (store.users.has(uid))
    return refused('ERR_UID_ALREADY_EXISTS', `The UID ${uid} already exists.`);
  const now = store.now();
  const role = typeof raw.role === 'string' && store.roles.has(raw.role) ? raw.role : 'default';
  const row = {
    uid,
    name: name ?? uid,
    role,
    tags: tags ?? [],
    status: 'offline' as const,
    createdAt: epoch(raw.createdAt, now),
    ...(raw.lastActiveAt !== undefined ? { lastActiveAt: epoch(raw.lastActiveAt, now) } : {}),
    ...(avatar !== undefined ? { avatar } : {}),
    ...(link !== undefined ? { link } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  };
  store.users.set(uid, row);
  touchUsers(store);
  return { success: true, data: renderUser(store, row) };
}

const GROUP_TYPES: readonly GroupType[] = ['public', 'private', 'password'];

function importGroup(store: Store, key: string, raw: Record<string, unknown>): Outcome {
  const details: Record<string, string[]> = {};
  const guid = normaliseId(raw.guid, 'guid', details);
  const name = checkString(raw.name, 'name', LIMITS.name, details, true);
  const description = checkString(raw.description, 'description', LIMITS.description, details);
  const icon = checkUrl(raw.icon, 'icon', details);
  const metadata = checkMetadata(raw.metadata, 'metadata', details);
  const tags = checkTags(raw.tags, 'tags', details);
  const type = GROUP_TYPES.find((t) => t === raw.type);
  if (!type) details.type = ['The type must be public, private or password.'];
  const owner = normaliseId(raw.owner, 'owner', details);
  if (Object.keys(details).length > 0 || !type) return invalid(details);
  if (guid !== key.toLowerCase()) return refused('ERR_BAD_REQUEST', 'The key must be the guid.');
  if (store.groups.has(guid)) {
    return refused('ERR_GUID_ALREADY_EXISTS', `The GUID ${guid} already exists.`);
  }
  if (!store.activeUser(owner)) {
    return refused('ERR_UID_NOT_FOUND', `The UID ${owner} does not exist.`);
  }
  const createdAt = epoch(raw.createdAt, store.now());
  const row = {
    guid,
    name: name ?? guid,
    type,
    owner,
    tags: tags ?? [],
    createdAt,
    ...(description !== undefined ? { description } : {}),
    ...(icon !== undefined ? { icon } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  };
  store.groups.set(guid, row);
  store.addMember({ guid, uid: owner, scope: 'admin', joinedAt: createdAt });
  return { success: true, data: renderGroup(store, row) };
}

const SCOPES: readonly Scope[] = ['admin', 'moderator', 'participant'];

function importMember(store: Store, key: string, raw: Record<string, unknown>): Outcome {
  const details: Record<string, string[]> = {};
  const guid = normaliseId(raw.guid, 'guid', details);
  const uid = normaliseId(raw.uid, 'uid', details);
  const scope = raw.scope === undefined ? 'participant' : SCOPES.find((s) => s === raw.scope);
  if (!scope) details.scope = ['The scope must be admin, moderator or participant.'];
  if (Object.keys(details).length > 0 || !scope) return invalid(details);
  if (key.toLowerCase() !== `${guid}_member_${uid}`) {
    return refused('ERR_BAD_REQUEST', 'The key must be {guid}_member_{uid}.');
  }
  const group = store.groups.get(guid);
  if (!group) return refused('ERR_GUID_NOT_FOUND', `The GUID ${guid} does not exist.`);
  if (!store.activeUser(uid)) return refused('ERR_UID_NOT_FOUND', `The UID ${uid} does not exist.`);
  if (store.member(guid, uid)) {
    return refused('ERR_ALREADY_JOINED', `The user ${uid} is already a member of ${guid}.`);
  }
  const joinedAt = epoch(raw.joinedAt, store.now());
  if (joinedAt < group.createdAt || joinedAt > store.now()) {
    return refused(
      'ERR_IMPORT_INVALID_JOINEDAT',
      'The joinedAt must be after the group was created and not in the future.',
    );
  }
  store.addMember({ guid, uid, scope, joinedAt });
  return { success: true, data: { guid, uid, scope, joinedAt } };
}

const CATEGORIES = ['message', 'custom'] as const;

function importMessage(store: Store, key: string, raw: Record<string, unknown>): Outcome {
  const details: Record<string, string[]> = {};
  const muid = checkString(raw.muid, 'muid', 100, details, true);
  const sender = normaliseId(raw.sender, 'sender', details);
  const receiver = normaliseId(raw.receiver, 'receiver', details);
  const receiverType = (['user', 'group'] as const).find((t) => t === raw.receiverType);
  if (!receiverType) details.receiverType = ['The receiverType must be user or group.'];
  const category = CATEGORIES.find((c) => c === raw.category);
  if (!category) details.category = ['The category must be message or custom.'];
  const type = checkString(raw.type, 'type', 100, details, true);
  const data = entityObject(raw.data);
  if (!data) details.data = ['The data must be an object.'];
  else if (JSON.stringify(data).length > LIMITS.messageChars) {
    details.data = [`The data may not be longer than ${LIMITS.messageChars} characters.`];
  }
  if (Object.keys(details).length > 0 || !receiverType || !category || !data || !muid || !type) {
    return invalid(details);
  }
  if (muid !== key) return refused('ERR_BAD_REQUEST', 'The key must be the muid.');
  for (const row of store.messages.values()) {
    if (row.muid === muid) {
      return refused('ERR_IMPORT_MUID_ALREADY_EXISTS', `The muid ${muid} already exists.`);
    }
  }
  if (!store.activeUser(sender)) {
    return refused('ERR_UID_NOT_FOUND', `The UID ${sender} does not exist.`);
  }
  const rt: ReceiverType = receiverType;
  if (rt === 'user' ? !store.activeUser(receiver) : !store.groups.has(receiver)) {
    return rt === 'user'
      ? refused('ERR_UID_NOT_FOUND', `The UID ${receiver} does not exist.`)
      : refused('ERR_GUID_NOT_FOUND', `The GUID ${receiver} does not exist.`);
  }
  const sentAt = epoch(raw.sentAt, store.now());
  const row: Omit<MessageRow, 'id'> = {
    muid,
    conversationId: conversationIdFor(rt, sender, receiver),
    sender,
    receiver,
    receiverType: rt,
    category,
    type,
    data,
    tags: [],
    sentAt,
    updatedAt: sentAt,
    replyCount: 0,
  };
  return { success: true, data: renderMessage(store, store.addMessage(row)) };
}

const IMPORTERS = {
  users: { format: 'ERR_IMPORT_INVALID_USER_FORMAT', run: importUser },
  groups: { format: 'ERR_IMPORT_INVALID_GROUP_FORMAT', run: importGroup },
  members: { format: 'ERR_IMPORT_INVALID_MEMBER_FORMAT', run: importMember },
  messages: { format: 'ERR_IMPORT_INVALID_MESSAGE_FORMAT', run: importMessage },
} as const;

/** Registers the four import endpoints. */
export function registerDataImport(router: Router): void {
  for (const [kind, importer] of Object.entries(IMPORTERS)) {
    router.add('POST', `/data_import/${kind}`, (req, { store }): EmuResponse => {
      const body = entityObject(req.body);
      const wrapper = body ? entityObject(body[kind]) : null;
      if (!wrapper) {
        throw new EmuError(
          400,
          importer.format,
          `The value for ${kind} should be an object of ${kind} keyed by their ids.`,
        );
      }
      const keys = Object.keys(wrapper);
      if (keys.length === 0 || keys.length > MAX_ENTITIES) {
        throw badRequest({ [kind]: [`Send between 1 and ${MAX_ENTITIES} entities per request.`] });
      }
      const data: Record<string, Outcome> = {};
      for (const key of keys) {
        const entity = entityObject(wrapper[key]);
        data[key] = entity
          ? importer.run(store, key, entity)
          : refused(importer.format, `The ${kind} entry ${key} must be an object.`);
      }
      return ok(data);
    });
  }
}

/**
 * The import endpoints' own limit: a fixed window per endpoint, starting with the first request
 * after the previous window ended (milliseconds, so tests can shrink the minute).
 */
export class ImportRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    public perWindow: number | undefined,
    public windowMs: number,
  ) {}

  restart(): void {
    this.windows.clear();
  }

  /** Counts a request to `path`; null when allowed, else the 429 answer's `Retry-After` seconds. */
  check(path: string, now = Date.now()): number | null {
    if (this.perWindow === undefined) return null;
    const window = this.windows.get(path);
    if (!window || now >= window.start + this.windowMs) {
      this.windows.set(path, { start: now, count: 1 });
      return null;
    }
    if (window.count < this.perWindow) {
      window.count += 1;
      return null;
    }
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }
}

export function importTooManyRequests(): EmuError {
  return new EmuError(
    429,
    'ERR_TOO_MANY_REQUESTS',
    'Too many requests for data import API. 60 per minute is the maximum request allowed.',
  );
}
