/**
 * What a webhook event makes stale in the read cache, as the tags of `upstream/cache-tags.ts`:
 * the receiver hands them to the upstream client before it answers CometChat, so a read made
 * after the delivery was acknowledged never gets an answer cached before the change.
 */
import {
  ANY_CONVERSATION_CHANGED,
  conversationChanged,
  groupConversation,
  TAGS,
} from '../upstream/cache-tags.js';
import type { MessageRecord } from '../upstream/records/messages.js';
import type { PayloadUser, RealtimeEvent } from './payloads.js';

function messageChanged(message: MessageRecord): string[] {
  const tags = [TAGS.message(message.id), ...conversationChanged(message.conversationId)];
  if (message.parentId !== null) tags.push(TAGS.message(message.parentId));
  return tags;
}

function usersChanged(users: readonly PayloadUser[]): string[] {
  return [TAGS.users, ...users.map((user) => TAGS.user(user.uid))];
}

/** The tags `event` bumps. */
export function invalidatedBy(event: RealtimeEvent): string[] {
  switch (event.kind) {
    case 'message':
    case 'moderation':
      return messageChanged(event.message);
    case 'message_change': {
      const tags = [TAGS.message(event.messageId), ...conversationChanged(event.conversationId)];
      if (event.message !== null) tags.push(...messageChanged(event.message));
      return tags;
    }
    case 'reaction':
    case 'receipt': {
      const messageId = event.kind === 'reaction' ? event.reaction.messageId : event.messageId;
      const conversation =
        event.kind === 'receipt' ? event.conversationId : event.scope.conversationId;
      return [
        TAGS.message(messageId),
        ...(conversation !== null ? conversationChanged(conversation) : ANY_CONVERSATION_CHANGED),
      ];
    }
    case 'block':
      return usersChanged([event.by, ...event.users]);
    case 'presence':
      return usersChanged([event.user]);
    case 'group': {
      const guid = event.group.guid;
      return [
        TAGS.groups,
        TAGS.group(guid),
        ...conversationChanged(groupConversation(guid)),
        ...event.members.map((member) => TAGS.conversationsOf(member.user.uid)),
      ];
    }
    case 'call':
    case 'call_artifact':
      // Call messages change with their session, whose conversation the event does not name.
      return [...ANY_CONVERSATION_CHANGED];
    default:
      return [TAGS.all];
  }
}
