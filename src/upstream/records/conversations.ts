/** Conversations as validated records. */
import { z } from 'zod';
import type { ConversationWire } from '../wire-extra.js';
import { count, optionalEpoch, optionalString, parseNested, tagList } from './common.js';
import { type GroupRecord, groupSchema } from './groups.js';
import { type MessageRecord, messageSchema } from './messages.js';
import { type UserRecord, userSchema } from './users.js';
import { wireShape } from './wire-check.js';

export interface ConversationRecord {
  conversationId: string;
  conversationType: 'user' | 'group';
  /** CometChat sends this as a string (`"0"`); coerced. */
  unreadMessageCount: number;
  tags: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
  /** Null when the last message was deleted or the conversation has none. */
  lastMessage: MessageRecord | null;
  /** The other side: a user (`kind: 'user'`) or a group (`kind: 'group'`). */
  conversationWith: UserRecord | GroupRecord | null;
  /** When the conversation's user pinned it (pins are per user); null when not pinned. */
  pinnedAt: Date | null;
  /** Who pinned it: the user, or `app_system` for an app-wide pin. */
  pinnedBy: string | null;
}

export const conversationSchema: z.ZodType<ConversationRecord, unknown> = z
  .object(
    wireShape<ConversationWire>()({
      conversationId: z.string().min(1),
      conversationType: z.enum(['user', 'group']),
      unreadMessageCount: count.nullish().transform((v) => v ?? 0),
      tags: tagList,
      createdAt: optionalEpoch,
      updatedAt: optionalEpoch,
      lastMessage: z.unknown().optional(),
      conversationWith: z.unknown().optional(),
      pinnedAt: optionalEpoch,
      pinnedBy: optionalString,
    }),
  )
  .transform((c, ctx): ConversationRecord => {
    const lastMessage =
      c.lastMessage === undefined || c.lastMessage === null
        ? null
        : (parseNested(messageSchema, c.lastMessage, ctx, ['lastMessage']) ?? null);
    let conversationWith: UserRecord | GroupRecord | null = null;
    if (c.conversationWith !== undefined && c.conversationWith !== null) {
      // Groups are the objects with a guid; everything else must be a user.
      const isGroup = typeof c.conversationWith === 'object' && 'guid' in c.conversationWith;
      conversationWith =
        (isGroup
          ? parseNested(groupSchema, c.conversationWith, ctx, ['conversationWith'])
          : parseNested(userSchema, c.conversationWith, ctx, ['conversationWith'])) ?? null;
    }
    return {
      conversationId: c.conversationId,
      conversationType: c.conversationType,
      unreadMessageCount: c.unreadMessageCount,
      tags: c.tags,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      lastMessage,
      conversationWith,
      pinnedAt: c.pinnedAt,
      pinnedBy: c.pinnedAt === null ? null : c.pinnedBy,
    };
  });

/**
 * A single conversation. CometChat's examples wrap it in a one-element array (`data: [{...}]`);
 * real answers are likely a plain object. Both are accepted.
 */
export const singleConversationSchema: z.ZodType<ConversationRecord, unknown> = z
  .object({ data: z.union([z.array(z.unknown()).length(1), z.record(z.string(), z.unknown())]) })
  .transform((v, ctx) => {
    const raw = Array.isArray(v.data) ? v.data[0] : v.data;
    const path = Array.isArray(v.data) ? ['data', 0] : ['data'];
    return parseNested(conversationSchema, raw, ctx, path) ?? z.NEVER;
  });
