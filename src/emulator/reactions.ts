/**
 * Message reactions: cursor lists of who reacted (all, or one reaction), and add/remove as the
 * `onBehalfOf` user, each answering with the full message and its `data.reactions` summary.
 */
import { actionNotAllowed, requireOnBehalfOf } from './chat-errors.js';
import { arraySequence, cursorMeta, cursorPage, readCursor } from './cursor-list.js';
import {
  badRequest,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  ok,
  type Router,
} from './http.js';
import { findMessage } from './messages.js';
import { renderMessage, userEntity } from './render.js';
import { renderUser } from './render-user.js';
import type { ReactionRow, Store } from './store.js';

/** CometChat's documented limits: 25 distinct reactions per message, 45 characters each. */
const MAX_DISTINCT = 25;
const MAX_LENGTH = 45;

/** Registers the CometChat reaction routes. */
export function registerReactions(router: Router): void {
  router.add('GET', '/messages/:id/reactions', (req, ctx) => listReactions(req, ctx));
  router.add('GET', '/messages/:id/reactions/:reaction', (req, ctx) =>
    listReactions(req, ctx, req.params.reaction),
  );
  router.add('POST', '/messages/:id/reactions/:reaction', addReaction);
  router.add('DELETE', '/messages/:id/reactions/:reaction', removeReaction);
}

function renderReaction(store: Store, row: ReactionRow, viewer?: string): Record<string, unknown> {
  const user = store.users.get(row.uid);
  return {
    id: String(row.id),
    messageId: String(row.messageId),
    reaction: row.reaction,
    uid: row.uid,
    reactedAt: row.reactedAt,
    reactedBy: user ? renderUser(store, user, viewer) : userEntity(store, row.uid),
  };
}

function listReactions(
  req: EmuRequest,
  { store }: EmulatorContext,
  reaction?: string,
): EmuResponse {
  const viewer = req.onBehalfOf;
  const message = findMessage(store, req.params.id, viewer);
  const cursor = readCursor(req.query);
  const rows = store.reactions.get(message.id) ?? [];
  const page = cursorPage(
    [arraySequence(rows, (row) => row.reactedAt)],
    cursor,
    (row) => reaction === undefined || row.reaction === reaction,
  );
  return {
    status: 200,
    body: {
      data: page.items.map((row) => renderReaction(store, row, viewer)),
      meta: cursorMeta(page, cursor),
    },
  };
}

function readReaction(raw: string | undefined): string {
  const reaction = (raw ?? '').trim();
  if (reaction === '' || [...reaction].length > MAX_LENGTH) {
    throw badRequest({
      reaction: [`The reaction must be 1 to ${MAX_LENGTH} characters (an emoji, path-encoded).`],
    });
  }
  return reaction;
}

function addReaction(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const viewer = requireOnBehalfOf(req);
  const message = findMessage(store, req.params.id, viewer);
  if (message.category === 'action')
    throw actionNotAllowed('Action messages cannot get reactions.');
  const reaction = readReaction(req.params.reaction);
  let rows = store.reactions.get(message.id);
  if (!rows) {
    rows = [];
    store.reactions.set(message.id, rows);
  }
  if (!rows.some((row) => row.uid === viewer && row.reaction === reaction)) {
    const distinct = new Set(rows.map((row) => row.reaction));
    if (!distinct.has(reaction) && distinct.size >= MAX_DISTINCT) {
      throw badRequest({
        reaction: [`A message may have at most ${MAX_DISTINCT} distinct reactions.`],
      });
    }
    const row: ReactionRow = {
      id: store.nextReactionId++,
      messageId: message.id,
      reaction,
      uid: viewer,
      reactedAt: store.now(),
    };
    rows.push(row);
    ctx.emit('message_reaction_added', { reaction: reactionPayload(store, row) });
  }
  return ok(renderMessage(store, message, viewer));
}

function removeReaction(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const viewer = requireOnBehalfOf(req);
  const message = findMessage(store, req.params.id, viewer);
  const reaction = readReaction(req.params.reaction);
  const rows = store.reactions.get(message.id) ?? [];
  const index = rows.findIndex((row) => row.uid === viewer && row.reaction === reaction);
  if (index >= 0) {
    const [row] = rows.splice(index, 1);
    if (rows.length === 0) store.reactions.delete(message.id);
    if (row) ctx.emit('message_reaction_removed', { reaction: reactionPayload(store, row) });
  }
  return ok(renderMessage(store, message, viewer));
}

function reactionPayload(store: Store, row: ReactionRow): Record<string, unknown> {
  const user = store.users.get(row.uid);
  return {
    id: String(row.id),
    messageId: String(row.messageId),
    reaction: row.reaction,
    uid: row.uid,
    reactedAt: row.reactedAt,
    reactedBy: { uid: row.uid, name: user?.name ?? row.uid },
  };
}
