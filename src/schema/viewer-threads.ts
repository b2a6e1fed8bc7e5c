/**
 * `viewer.threads`: the viewing user's threads (CometChat's `GET /threads`), as a connection of
 * their parent messages. One upstream call per page; the parents carry `replyCount` and
 * `isThreadSubscribed`, and `replies` reads a thread's replies.
 */
import { builder } from '../builder.js';
import type { View } from '../loaders/index.js';
import type { MessageRecord } from '../upstream/records.js';
import { connectionComplexity, emptyConnection, windowArgs, windowOf } from './connections.js';
import { MessageConnection } from './message/interface.js';
import { cursorConnection, validateConnectionArgs } from './pagination.js';
import { Viewer } from './viewer.js';

function threadsKey(view: View, participatedByMe: boolean): string {
  return `threads:${JSON.stringify({ as: view.perspective, participatedByMe })}`;
}

builder.objectField(Viewer, 'threads', (t) =>
  t.field({
    type: MessageConnection,
    nullable: true,
    description:
      "The viewing user's threads, as their parent messages (oldest parent first): by default the threads they take part in (started, replied in or followed with `messageThreadSubscribe`, and not unsubscribed from). Empty for an admin caller without `X-Act-As`: threads are listed for a user. One upstream call per page. Null when it could not be read (the error on this field says why).",
    args: {
      ...windowArgs('threads'),
      participatedByMe: t.arg.boolean({
        defaultValue: true,
        description:
          'When false, every thread in conversations the viewing user takes part in, followed or not.',
      }),
    },
    complexity: connectionComplexity,
    resolve: (caller, args, context) => {
      const window = windowOf(args);
      validateConnectionArgs(window, { backwards: true });
      if (caller.kind !== 'user') return emptyConnection<MessageRecord>();
      const view = context.view(caller.uid);
      const participatedByMe = args.participatedByMe !== false;
      return cursorConnection(
        window,
        (q) => view.threads({ participatedByMe, affix: q.affix, id: q.id, limit: q.limit }),
        { key: threadsKey(view, participatedByMe), idOf: (message) => message.id },
      );
    },
  }),
);
