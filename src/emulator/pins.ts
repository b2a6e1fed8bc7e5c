/**
 * Message pins, saves and thread subscriptions, and conversation pins. A message pin is conversation-wide (everyone in it sees `pinnedAt`/`pinnedBy`);
 * in a group only admins and moderators pin, in a 1:1 conversation either participant; without
 * onBehalfOf the app pins (`pinnedBy: "app_system"`). A save is private to the onBehalfOf user
 * (required) and shows as `savedAt` only to them. Message routes answer with the message, thread
 * subscriptions with an acknowledgement (the viewer then sees `threadSubscribed` on the parent),
 * conversation pins with the conversation as its user sees it.
 */
import { noScopeClearance, requireOnBehalfOf } from './chat-errors.js';
import { resolve, showConversation } from './conversations.js';
import {
  ack,
  badRequest,
  bodyObject,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  ok,
  type Router,
} from './http.js';
import { findMessage } from './messages.js';
import { renderMessage } from './render.js';
import { type MessageRow, type Store, SYSTEM_UID } from './store.js';

/** CometChat's documented cap, shared by app and user pins. */
export const MAX_PINNED_MESSAGES = 100;

/** Registers the pin and save routes. */
export function registerPins(router: Router): void {
  router.add('POST', '/messages/:id/pin', (req, ctx) => pin(req, ctx, true));
  router.add('DELETE', '/messages/:id/pin', (req, ctx) => pin(req, ctx, false));
  router.add('POST', '/messages/:id/save', (req, ctx) => save(req, ctx, true));
  router.add('DELETE', '/messages/:id/save', (req, ctx) => save(req, ctx, false));
  router.add('POST', '/messages/:id/flagged', flag);
  router.add('POST', '/messages/:id/thread/subscription', (req, ctx) => follow(req, ctx, true));
  router.add('DELETE', '/messages/:id/thread/subscription', (req, ctx) => follow(req, ctx, false));
  for (const kind of ['users', 'groups'] as const) {
    const base =
      kind === 'users' ? '/users/:uid/conversation/pin' : '/groups/:guid/conversation/pin';
    router.add('POST', base, (req, ctx) => pinConversation(req, ctx, kind, true));
    router.add('DELETE', base, (req, ctx) => pinConversation(req, ctx, kind, false));
  }
}

/**
 * Subscribe to or unsubscribe from the thread of a top-level message (onBehalfOf required;
 * idempotent; allowed before the first reply). Answers with an acknowledgement.
 */
function follow(req: EmuRequest, { store }: EmulatorContext, on: boolean): EmuResponse {
  const viewer = requireOnBehalfOf(req);
  const message = findMessage(store, req.params.id, viewer);
  if (message.parentId !== undefined) {
    throw new EmuError(
      400,
      'ERR_WRONG_MESSAGE_THREAD',
      `The message with id ${message.id} is a thread reply; subscribe to its parent ${message.parentId}.`,
    );
  }
  let choices = store.threadSubscriptions.get(message.id);
  if (!choices) {
    choices = new Map();
    store.threadSubscriptions.set(message.id, choices);
  }
  choices.set(viewer, on);
  return ack(
    on
      ? `The user with UID ${viewer} has subscribed to the thread of message ${message.id}.`
      : `The user with UID ${viewer} has unsubscribed from the thread of message ${message.id}.`,
  );
}

/**
 * A user flags a message for moderation (onBehalfOf required), body `{reasonId, remark}`: the
 * reason must be one of the app's moderation reasons.
 */
function flag(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const viewer = requireOnBehalfOf(req);
  const message = findMessage(store, req.params.id, viewer);
  const body = bodyObject(req);
  const reasonId = typeof body.reasonId === 'string' ? body.reasonId : '';
  if (!store.moderationReasons.has(reasonId)) {
    throw badRequest({
      reasonId: [
        `The reasonId must be one of the app's moderation reasons: ${[...store.moderationReasons.keys()].join(', ')}.`,
      ],
    });
  }
  if (body.remark !== undefined && typeof body.remark !== 'string') {
    throw badRequest({ remark: ['The remark must be a string.'] });
  }
  store.flags.push({
    messageId: message.id,
    uid: viewer,
    reasonId,
    ...(typeof body.remark === 'string' ? { remark: body.remark } : {}),
    flaggedAt: store.now(),
  });
  return ok({ message: `Message ${message.id} has been flagged successfully.` });
}

/** CometChat's documented cap on one user's pinned conversations. */
export const MAX_PINNED_CONVERSATIONS = 5;

/**
 * A user's pin on one of their conversations (onBehalfOf required; the conversation must be one
 * they can see, as for the other conversation routes). Pinning twice keeps the first pin.
 */
function pinConversation(
  req: EmuRequest,
  { store }: EmulatorContext,
  kind: 'users' | 'groups',
  on: boolean,
): EmuResponse {
  const { viewer, candidate } = resolve(req, store, kind);
  let pins = store.pinnedConversations.get(viewer);
  if (on) {
    if (!pins) {
      pins = new Map();
      store.pinnedConversations.set(viewer, pins);
    }
    if (!pins.has(candidate.conversationId)) {
      if (pins.size >= MAX_PINNED_CONVERSATIONS) {
        throw new EmuError(
          409,
          'ERR_PINNED_CONVERSATIONS_LIMIT_EXCEEDED',
          `A user can pin up to ${MAX_PINNED_CONVERSATIONS} conversations.`,
        );
      }
      pins.set(candidate.conversationId, store.now());
    }
  } else {
    pins?.delete(candidate.conversationId);
  }
  return showConversation(store, viewer, candidate);
}

function assertMayPin(store: Store, message: MessageRow, viewer: string): void {
  if (message.receiverType !== 'group') return;
  const scope = store.member(message.receiver, viewer)?.scope;
  if (scope !== 'admin' && scope !== 'moderator') {
    throw noScopeClearance(viewer, message.receiver, 'only admins and moderators pin messages.');
  }
}

function assertBelowPinLimit(store: Store, message: MessageRow): void {
  const rows = store.messagesByConversation.get(message.conversationId) ?? [];
  const pinned = rows.filter((row) => row.pinnedAt !== undefined).length;
  if (pinned >= MAX_PINNED_MESSAGES) {
    throw new EmuError(
      409,
      'ERR_PINNED_MESSAGES_LIMIT_EXCEEDED',
      `A conversation can hold up to ${MAX_PINNED_MESSAGES} pinned messages.`,
    );
  }
}

function pin(req: EmuRequest, { store }: EmulatorContext, on: boolean): EmuResponse {
  const viewer = req.onBehalfOf || undefined;
  const message = findMessage(store, req.params.id, viewer);
  if (viewer !== undefined) assertMayPin(store, message, viewer);
  if (on) {
    if (message.pinnedAt === undefined) assertBelowPinLimit(store, message);
    message.pinnedAt = store.now();
    message.pinnedBy = viewer ?? SYSTEM_UID;
  } else {
    delete message.pinnedAt;
    delete message.pinnedBy;
  }
  return ok(renderMessage(store, message, viewer));
}

function save(req: EmuRequest, { store }: EmulatorContext, on: boolean): EmuResponse {
  const viewer = requireOnBehalfOf(req);
  const message = findMessage(store, req.params.id, viewer);
  let saved = store.savedMessages.get(viewer);
  if (on) {
    if (!saved) {
      saved = new Map();
      store.savedMessages.set(viewer, saved);
    }
    if (!saved.has(message.id)) saved.set(message.id, store.now());
  } else {
    saved?.delete(message.id);
  }
  return ok(renderMessage(store, message, viewer));
}
