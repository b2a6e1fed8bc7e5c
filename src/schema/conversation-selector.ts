/**
 * `ConversationSelector`: one conversation named exactly one way (`@oneOf`), as the conversation
 * mutations and `Query.conversation` take it, and the decoding of its global-ID form.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { parseConversationKey } from '../loaders/index.js';
import { conversationIdArg, keyArg } from './arg-checks.js';

/**
 * One conversation, named exactly one way (`@oneOf`): how every conversation mutation takes it.
 * The flat `conversationId`/`withUser`/`withGroup` fields it replaces stay as deprecated aliases.
 */
export const ConversationSelector = builder.inputType('ConversationSelector', {
  isOneOf: true,
  description:
    'One conversation, named exactly one way: its global ID, its CometChat id, or its partner (a user or a group).',
  fields: (t) => ({
    id: t.id({
      description:
        "Its global ID (`Conversation.id`), which names the participant too: it must be the acting user's view of the conversation.",
    }),
    conversationId: t.string({
      description: "CometChat's id of the conversation (`<uid>_user_<uid>` or `group_<guid>`).",
      validate: conversationIdArg,
    }),
    withUser: t.string({
      description: 'The 1:1 conversation with this user (uid).',
      validate: keyArg,
    }),
    withGroup: t.string({ description: "The group's conversation (guid).", validate: keyArg }),
  }),
});

/** The conversation and participant a Conversation global ID names; null for anything else. */
export function conversationOfGlobalId(
  id: string,
): { ownerUid: string | null; conversationId: string } | null {
  try {
    const decoded = decodeGlobalID(id.trim());
    return decoded.typename === 'Conversation' ? parseConversationKey(decoded.id) : null;
  } catch {
    return null;
  }
}
