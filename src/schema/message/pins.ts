/**
 * Pins and saves on messages. CometChat embeds both in the message itself (`pinnedAt`/`pinnedBy`
 * for everyone; `savedAt` only in messages rendered for the user who saved them), so these fields
 * cost no upstream call. The one read here is the viewer's saved messages.
 */
import { builder } from '../../builder.js';
import { connectionComplexity, windowArgs, windowOf } from '../connections.js';
import { MessageRef, UserRef } from '../refs.js';
import { Viewer } from '../viewer.js';
import { APP_SYSTEM_UID, loadUserOrNull } from './common.js';
import { MessageConnection } from './interface.js';
import { messageConnection } from './list.js';

builder.interfaceFields(MessageRef, (t) => ({
  isPinned: t.boolean({
    description:
      'Whether the message is pinned in its conversation (a pin is visible to everyone in it). `pinnedOnly: true` on a message list gives the pinned messages.',
    resolve: (message) => message.pinnedAt !== null,
  }),
  pinnedAt: t.expose('pinnedAt', {
    type: 'DateTime',
    nullable: true,
    description: 'When the message was pinned; null when it is not pinned.',
  }),
  pinnedBy: t.field({
    type: UserRef,
    nullable: true,
    description:
      'Who pinned the message. Null when it is not pinned, when the app pinned it (`isPinnedByApp`), or when that user no longer exists.',
    resolve: (message, _args, context) =>
      message.pinnedAt === null ? null : loadUserOrNull(context, message.pinnedBy),
  }),
  isPinnedByApp: t.boolean({
    description: 'Whether the app itself pinned the message rather than a user.',
    resolve: (message) => message.pinnedAt !== null && message.pinnedBy === APP_SYSTEM_UID,
  }),
  isSaved: t.boolean({
    nullable: true,
    description:
      'Whether the viewing user saved the message (saves are private to each user). Null for an admin caller without `X-Act-As`, who is no user.',
    resolve: (message, _args, context) =>
      context.caller.kind === 'user' ? message.savedAt !== null : null,
  }),
  isThreadSubscribed: t.boolean({
    nullable: true,
    description:
      "Whether the viewing user follows the message's thread (by choice, or because they started it or replied in it). Null for an admin caller without `X-Act-As`, and for thread replies.",
    resolve: (message, _args, context) =>
      context.caller.kind === 'user' && message.parentId === null
        ? message.threadSubscribed === true
        : null,
  }),
  savedAt: t.field({
    type: 'DateTime',
    nullable: true,
    description:
      'When the viewing user saved the message; null when they did not, and for an admin caller without `X-Act-As`.',
    resolve: (message, _args, context) => (context.caller.kind === 'user' ? message.savedAt : null),
  }),
}));

builder.objectField(Viewer, 'savedMessages', (t) =>
  t.field({
    type: MessageConnection,
    nullable: true,
    description:
      "The messages the viewing user saved, across all their conversations (CometChat's `saved` list), oldest first. Empty for an admin caller without `X-Act-As`: saves belong to a user. Null when it could not be read (the error on this field says why).",
    args: windowArgs('messages'),
    complexity: connectionComplexity,
    // A null query (an admin caller) checks the window and answers empty, without a call.
    resolve: (caller, args, context) =>
      caller.kind === 'user'
        ? messageConnection(context.view(caller.uid), windowOf(args), { saved: true })
        : messageConnection(context.view(), windowOf(args), null),
  }),
);
