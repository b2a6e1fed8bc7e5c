/** Groups, group members and bans as validated records. */
import { z } from 'zod';
import {
  count,
  epochSeconds,
  optionalBoolean,
  optionalEpoch,
  optionalObject,
  optionalString,
  parseNested,
  tagList,
} from './common.js';
import { type UserRecord, userSchema } from './users.js';

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
  .object({
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
  })
  .transform(
    (g): GroupRecord => ({
      kind: 'group',
      ...g,
      // Always `group_<guid>`; derived when an embedded group omits it.
      conversationId: g.conversationId ?? `group_${g.guid}`,
    }),
  );

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
  .looseObject({ scope: memberScope, joinedAt: epochSeconds })
  .transform((m, ctx): Omit<GroupMemberRecord, 'guid'> => {
    const user = parseNested(userSchema, m, ctx);
    return user === undefined ? z.NEVER : { scope: m.scope, joinedAt: m.joinedAt, user };
  });

/** A member-list item: the user's fields plus `scope` and `joinedAt`; the guid comes from the path. */
export const groupMemberItemSchema: z.ZodType<
  Omit<GroupMemberRecord, 'guid'>,
  unknown
> = memberItemSchema;

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
  .looseObject({ bannedAt: optionalEpoch })
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
export const memberScopeSchema: z.ZodType<MemberScopeRecord, unknown> = z.object({
  guid: z.string().min(1),
  uid: z.string().min(1),
  scope: memberScope,
  joinedAt: optionalEpoch,
});
