/**
 * `GET /threads` (onBehalfOf required): the threads of one user, as a cursor list of their parent
 * messages rendered for that user. With `participatedByMe=true` (CometChat's SDKs always send
 * it, default true) only threads the user follows (started, replied in or subscribed to, and not
 * unsubscribed from); with `false` every thread in their conversations. A thread is a top-level
 * message with at least one reply, or one the user subscribed to before its first reply. Pages
 * walk parent ids ascending like every cursor list (`limit`, `affix`, `id`).
 */
import { requireOnBehalfOf } from './chat-errors.js';
import { arraySequence, cursorMeta, cursorPage, readCursor } from './cursor-list.js';
import {
  badRequest,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  type Router,
} from './http.js';
import { canSee } from './message-filters.js';
import { renderMessage } from './render.js';
import type { MessageRow, Store } from './store.js';

export function registerThreads(router: Router): void {
  router.add('GET', '/threads', listThreads);
}

function participatedFlag(query: URLSearchParams): boolean {
  const raw = query.get('participatedByMe');
  if (raw === null || raw === '' || raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw badRequest({ participatedByMe: ['The participatedByMe must be true or false.'] });
}

/** The parent ids that have a thread: replies, or an explicit subscription. */
function threadParents(store: Store): MessageRow[] {
  const ids = new Set<number>([
    ...store.repliesByParent.keys(),
    ...store.threadSubscriptions.keys(),
  ]);
  const rows: MessageRow[] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const row = store.messages.get(id);
    if (row && row.parentId === undefined) rows.push(row);
  }
  return rows;
}

function listThreads(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const viewer = requireOnBehalfOf(req);
  const participated = participatedFlag(req.query);
  const cursor = readCursor(req.query, 30);
  const parents = threadParents(store).filter(
    (row) => canSee(store, row, viewer) && (!participated || store.followsThread(row, viewer)),
  );
  const page = cursorPage([arraySequence(parents, (row) => row.sentAt)], cursor, () => true);
  return {
    status: 200,
    body: {
      data: page.items.map((row) => renderMessage(store, row, viewer)),
      meta: cursorMeta(page, cursor, (row) => row.sentAt),
    },
  };
}
