/** Groups, group members and bans as validated records. */
import { z } from 'zod';
import type {
  BannedUserWire,
  GroupMemberItemWire,
  GroupWire,
  MemberScopeWire,
} from '../wire-extra.js';
import {
  count,
  epochSeconds,
  optionalBoolean,
  optionalEpoch,
  optionalObject,
  optionalString,
  parseNested,
  REFUSED,
  readCount,
  readEpochSeconds,
  readOptionalBoolean,
  readOptionalEpoch,
  readOptionalObject,
  readOptionalString,
  readTagList,
  tagList,
} from './common.js';
import { withFastReader } from './fast-path.js';
import { readUser, type UserRecord, userSchema } from './users.js';
import { wireFields, wireShape } from './wire-check.js';

export type GroupType = 'public' | 'private' | 'password';
export type MemberScope = 'admin' | 'moderator' | 'participant';

export interface GroupRecord {
  kind: 'group';
  guid: string;
  name: string;
  type: GroupType;
  description: string | null;
  icon: string | null;
  owner: string | null;
  metadata: Record<string, unknown> | null;
  tags: string[];
  membersCount: number;
  createdAt: Date;
  updatedAt: Date | null;
  updatedBy: string | null;
  conversationId: string;
  /** Viewer-relative (onBehalfOf): the viewer's scope, join time and membership. */
  scope: MemberScope | null;
  joinedAt: Date | null;
  hasJoined: boolean | null;
}

/** `protected` is the SDKs' older name for password groups. */
export const groupType = z
  .enum(['public', 'private', 'password', 'protected'])
  .transform((t): GroupType => (t === 'protected' ? 'password' : t));

export const memberScope = z.enum(['admin', 'moderator', 'participant']);

const optionalScope = z
  .union([memberScope, z.literal('')])
  .nullish()
  .transform((s) => (s === undefined || s === null || s === '' ? null : s));

export const groupSchema: z.ZodType<GroupRecord, unknown> = z
  .object(
    wireShape<GroupWire>()({
      guid: z.string().min(1),
      name: z.string(),
      type: groupType,
      description: optionalString,
      icon: optionalString,
      owner: optionalString,
      metadata: optionalObject,
      tags: tagList,
      membersCount: count,
      createdAt: epochSeconds,
      updatedAt: optionalEpoch,
      updatedBy: optionalString,
      conversationId: optionalString,
      scope: optionalScope,
      joinedAt: optionalEpoch,
      hasJoined: optionalBoolean,
    }),
  )
  .transform(
    (g): GroupRecord => ({
      kind: 'group',
      ...g,
      // Always `group_<guid>`; derived when an embedded group omits it.
      conversationId: g.conversationId ?? `group_${g.guid}`,
    }),
  );

/** {@link groupSchema}'s fast reader (see `fast-path.ts`). */
export function readGroup(value: unknown): GroupRecord | undefined {
  const raw = wireFields<GroupWire>(value);
  if (raw === undefined) return undefined;
  const { guid, name, type: rawType, scope: rawScope } = raw;
  if (typeof guid !== 'string' || guid.length < 1 || typeof name !== 'string') return undefined;
  let type: GroupType;
  if (rawType === 'public' || rawType === 'private' || rawType === 'password') type = rawType;
  else if (rawType === 'protected') type = 'password';
  else return undefined;
  let scope: MemberScope | null;
  if (rawScope === 'admin' || rawScope === 'moderator' || rawScope === 'participant')
    scope = rawScope;
  else if (rawScope === '' || rawScope === null || rawScope === undefined) scope = null;
  else return undefined;
  const description = readOptionalString(raw.description);
  const icon = readOptionalString(raw.icon);
  const owner = readOptionalString(raw.owner);
  const metadata = readOptionalObject(raw.metadata);
  const tags = readTagList(raw.tags);
  const membersCount = readCount(raw.membersCount);
  const createdAt = readEpochSeconds(raw.createdAt);
  const updatedAt = readOptionalEpoch(raw.updatedAt);
  const updatedBy = readOptionalString(raw.updatedBy);
  const conversationId = readOptionalString(raw.conversationId);
  const joinedAt = readOptionalEpoch(raw.joinedAt);
  const hasJoined = readOptionalBoolean(raw.hasJoined);
  if (
    description === REFUSED ||
    icon === REFUSED ||
    owner === REFUSED ||
    metadata === REFUSED ||
    tags === REFUSED ||
    membersCount === REFUSED ||
    createdAt === REFUSED ||
    updatedAt === REFUSED ||
    updatedBy === REFUSED ||
    conversationId === REFUSED ||
    joinedAt === REFUSED ||
    hasJoined === REFUSED
  )
    return undefined;
  return {
    kind: 'group',
    guid,
    name,
    type,
    description,
    icon,
    owner,
    metadata,
    tags,
    membersCount,
    createdAt,
    updatedAt,
    updatedBy,
    conversationId: conversationId ?? `group_${guid}`,
    scope,
    joinedAt,
    hasJoined,
  };
}

withFastReader(groupSchema, readGroup);

export interface GroupMemberRecord {
  guid: string;
  scope: MemberScope;
  joinedAt: Date;
  user: UserRecord;
}

/** A member list item: the user's fields plus `scope` and `joinedAt`; the guid comes from the path. */
// Static schemas (zod compiles each schema on first use): the guid comes from the request path
// and is attached after parsing, see `withGuid`.
const memberItemSchema = z
  .looseObject(wireShape<GroupMemberItemWire>()({ scope: memberScope, joinedAt: epochSeconds }))
  .transform((m, ctx): Omit<GroupMemberRecord, 'guid'> => {
    const user = parseNested(userSchema, m, ctx);
    return user === undefined ? z.NEVER : { scope: m.scope, joinedAt: m.joinedAt, user };
  });

/** A member-list item: the user's fields plus `scope` and `joinedAt`; the guid comes from the path. */
export const groupMemberItemSchema: z.ZodType<
  Omit<GroupMemberRecord, 'guid'>,
  unknown
> = memberItemSchema;

/** {@link groupMemberItemSchema}'s fast reader (see `fast-path.ts`). */
export function readGroupMemberItem(value: unknown): Omit<GroupMemberRecord, 'guid'> | undefined {
  const raw = wireFields<GroupMemberItemWire>(value);
  if (raw === undefined) return undefined;
  const scope = raw.scope;
  if (scope !== 'admin' && scope !== 'moderator' && scope !== 'participant') return undefined;
  const joinedAt = readEpochSeconds(raw.joinedAt);
  if (joinedAt === REFUSED) return undefined;
  const user = readUser(raw);
  return user === undefined ? undefined : { scope, joinedAt, user };
}

withFastReader(groupMemberItemSchema, readGroupMemberItem);

/** Adds the group's guid (from the request path) to parsed list items. */
export function withGuid<T extends object>(guid: string, items: T[]): (T & { guid: string })[] {
  return items.map((item) => ({ guid, ...item }));
}

export interface BannedUserRecord {
  guid: string;
  user: UserRecord;
  /** When the ban happened, if CometChat says (its docs do not show this field). */
  bannedAt: Date | null;
}

/** A banned-users list item: the user's fields (plus `bannedAt` if sent); the guid comes from the path. */
export const bannedUserItemSchema: z.ZodType<Omit<BannedUserRecord, 'guid'>, unknown> = z
  .looseObject(wireShape<BannedUserWire>()({ bannedAt: optionalEpoch }))
  .transform((b, ctx): Omit<BannedUserRecord, 'guid'> => {
    const user = parseNested(userSchema, b, ctx);
    return user === undefined ? z.NEVER : { user, bannedAt: b.bannedAt };
  });

export interface MemberScopeRecord {
  guid: string;
  uid: string;
  scope: MemberScope;
  joinedAt: Date | null;
}

/** The change-scope answer `{guid, uid, scope, joinedAt}`. */
export const memberScopeSchema: z.ZodType<MemberScopeRecord, unknown> = z.object(
  wireShape<MemberScopeWire>()({
    guid: z.string().min(1),
    uid: z.string().min(1),
    scope: memberScope,
    joinedAt: optionalEpoch,
  }),
);
