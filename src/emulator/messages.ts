/**
 * Message routes: send (also as a bot and to several receivers), the lists, get, edit and delete
 * (each returning its action message) and threads.
 */
import { actorOf, messagePayload, storeMessageAction } from './actions.js';
import { actionNotAllowed, messageNoAccess, notASender, requireOnBehalfOf } from './chat-errors.js';
import {
  assertValid,
  badRequest,
  bodyObject,
  checkBoolean,
  checkTags,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  LIMITS,
  messageNotFound,
  ok,
  queryFlag,
  type Router,
} from './http.js';
import { canSee, otherParticipant } from './message-filters.js';
import { listGroupMessages, listMessages, listThread, listUserMessages } from './message-lists.js';
import { deliver, type MessageDraft, type Receiver, readDraft } from './message-send.js';
import { mentionedUids, renderMessage } from './render.js';
import { conversationIdFor, type MessageRow, type Store, SYSTEM_UID } from './store.js';

/** Registers the CometChat message routes. */
export function registerMessages(router: Router): void {
  router.add('POST', '/messages', (req, ctx) => send(ctx, actorOf(req.onBehalfOf), req));
  router.add('POST', '/bots/:uid/messages', sendAsBot);
  router.add('GET', '/messages', listMessages);
  router.add('GET', '/users/:uid/messages', listUserMessages);
  router.add('GET', '/groups/:guid/messages', listGroupMessages);
  router.add('GET', '/messages/:id', getMessage);
  router.add('PUT', '/messages/:id', editMessage);
  router.add('DELETE', '/messages/:id', deleteMessage);
  router.add('POST', '/messages/:id/thread', replyInThread);
  router.add('GET', '/messages/:id/thread', (req, ctx) =>
    listThread(req, ctx, findMessage(ctx.store, req.params.id, req.onBehalfOf)),
  );
}

/**
 * The message named by a path id. With a viewer it must be in one of the viewer's conversations
 * (`ERR_MESSAGE_NO_ACCESS` otherwise).
 */
export function findMessage(store: Store, raw: string | undefined, viewer?: string): MessageRow {
  const id = Number(raw);
  const row = Number.isSafeInteger(id) && id > 0 ? store.messages.get(id) : undefined;
  if (!row) throw messageNotFound(raw ?? '');
  if (viewer !== undefined && !canSee(store, row, viewer)) throw messageNoAccess(row.id, viewer);
  return row;
}

function send(ctx: EmulatorContext, sender: string, req: EmuRequest) {
  const draft = readDraft(bodyObject(req));
  const viewer = req.onBehalfOf;
  if (!draft.multiple) {
    const to = draft.receivers[0] as Receiver; // readDraft guarantees one receiver here
    return ok(renderMessage(ctx.store, deliver(ctx, sender, to, draft), viewer));
  }
  return ok(sendToMany(ctx, sender, draft, viewer));
}

/** `multipleReceivers`: one message per receiver, with a per-receiver result or error. */
function sendToMany(ctx: EmulatorContext, sender: string, draft: MessageDraft, viewer?: string) {
  const result: { uids: Record<string, unknown>; guids: Record<string, unknown> } = {
    uids: {},
    guids: {},
  };
  for (const to of draft.receivers) {
    const bucket = to.receiverType === 'user' ? result.uids : result.guids;
    try {
      bucket[to.receiver] = renderMessage(ctx.store, deliver(ctx, sender, to, draft), viewer);
    } catch (error) {
      if (!(error instanceof EmuError)) throw error;
      bucket[to.receiver] = error.toBody();
    }
  }
  return result;
}

function sendAsBot(req: EmuRequest, ctx: EmulatorContext) {
  const uid = (req.params.uid ?? '').toLowerCase();
  if (!ctx.store.activeUser(uid)) {
    throw new EmuError(404, 'ERR_BOT_NOT_FOUND', `The bot with UID ${uid} does not exist.`);
  }
  return send(ctx, uid, req);
}

function getMessage(req: EmuRequest, { store }: EmulatorContext) {
  const row = findMessage(store, req.params.id, req.onBehalfOf);
  return ok(
    renderMessage(store, row, req.onBehalfOf, { withTags: queryFlag(req.query, 'withTags') }),
  );
}

function editMessage(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const viewer = req.onBehalfOf;
  const row = findMessage(store, req.params.id, viewer);
  if (row.category === 'action') throw actionNotAllowed('Action messages cannot be edited.');
  if (row.deletedAt !== undefined) throw actionNotAllowed('A deleted message cannot be edited.');
  if (viewer !== undefined && row.sender !== viewer) throw notASender(row.id, viewer);
  const body = bodyObject(req);
  const details: Record<string, string[]> = {};
  if (JSON.stringify(body).length > LIMITS.messageChars) {
    details.data = [`The message may not be greater than ${LIMITS.messageChars} characters.`];
  }
  const data = body.data;
  const changes: Record<string, unknown> = {};
  if (data !== undefined && data !== null) {
    if (typeof data !== 'object' || Array.isArray(data))
      details.data = ['The data must be an object.'];
    else {
      const fields = data as Record<string, unknown>; // a plain JSON object, checked above
      if (fields.text !== undefined) {
        if (typeof fields.text !== 'string' || fields.text === '') {
          details['data.text'] = ['The data.text must be a non-empty string.'];
        } else if (mentionedUids(fields.text).length > 10) {
          details['data.text'] = ['A message may mention at most 10 users.'];
        } else changes.text = fields.text;
      }
      for (const key of ['metadata', 'customData'] as const) {
        const value = fields[key];
        if (value === undefined) continue;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          details[`data.${key}`] = [`The data.${key} must be an object.`];
        } else changes[key] = value;
      }
    }
  }
  const tags = checkTags(body.tags, 'tags', details);
  if (
    Object.keys(changes).length === 0 &&
    tags === undefined &&
    Object.keys(details).length === 0
  ) {
    details.data = ['Nothing to update: give data.text, data.metadata or tags.'];
  }
  assertValid(details);
  const actor = actorOf(viewer);
  const now = store.now();
  Object.assign(row.data, changes);
  if (tags !== undefined) row.tags = tags;
  row.editedAt = now;
  row.editedBy = actor;
  row.updatedAt = now;
  const action = storeMessageAction(store, row, actor, 'edited');
  ctx.emit('message_edited', messagePayload(store, action));
  return ok(renderMessage(store, action, viewer));
}

function deleteMessage(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const viewer = req.onBehalfOf;
  const row = findMessage(store, req.params.id, viewer);
  if (row.category === 'action') throw actionNotAllowed('Action messages cannot be deleted.');
  const details: Record<string, string[]> = {};
  const permanent = checkBoolean(bodyObject(req).permanent, 'permanent', details) ?? false;
  assertValid(details);
  if (viewer !== undefined && row.sender !== viewer && !isGroupModerator(store, row, viewer)) {
    throw notASender(row.id, viewer);
  }
  if (!permanent && row.deletedAt !== undefined) throw messageNotFound(row.id);
  const actor = actorOf(viewer);
  const now = store.now();
  if (permanent) {
    const parent = row.parentId !== undefined ? store.messages.get(row.parentId) : undefined;
    if (parent && parent.replyCount > 0) parent.replyCount -= 1;
    store.removeMessage(row.id);
  } else {
    row.deletedAt = now;
    row.deletedBy = actor;
    row.updatedAt = now;
  }
  const action = storeMessageAction(store, row, actor, 'deleted');
  ctx.emit('message_deleted', messagePayload(store, action));
  return ok(renderMessage(store, action, viewer));
}

/** Group admins and moderators may delete other members' messages. */
function isGroupModerator(store: Store, row: MessageRow, uid: string): boolean {
  if (row.receiverType !== 'group') return false;
  const scope = store.member(row.receiver, uid)?.scope;
  return scope === 'admin' || scope === 'moderator';
}

function replyInThread(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const viewer = requireOnBehalfOf(req);
  const parent = findMessage(store, req.params.id, viewer);
  if (parent.parentId !== undefined) {
    throw new EmuError(
      400,
      'ERR_MESSAGE_THREAD_NESTING',
      `The message with id ${parent.id} is a thread reply; threads cannot be nested.`,
    );
  }
  if (parent.category === 'action') {
    throw new EmuError(
      400,
      'ERR_WRONG_MESSAGE_THREAD_CATEGORY',
      'Action messages cannot have thread replies.',
    );
  }
  const draft = readDraft(bodyObject(req), true);
  if (draft.multiple) {
    throw badRequest({ multipleReceivers: ['A thread reply goes to its parent conversation.'] });
  }
  const to: Receiver = draft.receivers[0] ?? defaultReceiver(parent, viewer);
  if (conversationIdFor(to.receiverType, viewer, to.receiver) !== parent.conversationId) {
    throw new EmuError(
      400,
      'ERR_WRONG_MESSAGE_THREAD',
      `The receiver does not belong to the conversation of the message with id ${parent.id}.`,
    );
  }
  return ok(renderMessage(store, deliver(ctx, viewer, to, draft, parent.id), viewer));
}

function defaultReceiver(parent: MessageRow, viewer: string): Receiver {
  if (parent.receiverType === 'group') return { receiver: parent.receiver, receiverType: 'group' };
  return {
    receiver: otherParticipant(parent.conversationId, viewer) ?? SYSTEM_UID,
    receiverType: 'user',
  };
}
