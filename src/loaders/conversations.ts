import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { UpstreamClient } from '../upstream/client.js';
import { getGroupConversation, getUserConversation } from '../upstream/conversations.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { ConversationRecord } from '../upstream/records.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const CONVERSATION_FETCH_CONCURRENCY = 8;

const GROUP_PREFIX = 'group_';
const USER_SEPARATOR = '_user_';

/**
 * Stands for "no known participant" in a key. Not a character a uid may contain; an empty owner
 * would do, but the relay plugin's global-ID decoder rejects an ID whose key starts with a colon.
 */
const NO_OWNER = '*';

/**
 * The loader key (and global-ID key) of a conversation as one participant sees it:
 * `<ownerUid>:<conversationId>`, with `*` for an unknown participant. CometChat keeps unread
 * counts, tags and reset points per participant, so the owner is part of the identity. Neither
 * uids nor conversation ids contain a colon.
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

export interface ConversationLoadOptions {
  signal?: AbortSignal | undefined;
  /** A user caller: only their own view of a conversation may be read. */
  callerUid?: string | undefined;
}

/**
 * Loads conversations by `<ownerUid>:<conversationId>` key, in key order, each as its owner sees
 * it: `GET /users/{uid}/conversation` or `GET /groups/{guid}/conversation` on the owner's behalf
 * (CometChat's id-based GET is deprecated). `null` when the conversation does not exist for that
 * owner (no messages, not a participant, reset) or the key is malformed or ownerless; other
 * failures are an `Error` in their slot. There is no bulk GET, so misses fan out into parallel
 * single calls under a concurrency cap.
 */
export async function loadConversations(
  client: UpstreamClient,
  keys: readonly string[],
  options: ConversationLoadOptions = {},
): Promise<(ConversationRecord | null | Error)[]> {
  const limit = pLimit(CONVERSATION_FETCH_CONCURRENCY);
  return Promise.all(
    keys.map((key) => {
      const parsed = parseConversationKey(key);
      if (parsed === null || parsed.ownerUid === null) return null;
      const { ownerUid, conversationId } = parsed;
      if (options.callerUid !== undefined && options.callerUid !== ownerUid) return null;
      const partner = conversationPartner(conversationId, ownerUid);
      if (partner === null) return null;
      const callOptions = { onBehalfOf: ownerUid, signal: options.signal };
      return limit(async () => {
        try {
          return partner.type === 'group'
            ? await getGroupConversation(client, partner.guid, callOptions)
            : await getUserConversation(client, partner.uid, callOptions);
        } catch (error) {
          // A missing owner, partner or group, or an owner who takes no part: no such view.
          if (
            isUpstreamError(error) &&
            (error.kind === 'not_found' || error.kind === 'forbidden')
          ) {
            return null;
          }
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    }),
  );
}

/** The request's conversation loader; `onLoad` sees every conversation fetched, with its key. */
export function createConversationLoader(
  client: UpstreamClient,
  options: ConversationLoadOptions,
  onLoad: (conversation: ConversationRecord, ownerUid: string) => void,
): DataLoader<string, ConversationRecord | null> {
  return new DataLoader(
    async (keys) => {
      const results = await loadConversations(client, keys, options);
      results.forEach((result, i) => {
        const owner = parseConversationKey(keys[i] ?? '')?.ownerUid;
        if (result !== null && !(result instanceof Error) && owner) onLoad(result, owner);
      });
      return results;
    },
    { maxBatchSize: 100 },
  );
}
