import pLimit from 'p-limit';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { getGroupConversation, getUserConversation } from '../upstream/conversations.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { ConversationRecord } from '../upstream/records.js';
import { conversationPartner } from './keys.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const CONVERSATION_FETCH_CONCURRENCY = 8;

/**
 * Loads `ownerUid`'s view of conversations by CometChat id, in key order: `GET
 * /users/{uid}/conversation` or `GET /groups/{guid}/conversation` on the owner's behalf (`options`
 * carry it; CometChat's id-based GET is deprecated). `null` when the conversation does not exist
 * for that owner (no messages, not a participant, reset) or the id is malformed; other failures
 * are an `Error` in their slot. There is no bulk GET, so a batch fans out into parallel single
 * calls under a concurrency cap.
 */
export async function loadConversations(
  client: UpstreamClient,
  ownerUid: string,
  conversationIds: readonly string[],
  options: CallOptions,
): Promise<(ConversationRecord | null | Error)[]> {
  const limit = pLimit(CONVERSATION_FETCH_CONCURRENCY);
  return Promise.all(
    conversationIds.map((conversationId) => {
      const partner = conversationPartner(conversationId, ownerUid);
      if (partner === null) return null;
      return limit(async () => {
        try {
          return partner.type === 'group'
            ? await getGroupConversation(client, partner.guid, options)
            : await getUserConversation(client, partner.uid, options);
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
