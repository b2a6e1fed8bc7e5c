/** Users, auth tokens and roles as validated records. */
import { z } from 'zod';
import type { AuthTokenWire, RoleWire, UserWire } from '../wire-extra.js';
import {
  epochSeconds,
  optionalBoolean,
  optionalEpoch,
  optionalObject,
  optionalString,
  REFUSED,
  readEpochSeconds,
  readOptionalBoolean,
  readOptionalEpoch,
  readOptionalObject,
  readOptionalString,
  readTagList,
  tagList,
} from './common.js';
import { withFastReader } from './fast-path.js';
import { wireFields, wireShape } from './wire-check.js';

export type UserStatus = 'available' | 'offline';

export interface UserRecord {
  kind: 'user';
  uid: string;
  name: string;
  avatar: string | null;
  link: string | null;
  role: string;
  status: UserStatus;
  statusMessage: string | null;
  metadata: Record<string, unknown> | null;
  /** Only filled when the list was asked `withTags` (or on single reads that include them). */
  tags: string[];
  createdAt: Date;
  updatedAt: Date | null;
  lastActiveAt: Date | null;
  deactivatedAt: Date | null;
  /** Viewer-relative (onBehalfOf): the 1:1 conversation id between the viewer and this user. */
  conversationId: string | null;
  blockedByMe: boolean | null;
  hasBlockedMe: boolean | null;
  blockedByMeAt: Date | null;
  blockedAt: Date | null;
  /** Only on create with `withAuthToken`. */
  authToken: string | null;
  /**
   * True on a record known to hold every profile field, tags included. Never set here: the read
   * layer (src/loaders) sets it on records from `GET /users/{uid}`, from lists asked `withTags` and
   * from writes. CometChat leaves `tags` out of users embedded in other answers and an absent list
   * reads as empty, so without this flag "no tags" and "tags not sent" look alike.
   */
  complete?: boolean;
}

/** `available`, with `online` (webhook payloads, older docs) read as available; absent = offline. */
export const userStatus = z
  .enum(['available', 'online', 'offline'])
  .nullish()
  .transform((s): UserStatus => (s === 'available' || s === 'online' ? 'available' : 'offline'));

export const userSchema: z.ZodType<UserRecord, unknown> = z
  .object(
    wireShape<UserWire>()({
      uid: z.string().min(1),
      name: z.string(),
      avatar: optionalString,
      link: optionalString,
      role: z
        .string()
        .nullish()
        .transform((r) => (r === null || r === undefined || r === '' ? 'default' : r)),
      status: userStatus,
      // Clearing a status message stores "" (CometChat cannot unset it): both mean none.
      statusMessage: optionalString.transform((value) => value || null),
      metadata: optionalObject,
      tags: tagList,
      createdAt: epochSeconds,
      updatedAt: optionalEpoch,
      lastActiveAt: optionalEpoch,
      deactivatedAt: optionalEpoch,
      conversationId: optionalString,
      blockedByMe: optionalBoolean,
      hasBlockedMe: optionalBoolean,
      blockedByMeAt: optionalEpoch,
      blockedAt: optionalEpoch,
      authToken: optionalString,
    }),
  )
  .transform((u): UserRecord => ({ kind: 'user', ...u }));

/**
 * {@link userSchema}'s fast reader (see `fast-path.ts`): the same checks field by field, the same
 * record; `undefined` for anything else, which the schema then refuses (or reads) itself.
 */
export function readUser(value: unknown): UserRecord | undefined {
  const raw = wireFields<UserWire>(value);
  if (raw === undefined) return undefined;
  const { uid, name, role: rawRole, status: rawStatus } = raw;
  if (typeof uid !== 'string' || uid.length < 1 || typeof name !== 'string') return undefined;
  let role: string;
  if (rawRole === null || rawRole === undefined || rawRole === '') role = 'default';
  else if (typeof rawRole === 'string') role = rawRole;
  else return undefined;
  let status: UserStatus;
  if (rawStatus === 'available' || rawStatus === 'online') status = 'available';
  else if (rawStatus === 'offline' || rawStatus === null || rawStatus === undefined)
    status = 'offline';
  else return undefined;
  const avatar = readOptionalString(raw.avatar);
  const link = readOptionalString(raw.link);
  const statusMessage = readOptionalString(raw.statusMessage);
  const metadata = readOptionalObject(raw.metadata);
  const tags = readTagList(raw.tags);
  const createdAt = readEpochSeconds(raw.createdAt);
  const updatedAt = readOptionalEpoch(raw.updatedAt);
  const lastActiveAt = readOptionalEpoch(raw.lastActiveAt);
  const deactivatedAt = readOptionalEpoch(raw.deactivatedAt);
  const conversationId = readOptionalString(raw.conversationId);
  const blockedByMe = readOptionalBoolean(raw.blockedByMe);
  const hasBlockedMe = readOptionalBoolean(raw.hasBlockedMe);
  const blockedByMeAt = readOptionalEpoch(raw.blockedByMeAt);
  const blockedAt = readOptionalEpoch(raw.blockedAt);
  const authToken = readOptionalString(raw.authToken);
  if (
    avatar === REFUSED ||
    link === REFUSED ||
    statusMessage === REFUSED ||
    metadata === REFUSED ||
    tags === REFUSED ||
    createdAt === REFUSED ||
    updatedAt === REFUSED ||
    lastActiveAt === REFUSED ||
    deactivatedAt === REFUSED ||
    conversationId === REFUSED ||
    blockedByMe === REFUSED ||
    hasBlockedMe === REFUSED ||
    blockedByMeAt === REFUSED ||
    blockedAt === REFUSED ||
    authToken === REFUSED
  )
    return undefined;
  return {
    kind: 'user',
    uid,
    name,
    avatar,
    link,
    role,
    status,
    statusMessage: statusMessage || null,
    metadata,
    tags,
    createdAt,
    updatedAt,
    lastActiveAt,
    deactivatedAt,
    conversationId,
    blockedByMe,
    hasBlockedMe,
    blockedByMeAt,
    blockedAt,
    authToken,
  };
}

withFastReader(userSchema, readUser);

export interface AuthTokenRecord {
  uid: string;
  authToken: string;
  createdAt: Date;
  platform: string | null;
  userAgent: string | null;
  appInfo: Record<string, unknown> | null;
}

export const authTokenSchema: z.ZodType<AuthTokenRecord, unknown> = z.object(
  wireShape<AuthTokenWire>()({
    uid: z.string().min(1),
    authToken: z.string().min(1),
    createdAt: epochSeconds,
    platform: optionalString,
    userAgent: optionalString,
    appInfo: optionalObject,
  }),
);

export interface RoleRecord {
  role: string;
  name: string;
  description: string | null;
  metadata: Record<string, unknown> | null;
  settings: Record<string, unknown> | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export const roleSchema: z.ZodType<RoleRecord, unknown> = z.object(
  wireShape<RoleWire>()({
    role: z.string().min(1),
    name: z.string(),
    description: optionalString,
    metadata: optionalObject,
    settings: optionalObject,
    createdAt: optionalEpoch,
    updatedAt: optionalEpoch,
  }),
);

/** `{deactivatedUids:[...]}` from bulk deactivate. */
export const deactivatedUidsSchema = z
  .object({ data: z.object({ deactivatedUids: z.array(z.string()) }) })
  .transform((v) => v.data.deactivatedUids);

/**
 * Bulk reactivate answers `{nonDeactivatedUids:[...]}` in CometChat's docs (the users that are
 * active now); `reactivatedUids`/`activatedUids` are read too in case the spelling changes.
 */
export const reactivatedUidsSchema = z
  .object({
    data: z
      .object({
        nonDeactivatedUids: z.array(z.string()).optional(),
        reactivatedUids: z.array(z.string()).optional(),
        activatedUids: z.array(z.string()).optional(),
      })
      .refine(
        (d) => (d.nonDeactivatedUids ?? d.reactivatedUids ?? d.activatedUids) !== undefined,
        'expected nonDeactivatedUids',
      ),
  })
  .transform(
    (v) => v.data.nonDeactivatedUids ?? v.data.reactivatedUids ?? v.data.activatedUids ?? [],
  );
