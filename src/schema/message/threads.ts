import { builder } from '../../builder.js';
import type { MessageFilters } from '../../upstream/messages.js';
import type { MessageRecord } from '../../upstream/records.js';
import { connectionComplexity, emptyConnection, windowArgs, windowOf } from '../connections.js';
import { messageChildren } from '../look-ahead.js';
import {
  type CursorQuery,
  cursorConnection,
  plannedCursorQuery,
  validateConnectionArgs,
} from '../pagination.js';
import { MessageRef } from '../refs.js';
import { MessageConnection } from './interface.js';
import { repliesKey } from './list.js';

/** The upstream filters of the thread read for the window `q`. */
function threadQuery(q: CursorQuery): MessageFilters {
  return { withTags: true, affix: q.affix, id: q.id, limit: q.limit };
}

// `message(id) { replies(...) }`: the thread read starts with the message lookup, in the caller's
// view, as `replies` below will read it (the lookup's caller leaves it out for a likely reply).
messageChildren.on('replies', (id, args, context) => {
  const query = plannedCursorQuery(windowOf(args), { key: repliesKey(id) });
  context.view().prefetch.threadMessages(id, threadQuery(query));
});

builder.interfaceFields(MessageRef, (t) => ({
  parent: t.field({
    type: MessageRef,
    nullable: true,
    description:
      'The message this one replies to in a thread. Null for a message that is not a thread reply, and when the parent no longer exists.',
    resolve: (message, _args, context) =>
      message.parentId === null ? null : context.view().loaders.messages.load(message.parentId),
  }),
  replies: t.field({
    type: MessageConnection,
    nullable: true,
    description:
      'The thread of replies to this message, oldest first. Empty for a thread reply (threads do not nest). Null when it could not be read (the error on this field says why).',
    args: windowArgs('replies'),
    complexity: connectionComplexity,
    resolve: (message, args, context) => {
      const window = windowOf(args);
      validateConnectionArgs(window, { backwards: true });
      if (message.parentId !== null) return emptyConnection<MessageRecord>();
      const view = context.view();
      return cursorConnection(window, (q) => view.threadMessages(message.id, threadQuery(q)), {
        key: repliesKey(message.id),
        idOf: (reply) => reply.id,
      });
    },
  }),
}));
