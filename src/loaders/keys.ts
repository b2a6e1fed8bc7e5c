/**
 * The keys the read layer and the schema share: a membership's `guid:uid`, a conversation's
 * `<ownerUid>:<conversationId>` (its global-ID key), CometChat's conversation ids, and what a
 * message id looks like. Pure functions, no I/O.
 */

/** The loader key of a membership: `guid:uid` (neither id may contain a colon). */
export function memberKey(guid: string, uid: string): string {
  return `${guid}:${uid}`;
}

/** Splits a `guid:uid` key; null when it is not one. */
export function parseMemberKey(key: string): { guid: string; uid: string } | null {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return null;
  const guid = key.slice(0, colon);
  const uid = key.slice(colon + 1);
  if (uid.includes(':')) return null;
  return { guid, uid };
}

const GROUP_PREFIX = 'group_';
const USER_SEPARATOR = '_user_';

/**
 * Stands for "no known participant" in a key. Not a character a uid may contain; an empty owner
 * would do, but the relay plugin's global-ID decoder rejects an ID whose key starts with a colon.
 */
const NO_OWNER = '*';

/**
 * The global-ID key of a conversation as one participant sees it: `<ownerUid>:<conversationId>`,
 * with `*` for an unknown participant. CometChat keeps unread counts, tags and reset points per
 * participant, so the owner is part of the identity. Neither uids nor conversation ids contain a
 * colon.
 */
export function conversationKey(ownerUid: string | null, conversationId: string): string {
  return `${ownerUid ?? NO_OWNER}:${conversationId}`;
}

/** Splits a `<ownerUid>:<conversationId>` key; the owner is null when unknown (`*` or empty). */
export function parseConversationKey(
  key: string,
): { ownerUid: string | null; conversationId: string } | null {
  const colon = key.indexOf(':');
  if (colon < 0) return null;
  const ownerUid = key.slice(0, colon);
  const conversationId = key.slice(colon + 1);
  if (conversationId === '' || conversationId.includes(':')) return null;
  return { ownerUid: ownerUid === '' || ownerUid === NO_OWNER ? null : ownerUid, conversationId };
}

/** CometChat's id of the 1:1 conversation of two users: both uids in sorted order. */
export function userConversationId(a: string, b: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `${x}${USER_SEPARATOR}${y}`;
}

/** CometChat's id of a group's conversation. */
export function groupConversationId(guid: string): string {
  return `${GROUP_PREFIX}${guid}`;
}

export type ConversationPartnerKey =
  | { type: 'user'; uid: string }
  | { type: 'group'; guid: string };

/**
 * The other side of `conversationId` for `ownerUid`: the group, or the other user of a 1:1
 * conversation. Null when the id is malformed or `ownerUid` takes no part in it. Uids may contain
 * underscores, so a 1:1 id is split at the owner's own uid, not at the first `_user_`.
 */
export function conversationPartner(
  conversationId: string,
  ownerUid: string | null,
): ConversationPartnerKey | null {
  if (conversationId.startsWith(GROUP_PREFIX)) {
    const guid = conversationId.slice(GROUP_PREFIX.length);
    return guid === '' ? null : { type: 'group', guid };
  }
  if (ownerUid === null) return null;
  const candidates: string[] = [];
  const head = `${ownerUid}${USER_SEPARATOR}`;
  const tail = `${USER_SEPARATOR}${ownerUid}`;
  if (conversationId.startsWith(head)) candidates.push(conversationId.slice(head.length));
  if (conversationId.endsWith(tail)) candidates.push(conversationId.slice(0, -tail.length));
  const uid = candidates.find(
    (other) => other !== '' && userConversationId(ownerUid, other) === conversationId,
  );
  return uid === undefined ? null : { type: 'user', uid };
}

/**
 * The participant of a 1:1 conversation other than `withUid` (the owner of a view whose partner
 * is `withUid`); null when `withUid` takes no part in it.
 */
export function otherUserOf(conversationId: string, withUid: string): string | null {
  const partner = conversationPartner(conversationId, withUid);
  return partner?.type === 'user' ? partner.uid : null;
}

/** CometChat message ids are decimal numbers (sent as strings); anything else names no message. */
const MESSAGE_ID = /^\d{1,20}$/;

/** Whether `id` can be a CometChat message id at all. */
export function isMessageId(id: string): boolean {
  return MESSAGE_ID.test(id);
}
