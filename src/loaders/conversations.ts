import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { getGroupConversation, getUserConversation } from '../upstream/conversations.js';
import type { ConversationRecord } from '../upstream/records.js';
import { fanOut } from './fan-out.js';
import { conversationPartner } from './keys.js';

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
  const partners = conversationIds.map((id) => conversationPartner(id, ownerUid));
  return fanOut(
    partners,
    async (partner) => {
      if (partner === null) return null;
      return partner.type === 'group'
        ? await getGroupConversation(client, partner.guid, options)
        : await getUserConversation(client, partner.uid, options);
    },
    {
      accepts: (partner) => partner !== null,
      // A missing owner, partner or group, or an owner who takes no part: no such view.
      missing: ['not_found', 'forbidden'],
    },
  );
}
