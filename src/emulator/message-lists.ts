/**
 * The message list routes: `GET /messages`, `/users/:uid/messages`, `/groups/:guid/messages` and
 * `/messages/:id/thread`, all cursor lists (see `cursor-list.ts`).
 */
import { notAMember } from './chat-errors.js';
import {
  arraySequence,
  type Cursor,
  cursorMeta,
  cursorPage,
  readCursor,
  type Sequence,
  storeSequence,
} from './cursor-list.js';
import { findGroup } from './group-list.js';
import type { EmulatorContext, EmuRequest, EmuResponse } from './http.js';
import { uidNotFound } from './http.js';
import {
  canSee,
  type MessageQuery,
  otherParticipant,
  readMessageQuery,
} from './message-filters.js';
import { renderMessage } from './render.js';
import { conversationIdFor, type MessageRow, type Store, SYSTEM_UID } from './store.js';

const sentAtOf = (row: MessageRow) => row.sentAt;

function conversationSequence(store: Store, conversationId: string): Sequence<MessageRow>[] {
  const list = store.messagesByConversation.get(conversationId);
  return list ? [arraySequence(list, sentAtOf)] : [];
}

function respond(
  store: Store,
  sequences: readonly Sequence<MessageRow>[],
  cursor: Cursor,
  filter: MessageQuery,
  viewer: string | undefined,
): EmuResponse {
  const page = cursorPage(sequences, cursor, filter.match);
  return {
    status: 200,
    body: {
      data: page.items.map((row) =>
        renderMessage(store, row, viewer, { withTags: filter.withTags }),
      ),
      meta: cursorMeta(page, cursor, sentAtOf),
    },
  };
}

/** `GET /messages`: every message of the app, or with onBehalfOf that user's conversations. */
export function listMessages(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const cursor = readCursor(req.query);
  const viewer = req.onBehalfOf;
  const filter = readMessageQuery(store, req.query, viewer);
  let sequences: Sequence<MessageRow>[];
  if (filter.conversationId !== undefined) {
    const id = filter.conversationId;
    const allowed =
      viewer === undefined ||
      (id.startsWith('group_')
        ? store.member(id.slice('group_'.length), viewer) !== undefined
        : otherParticipant(id, viewer) !== undefined);
    sequences = allowed ? conversationSequence(store, id) : [];
  } else if (viewer === undefined) {
    sequences = [storeSequence(store)];
  } else {
    sequences = [];
    if (filter.receiverType !== 'group') {
      for (const id of store.userConversations.get(viewer) ?? []) {
        sequences.push(...conversationSequence(store, id));
      }
    }
    if (filter.receiverType !== 'user') {
      for (const guid of store.groupsByUser.get(viewer) ?? []) {
        sequences.push(...conversationSequence(store, `group_${guid}`));
      }
    }
  }
  return respond(store, sequences, cursor, filter, viewer);
}

/** `perPage` is an older spelling of `limit` on the conversation lists. */
function fallbackLimit(query: URLSearchParams): number {
  const perPage = Number(query.get('perPage'));
  return Number.isInteger(perPage) && perPage >= 1 && perPage <= 1000 ? perPage : 100;
}

/** `GET /users/:uid/messages`: the 1:1 conversation between onBehalfOf (or the app) and uid. */
export function listUserMessages(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const uid = (req.params.uid ?? '').toLowerCase();
  if (!store.activeUser(uid)) throw uidNotFound(uid);
  const cursor = readCursor(req.query, fallbackLimit(req.query));
  const viewer = req.onBehalfOf;
  const filter = readMessageQuery(store, req.query, viewer);
  const conversationId = conversationIdFor('user', viewer ?? SYSTEM_UID, uid);
  return respond(store, conversationSequence(store, conversationId), cursor, filter, viewer);
}

/** `GET /groups/:guid/messages`: the group conversation; a user must be a member. */
export function listGroupMessages(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const group = findGroup(store, req.params.guid);
  const viewer = req.onBehalfOf;
  if (viewer !== undefined && !store.member(group.guid, viewer)) {
    throw notAMember(viewer, group.guid);
  }
  const cursor = readCursor(req.query, fallbackLimit(req.query));
  const filter = readMessageQuery(store, req.query, viewer);
  const sequences = conversationSequence(store, `group_${group.guid}`);
  return respond(store, sequences, cursor, filter, viewer);
}

/** `GET /messages/:id/thread`: the replies of a message. */
export function listThread(
  req: EmuRequest,
  { store }: EmulatorContext,
  parent: MessageRow,
): EmuResponse {
  const cursor = readCursor(req.query, fallbackLimit(req.query));
  const viewer = req.onBehalfOf;
  const filter = readMessageQuery(store, req.query, viewer);
  const replies = store.repliesByParent.get(parent.id) ?? [];
  const visible = viewer === undefined || canSee(store, parent, viewer);
  return respond(store, visible ? [arraySequence(replies, sentAtOf)] : [], cursor, filter, viewer);
}
