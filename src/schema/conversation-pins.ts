/**
 * Pins on conversations. A conversation pin is per user (it orders that user's list); CometChat
 * embeds `pinnedAt`/`pinnedBy` in each conversation, so these fields cost no upstream call.
 */
import { builder } from '../builder.js';
import { APP_SYSTEM_UID } from './message/common.js';
import { ConversationRef } from './refs.js';

builder.objectFields(ConversationRef, (t) => ({
  isPinned: t.boolean({
    description:
      "Whether the conversation is pinned in its participant's list (by them, or app-wide by the app). Pinned conversations come first in conversation lists; `pinnedOnly: true` lists only them.",
    resolve: (value) => value.record.pinnedAt !== null,
  }),
  pinnedAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When the conversation was pinned; null when it is not.',
    resolve: (value) => value.record.pinnedAt,
  }),
  isPinnedByApp: t.boolean({
    description:
      'Whether the app pinned the conversation for everyone (a user cannot unpin such a pin).',
    resolve: (value) => value.record.pinnedAt !== null && value.record.pinnedBy === APP_SYSTEM_UID,
  }),
}));
