/**
 * The perspective-independent part of a record: what it looks like to the app, with no viewer.
 *
 * CometChat renders some fields relative to the `onBehalfOf` user of the call (the viewer):
 *
 * - users: `conversationId` (the 1:1 id with the viewer), `blockedByMe`, `hasBlockedMe`,
 *   `blockedByMeAt`, `blockedAt`; and `authToken` only ever comes back from a create;
 * - groups: `scope`, `joinedAt`, `hasJoined` ("only meaningful with onBehalfOf", docs/cometchat-facts.md 7.3);
 * - messages: `reactedByMe` in the reaction summary.
 *
 * Every other field is the same whoever asks, and an app-level call leaves the viewer fields out.
 * So a record rendered for any user, with those fields cleared, is exactly what the app view
 * would fetch: that projection, and only it, may cross from a user's view into the app view.
 * Nothing ever crosses the other way, or from one user's view into another's.
 */
import type { GroupRecord, MessageRecord, UserRecord } from '../upstream/records.js';

/** `user` without the fields CometChat fills relative to a viewer; `complete` is kept. */
export function neutralUser(user: UserRecord): UserRecord {
  if (
    user.conversationId === null &&
    user.blockedByMe === null &&
    user.hasBlockedMe === null &&
    user.blockedByMeAt === null &&
    user.blockedAt === null &&
    user.authToken === null
  ) {
    return user;
  }
  return {
    ...user,
    conversationId: null,
    blockedByMe: null,
    hasBlockedMe: null,
    blockedByMeAt: null,
    blockedAt: null,
    authToken: null,
  };
}

/** `group` without the viewer's membership (`scope`, `joinedAt`, `hasJoined`). */
export function neutralGroup(group: GroupRecord): GroupRecord {
  if (group.scope === null && group.joinedAt === null && group.hasJoined === null) return group;
  return { ...group, scope: null, joinedAt: null, hasJoined: null };
}

/** `message` without the viewer's own reactions marked (`reactedByMe` is false app-wide). */
export function neutralMessage(message: MessageRecord): MessageRecord {
  if (!message.reactions.some((reaction) => reaction.reactedByMe)) return message;
  return {
    ...message,
    reactions: message.reactions.map((reaction) => ({ ...reaction, reactedByMe: false })),
  };
}
