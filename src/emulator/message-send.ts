/**
 * Sending messages: the body of `POST /messages` (also threads and bots) validated as CometChat
 * does, and the delivery checks per receiver (existence, membership, blocks).
 */
import { messagePayload } from './actions.js';
import { notAMember } from './chat-errors.js';
import {
  badRequest,
  checkTags,
  EmuError,
  type EmulatorContext,
  guidNotFound,
  LIMITS,
  normaliseId,
  uidNotFound,
} from './http.js';
import { mentionedUids } from './render.js';
import { conversationIdFor, type MessageRow, type ReceiverType, SYSTEM_UID } from './store.js';

const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'file'];
/** CometChat allows mentioning at most 10 distinct users in one message. */
const MAX_MENTIONS = 10;

export interface Receiver {
  receiver: string;
  receiverType: ReceiverType;
}

export interface MessageDraft {
  category: 'message' | 'custom';
  type: string;
  data: Record<string, unknown>;
  tags: string[];
  muid?: string;
  /** The receivers; more than one (or `multiple`) when `multipleReceivers` was used. */
  receivers: Receiver[];
  multiple: boolean;
}

function fail(code: string, message: string): never {
  throw new EmuError(400, code, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a send body. `receiverOptional` lets threads default the receiver from the parent. */
export function readDraft(body: Record<string, unknown>, receiverOptional = false): MessageDraft {
  if (JSON.stringify(body).length > LIMITS.messageChars) {
    throw badRequest({
      data: [`The message may not be greater than ${LIMITS.messageChars} characters.`],
    });
  }
  const category = body.category ?? 'message';
  if (category !== 'message' && category !== 'custom') {
    fail('ERR_INVALID_MESSAGE_CATEGORY', 'The category must be message or custom.');
  }
  const rawType = body.type ?? (category === 'message' ? 'text' : undefined);
  if (typeof rawType !== 'string' || rawType === '') {
    fail('ERR_EMPTY_MESSAGE_TYPE', 'The type of a custom message is required.');
  }
  if (category === 'message' && !MESSAGE_TYPES.includes(rawType)) {
    fail('ERR_INVALID_MESSAGE_TYPE', `The type must be one of ${MESSAGE_TYPES.join(', ')}.`);
  }
  if (body.data !== undefined && !isObject(body.data)) {
    fail('ERR_INVALID_MESSAGE_DATA', 'The data must be an object.');
  }
  const data: Record<string, unknown> = { ...((body.data as Record<string, unknown>) ?? {}) }; // checked above
  if (data.metadata !== undefined && !isObject(data.metadata)) {
    fail('ERR_INVALID_METADATA', 'The data.metadata must be an object.');
  }
  if (category === 'custom') readCustom(data);
  else if (rawType === 'text') readText(data);
  else readMedia(data);
  const details: Record<string, string[]> = {};
  const tags = checkTags(body.tags, 'tags', details) ?? [];
  if (body.muid !== undefined && typeof body.muid !== 'string') {
    details.muid = ['The muid must be a string.'];
  }
  const receivers = readReceivers(body, details, receiverOptional);
  if (Object.keys(details).length > 0) throw badRequest(details);
  if (mentionedUids(data.text).length > MAX_MENTIONS) {
    throw badRequest({ data: [`A message may mention at most ${MAX_MENTIONS} users.`] });
  }
  return {
    category,
    type: rawType,
    data,
    tags,
    ...(typeof body.muid === 'string' ? { muid: body.muid } : {}),
    receivers: receivers.list,
    multiple: receivers.multiple,
  };
}

function readText(data: Record<string, unknown>): void {
  if (data.text === undefined || data.text === null || data.text === '') {
    fail('ERR_EMPTY_MESSAGE_TEXT', 'The data.text of a text message is required.');
  }
  if (typeof data.text !== 'string')
    fail('ERR_INVALID_MESSAGE_TEXT', 'The data.text must be a string.');
}

function readCustom(data: Record<string, unknown>): void {
  if (data.customData === undefined || data.customData === null) {
    fail('ERR_EMPTY_CUSTOM_DATA', 'The data.customData of a custom message is required.');
  }
  if (!isObject(data.customData)) {
    fail('ERR_INVALID_CUSTOM_DATA', 'The data.customData must be an object.');
  }
}

function readMedia(data: Record<string, unknown>): void {
  const attachments = data.attachments;
  if (attachments === undefined || attachments === null) {
    if (typeof data.url === 'string' && data.url !== '') return;
    fail('ERR_EMPTY_MESSAGE_FILE', 'A media message needs data.attachments (or data.url).');
  }
  if (
    !Array.isArray(attachments) ||
    attachments.length === 0 ||
    attachments.some((a) => !isObject(a) || typeof a.url !== 'string' || a.url === '')
  ) {
    fail('ERR_INVALID_MEDIA_MESSAGE', 'Each of data.attachments must be an object with a url.');
  }
  const first = attachments[0] as Record<string, unknown>; // checked non-empty objects above
  if (data.url === undefined) data.url = first.url;
}

function readReceivers(
  body: Record<string, unknown>,
  details: Record<string, string[]>,
  optional: boolean,
): { list: Receiver[]; multiple: boolean } {
  const list: Receiver[] = [];
  const multiple = body.multipleReceivers !== undefined && body.multipleReceivers !== null;
  if (multiple) {
    const value = body.multipleReceivers;
    if (!isObject(value)) {
      details.multipleReceivers = ['The multipleReceivers must be an object {uids, guids}.'];
    } else {
      for (const [key, receiverType] of [
        ['uids', 'user'],
        ['guids', 'group'],
      ] as const) {
        const ids = value[key];
        if (ids === undefined || ids === null) continue;
        if (!Array.isArray(ids)) {
          details[`multipleReceivers.${key}`] = [`The multipleReceivers.${key} must be an array.`];
          continue;
        }
        for (const id of ids) {
          const receiver = normaliseId(id, `multipleReceivers.${key}`, details);
          if (
            receiver !== '' &&
            !list.some((r) => r.receiver === receiver && r.receiverType === receiverType)
          ) {
            list.push({ receiver, receiverType });
          }
        }
      }
    }
  }
  if (body.receiver !== undefined && body.receiver !== null && body.receiver !== '') {
    const receiverType = body.receiverType;
    if (receiverType !== 'user' && receiverType !== 'group') {
      fail('ERR_INVALID_RECEIVER_TYPE', 'The receiverType must be user or group.');
    }
    const receiver = normaliseId(body.receiver, 'receiver', details);
    if (receiver !== '') list.push({ receiver, receiverType });
  } else if (!multiple && !optional) {
    fail('ERR_EMPTY_RECEIVER', 'The receiver field is required.');
  }
  if (multiple && list.length === 0 && Object.keys(details).length === 0) {
    fail('ERR_EMPTY_RECEIVER', 'The multipleReceivers must name at least one uid or guid.');
  }
  return { list, multiple };
}

/** Checks that `sender` may send to `to`; returns the conversation id. */
export function checkDelivery(ctx: EmulatorContext, sender: string, to: Receiver): string {
  const { store } = ctx;
  if (to.receiverType === 'user') {
    if (!store.activeUser(to.receiver)) throw uidNotFound(to.receiver);
    if (sender !== SYSTEM_UID) {
      if (store.isBlocked(sender, to.receiver)) {
        throw new EmuError(
          403,
          'ERR_BLOCKED_RECEIVER',
          `The user with UID ${sender} has blocked the user with UID ${to.receiver}.`,
        );
      }
      if (store.isBlocked(to.receiver, sender)) {
        throw new EmuError(
          403,
          'ERR_BLOCKED_SENDER',
          `The user with UID ${to.receiver} has blocked the user with UID ${sender}.`,
        );
      }
    }
    return conversationIdFor('user', sender, to.receiver);
  }
  if (!store.groups.has(to.receiver)) throw guidNotFound(to.receiver);
  if (sender !== SYSTEM_UID && !store.member(to.receiver, sender)) {
    throw notAMember(sender, to.receiver);
  }
  return conversationIdFor('group', sender, to.receiver);
}

/** Stores one message from `sender` to `to` and emits `message_sent` (and `user_mentioned`). */
export function deliver(
  ctx: EmulatorContext,
  sender: string,
  to: Receiver,
  draft: MessageDraft,
  parentId?: number,
): MessageRow {
  const conversationId = checkDelivery(ctx, sender, to);
  const now = ctx.store.now();
  const message = ctx.store.addMessage({
    ...(draft.muid !== undefined ? { muid: draft.muid } : {}),
    conversationId,
    sender,
    receiver: to.receiver,
    receiverType: to.receiverType,
    category: draft.category,
    type: draft.type,
    data: structuredClone(draft.data),
    tags: [...draft.tags],
    sentAt: now,
    updatedAt: now,
    ...(parentId !== undefined ? { parentId } : {}),
    replyCount: 0,
  });
  const payload = messagePayload(ctx.store, message);
  ctx.emit('message_sent', payload);
  if (mentionedUids(message.data.text).length > 0) ctx.emit('user_mentioned', payload);
  return message;
}
