/**
 * Messages, calls and reactions as validated records. CometChat nests the content under `data`
 * (text, attachments, customData, metadata, action) together with the rendered `entities`; records
 * flatten that and keep the entities as parsed records so loaders can be primed from them.
 */
import { z } from 'zod';
import type {
  AttachmentWire,
  MessageDataWire,
  MessageWire,
  ReactionSummaryWire,
  ReactionWire,
} from '../wire-extra.js';
import {
  count,
  epochSeconds,
  idString,
  isObject,
  jsonObject,
  optionalBoolean,
  optionalCount,
  optionalEpoch,
  optionalId,
  optionalObject,
  optionalString,
  parseNested,
  REFUSED,
  readCount,
  readEpochSeconds,
  readIdString,
  readOptionalBoolean,
  readOptionalCount,
  readOptionalEpoch,
  readOptionalId,
  readOptionalObject,
  readOptionalString,
  readTagList,
  tagList,
} from './common.js';
import { withFastReader } from './fast-path.js';
import { type GroupRecord, groupSchema, readGroup } from './groups.js';
import { readUser, type UserRecord, userSchema } from './users.js';
import { wireFields, wireShape } from './wire-check.js';

export type MessageCategory = 'message' | 'custom' | 'action' | 'call' | 'interactive';
export type ReceiverType = 'user' | 'group';

export interface AttachmentRecord {
  url: string;
  name: string | null;
  mimeType: string | null;
  extension: string | null;
  /** Bytes; CometChat's spec types it as a string, so numeric strings are accepted. */
  size: number | null;
}

export interface ReactionSummaryRecord {
  reaction: string;
  count: number;
  reactedByMe: boolean;
}

/** A call as embedded in call messages (`entityType: "call"`); `wsChannel` (with its secret) is dropped. */
export interface CallRecord {
  kind: 'call';
  sessionId: string;
  type: string;
  status: string | null;
  sender: string | null;
  receiver: string | null;
  receiverType: ReceiverType | null;
  conversationId: string | null;
  initiatedAt: Date | null;
  startedAt: Date | null;
  joinedAt: Date | null;
  endedAt: Date | null;
}

export interface MessageEntitiesRecord {
  sender: UserRecord | null;
  receiver: UserRecord | GroupRecord | null;
  /** Action messages: who acted. */
  by: UserRecord | null;
  /** Action messages: what was acted on (a member, an edited/deleted message, a call). */
  on: UserRecord | GroupRecord | MessageRecord | CallRecord | null;
  /** Action messages: where (the group, or the other user of a 1:1 conversation). */
  for: UserRecord | GroupRecord | null;
}

export interface MessageRecord {
  kind: 'message';
  id: string;
  muid: string | null;
  conversationId: string;
  sender: string;
  receiver: string;
  receiverType: ReceiverType;
  category: MessageCategory;
  type: string;
  text: string | null;
  attachments: AttachmentRecord[];
  customData: unknown;
  metadata: Record<string, unknown> | null;
  /** Action messages: `added`, `kicked`, `edited`, `deleted`, ...; call messages: `initiated`, ... */
  action: string | null;
  tags: string[];
  sentAt: Date;
  updatedAt: Date | null;
  editedAt: Date | null;
  editedBy: string | null;
  deletedAt: Date | null;
  deletedBy: string | null;
  parentId: string | null;
  replyCount: number | null;
  /** Pinned in its conversation: when, and by whom (`app_system` when the app pinned it). */
  pinnedAt: Date | null;
  pinnedBy: string | null;
  /** When the `onBehalfOf` user saved the message (saves are private); null when they did not. */
  savedAt: Date | null;
  /** Whether the `onBehalfOf` user follows the message's thread; null when CometChat did not say. */
  threadSubscribed: boolean | null;
  reactions: ReactionSummaryRecord[];
  mentions: { uid: string; name: string | null }[];
  /**
   * Embedded entities. Best effort: an entity CometChat renders partially (without the fields a
   * full record needs) is null here, so callers load it instead of trusting half a record.
   */
  entities: MessageEntitiesRecord;
  call: CallRecord | null;
  /** Interactive messages (forms, cards, schedulers). */
  interactiveData: Record<string, unknown> | null;
  interactionGoal: Record<string, unknown> | null;
  interactions: Record<string, unknown>[];
  allowSenderInteraction: boolean | null;
}

const attachmentSchema = z
  .object(
    wireShape<AttachmentWire>()({
      url: z.string(),
      name: optionalString,
      mimeType: optionalString,
      extension: optionalString,
      size: z
        .union([z.number(), z.string().regex(/^\d+$/)])
        .nullish()
        .transform((v) => (v === null || v === undefined ? null : Number(v))),
    }),
  )
  .transform((a): AttachmentRecord => a);

const reactionSummarySchema = z
  .object(
    wireShape<ReactionSummaryWire>()({
      reaction: z.string(),
      count: count,
      reactedByMe: optionalBoolean,
    }),
  )
  .transform((r): ReactionSummaryRecord => ({ ...r, reactedByMe: r.reactedByMe ?? false }));

export const callSchema: z.ZodType<CallRecord, unknown> = z
  .object({
    sessionId: z.string().optional(),
    sessionid: z.string().optional(),
    type: z.string(),
    status: optionalString,
    sender: optionalString,
    receiver: optionalString,
    receiverType: z.enum(['user', 'group']).nullish(),
    conversationId: optionalString,
    initiatedAt: optionalEpoch,
    startedAt: optionalEpoch,
    joinedAt: optionalEpoch,
    endedAt: optionalEpoch,
  })
  .refine((c) => (c.sessionId ?? c.sessionid) !== undefined, 'expected sessionId')
  .transform(
    (c): CallRecord => ({
      kind: 'call',
      sessionId: c.sessionId ?? c.sessionid ?? '',
      type: c.type,
      status: c.status,
      sender: c.sender,
      receiver: c.receiver,
      receiverType: c.receiverType ?? null,
      conversationId: c.conversationId,
      initiatedAt: c.initiatedAt,
      startedAt: c.startedAt,
      joinedAt: c.joinedAt,
      endedAt: c.endedAt,
    }),
  );

type EntityRecord = UserRecord | GroupRecord | MessageRecord | CallRecord;

/** `{entity, entityType}` -> record, or null when absent, unknown or only partially rendered. */
const entityWrapperSchema = z.object({ entity: z.unknown(), entityType: z.string() });

function readEntity(raw: unknown): EntityRecord | null {
  const wrapper = entityWrapperSchema.safeParse(raw);
  if (!wrapper.success) return null;
  const { entity, entityType } = wrapper.data;
  const schema: z.ZodType<EntityRecord, unknown> | undefined =
    entityType === 'user'
      ? userSchema
      : entityType === 'group'
        ? groupSchema
        : entityType === 'message'
          ? messageSchema
          : entityType === 'call'
            ? callSchema
            : undefined;
  if (!schema) return null;
  const parsed = schema.safeParse(entity);
  return parsed.success ? parsed.data : null;
}

function asUser(e: EntityRecord | null): UserRecord | null {
  return e?.kind === 'user' ? e : null;
}

function asUserOrGroup(e: EntityRecord | null): UserRecord | GroupRecord | null {
  return e?.kind === 'user' || e?.kind === 'group' ? e : null;
}

const mentionSchema = z.looseObject({ uid: z.string(), name: optionalString });

const messageDataSchema = z
  .looseObject(
    wireShape<MessageDataWire>()({
      text: optionalString,
      attachments: z.array(attachmentSchema).optional(),
      url: z.string().optional(),
      customData: z.unknown().optional(),
      metadata: optionalObject,
      action: optionalString,
      entities: z.record(z.string(), z.unknown()).optional(),
      reactions: z.array(reactionSummarySchema).optional(),
      mentions: z.record(z.string(), mentionSchema).optional(),
      interactiveData: optionalObject,
      interactionGoal: optionalObject,
      interactions: z.array(jsonObject).optional(),
      allowSenderInteraction: optionalBoolean,
    }),
  )
  .nullish()
  .transform((d) => d ?? undefined);

export const messageSchema: z.ZodType<MessageRecord, unknown> = z
  .object(
    wireShape<MessageWire>()({
      id: idString,
      muid: optionalString,
      conversationId: z.string().min(1),
      sender: z.string(),
      receiver: z.string(),
      receiverType: z.enum(['user', 'group']),
      category: z.enum(['message', 'custom', 'action', 'call', 'interactive']),
      type: z.string(),
      data: messageDataSchema,
      reactions: z.array(reactionSummarySchema).optional(),
      tags: tagList,
      sentAt: epochSeconds,
      updatedAt: optionalEpoch,
      editedAt: optionalEpoch,
      editedBy: optionalString,
      deletedAt: optionalEpoch,
      deletedBy: optionalString,
      parentId: optionalId,
      replyCount: optionalCount,
      pinnedAt: optionalEpoch,
      pinnedBy: optionalString,
      savedAt: optionalEpoch,
      threadSubscribed: optionalBoolean,
    }),
  )
  .transform((m): MessageRecord => {
    // A deleted message keeps its facts (who, when, where) but not its content: CometChat retains
    // soft-deleted messages, and their text or files must not reach anyone through the gateway.
    const data = m.deletedAt === null ? m.data : contentless(m.data);
    const entities = data?.entities ?? {};
    const on = readEntity(entities.on);
    // Media messages also carry the file as `data.url`; older ones have no attachments array.
    const attachments =
      data?.attachments ?? (data?.url !== undefined ? [attachmentFromUrl(data.url)] : []);
    return {
      kind: 'message',
      id: m.id,
      muid: m.muid,
      conversationId: m.conversationId,
      sender: m.sender,
      receiver: m.receiver,
      receiverType: m.receiverType,
      category: m.category,
      type: m.type,
      text: data?.text ?? null,
      attachments,
      customData: data?.customData ?? null,
      metadata: data?.metadata ?? null,
      action: data?.action ?? null,
      tags: m.tags,
      sentAt: m.sentAt,
      updatedAt: m.updatedAt,
      editedAt: m.editedAt,
      editedBy: m.editedBy,
      deletedAt: m.deletedAt,
      deletedBy: m.deletedBy,
      parentId: m.parentId,
      replyCount: m.replyCount,
      pinnedAt: m.pinnedAt,
      pinnedBy: m.pinnedAt === null ? null : m.pinnedBy,
      savedAt: m.savedAt,
      threadSubscribed: m.threadSubscribed,
      reactions: data?.reactions ?? m.reactions ?? [],
      mentions: Object.values(data?.mentions ?? {}).map((x) => ({ uid: x.uid, name: x.name })),
      entities: {
        sender: asUser(readEntity(entities.sender)),
        receiver: asUserOrGroup(readEntity(entities.receiver)),
        by: asUser(readEntity(entities.by)),
        on,
        for: asUserOrGroup(readEntity(entities.for)),
      },
      call: on?.kind === 'call' ? on : null,
      interactiveData: data?.interactiveData ?? null,
      interactionGoal: data?.interactionGoal ?? null,
      interactions: data?.interactions ?? [],
      allowSenderInteraction: data?.allowSenderInteraction ?? null,
    };
  });

function contentless(data: z.output<typeof messageDataSchema>): z.output<typeof messageDataSchema> {
  if (data === undefined) return undefined;
  const {
    attachments: _attachments,
    url: _url,
    customData: _customData,
    mentions: _m,
    ...rest
  } = data;
  return { ...rest, text: null, metadata: null, interactiveData: null };
}

// ---------------------------------------------------------------------------------------------
// The fast reader of messageSchema (see `fast-path.ts`): the same checks and the same record for
// the messages lists are made of; `undefined` for anything else (a deleted message among them),
// which the schema then reads or refuses itself.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** {@link readEntity} without zod for users and groups; other kinds go through their schemas. */
function readEntityFast(raw: unknown): EntityRecord | null {
  if (!isObject(raw)) return null;
  const { entity, entityType } = raw;
  if (entityType === 'user') return readUser(entity) ?? readEntity(raw);
  if (entityType === 'group') return readGroup(entity) ?? readEntity(raw);
  return readEntity(raw);
}

function readAttachments(raw: unknown): AttachmentRecord[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: AttachmentRecord[] = [];
  for (const item of raw) {
    const a = wireFields<AttachmentWire>(item);
    if (a === undefined || typeof a.url !== 'string') return undefined;
    const name = readOptionalString(a.name);
    const mimeType = readOptionalString(a.mimeType);
    const extension = readOptionalString(a.extension);
    const rawSize = a.size;
    let size: number | null;
    if (rawSize === null || rawSize === undefined) size = null;
    else if (typeof rawSize === 'number' && Number.isFinite(rawSize)) size = rawSize;
    else if (typeof rawSize === 'string' && /^\d+$/.test(rawSize)) size = Number(rawSize);
    else return undefined;
    if (name === REFUSED || mimeType === REFUSED || extension === REFUSED) return undefined;
    out.push({ url: a.url, name, mimeType, extension, size });
  }
  return out;
}

function readReactions(raw: unknown): ReactionSummaryRecord[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: ReactionSummaryRecord[] = [];
  for (const item of raw) {
    const r = wireFields<ReactionSummaryWire>(item);
    if (r === undefined || typeof r.reaction !== 'string') return undefined;
    const n = readCount(r.count);
    const reactedByMe = readOptionalBoolean(r.reactedByMe);
    if (n === REFUSED || reactedByMe === REFUSED) return undefined;
    out.push({ reaction: r.reaction, count: n, reactedByMe: reactedByMe ?? false });
  }
  return out;
}

function readMentions(raw: unknown): { uid: string; name: string | null }[] | undefined {
  if (!isPlainObject(raw)) return undefined;
  const out: { uid: string; name: string | null }[] = [];
  for (const key of Object.keys(raw)) {
    const m = raw[key];
    if (!isObject(m) || typeof m.uid !== 'string') return undefined;
    const name = readOptionalString(m.name);
    if (name === REFUSED) return undefined;
    out.push({ uid: m.uid, name });
  }
  return out;
}

function readInteractions(raw: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  for (const item of raw) if (!isObject(item)) return undefined;
  return raw.slice() as Record<string, unknown>[];
}

/** {@link messageSchema}'s fast reader. */
export function readMessage(value: unknown): MessageRecord | undefined {
  const raw = wireFields<MessageWire>(value);
  if (raw === undefined) return undefined;
  const { conversationId, sender, receiver, receiverType, category, type } = raw;
  if (
    typeof conversationId !== 'string' ||
    conversationId.length < 1 ||
    typeof sender !== 'string' ||
    typeof receiver !== 'string' ||
    (receiverType !== 'user' && receiverType !== 'group') ||
    (category !== 'message' &&
      category !== 'custom' &&
      category !== 'action' &&
      category !== 'call' &&
      category !== 'interactive') ||
    typeof type !== 'string'
  )
    return undefined;
  const id = readIdString(raw.id);
  const muid = readOptionalString(raw.muid);
  const tags = readTagList(raw.tags);
  const sentAt = readEpochSeconds(raw.sentAt);
  const updatedAt = readOptionalEpoch(raw.updatedAt);
  const editedAt = readOptionalEpoch(raw.editedAt);
  const editedBy = readOptionalString(raw.editedBy);
  const deletedAt = readOptionalEpoch(raw.deletedAt);
  const deletedBy = readOptionalString(raw.deletedBy);
  const parentId = readOptionalId(raw.parentId);
  const replyCount = readOptionalCount(raw.replyCount);
  const pinnedAt = readOptionalEpoch(raw.pinnedAt);
  const pinnedBy = readOptionalString(raw.pinnedBy);
  const savedAt = readOptionalEpoch(raw.savedAt);
  const threadSubscribed = readOptionalBoolean(raw.threadSubscribed);
  if (
    id === REFUSED ||
    muid === REFUSED ||
    tags === REFUSED ||
    sentAt === REFUSED ||
    updatedAt === REFUSED ||
    editedAt === REFUSED ||
    editedBy === REFUSED ||
    deletedAt === REFUSED ||
    // A deleted message loses its content: left to the schema.
    deletedAt !== null ||
    deletedBy === REFUSED ||
    parentId === REFUSED ||
    replyCount === REFUSED ||
    pinnedAt === REFUSED ||
    pinnedBy === REFUSED ||
    savedAt === REFUSED ||
    threadSubscribed === REFUSED
  )
    return undefined;
  let topReactions: ReactionSummaryRecord[] | undefined;
  if (raw.reactions !== undefined) {
    topReactions = readReactions(raw.reactions);
    if (topReactions === undefined) return undefined;
  }

  let text: string | null = null;
  let attachments: AttachmentRecord[] = [];
  let customData: unknown = null;
  let metadata: Record<string, unknown> | null = null;
  let action: string | null = null;
  let reactions: ReactionSummaryRecord[] | undefined;
  let mentions: { uid: string; name: string | null }[] = [];
  let interactiveData: Record<string, unknown> | null = null;
  let interactionGoal: Record<string, unknown> | null = null;
  let interactions: Record<string, unknown>[] = [];
  let allowSenderInteraction: boolean | null = null;
  let entities: Record<string, unknown> = {};
  if (raw.data !== null && raw.data !== undefined) {
    const data = wireFields<MessageDataWire>(raw.data);
    if (data === undefined) return undefined;
    const t = readOptionalString(data.text);
    const md = readOptionalObject(data.metadata);
    const ac = readOptionalString(data.action);
    const idata = readOptionalObject(data.interactiveData);
    const goal = readOptionalObject(data.interactionGoal);
    const allow = readOptionalBoolean(data.allowSenderInteraction);
    if (
      t === REFUSED ||
      md === REFUSED ||
      ac === REFUSED ||
      idata === REFUSED ||
      goal === REFUSED ||
      allow === REFUSED
    )
      return undefined;
    text = t;
    metadata = md;
    action = ac;
    interactiveData = idata;
    interactionGoal = goal;
    allowSenderInteraction = allow;
    const url = data.url;
    if (url !== undefined && typeof url !== 'string') return undefined;
    if (data.attachments !== undefined) {
      const list = readAttachments(data.attachments);
      if (list === undefined) return undefined;
      attachments = list;
    } else if (url !== undefined) {
      attachments = [attachmentFromUrl(url)];
    }
    if (data.customData !== undefined) customData = data.customData ?? null;
    if (data.entities !== undefined) {
      if (!isPlainObject(data.entities)) return undefined;
      entities = data.entities;
    }
    if (data.reactions !== undefined) {
      reactions = readReactions(data.reactions);
      if (reactions === undefined) return undefined;
    }
    if (data.mentions !== undefined) {
      const list = readMentions(data.mentions);
      if (list === undefined) return undefined;
      mentions = list;
    }
    if (data.interactions !== undefined) {
      const list = readInteractions(data.interactions);
      if (list === undefined) return undefined;
      interactions = list;
    }
  }
  const on = readEntityFast(entities.on);
  return {
    kind: 'message',
    id,
    muid,
    conversationId,
    sender,
    receiver,
    receiverType,
    category,
    type,
    text,
    attachments,
    customData,
    metadata,
    action,
    tags,
    sentAt,
    updatedAt,
    editedAt,
    editedBy,
    deletedAt,
    deletedBy,
    parentId,
    replyCount,
    pinnedAt,
    pinnedBy: pinnedAt === null ? null : pinnedBy,
    savedAt,
    threadSubscribed,
    reactions: reactions ?? topReactions ?? [],
    mentions,
    entities: {
      sender: asUser(readEntityFast(entities.sender)),
      receiver: asUserOrGroup(readEntityFast(entities.receiver)),
      by: asUser(readEntityFast(entities.by)),
      on,
      for: asUserOrGroup(readEntityFast(entities.for)),
    },
    call: on?.kind === 'call' ? on : null,
    interactiveData,
    interactionGoal,
    interactions,
    allowSenderInteraction,
  };
}

withFastReader(messageSchema, readMessage);

function attachmentFromUrl(url: string): AttachmentRecord {
  return { url, name: null, mimeType: null, extension: null, size: null };
}

export interface EditedMessageRecord {
  /** The message as it is after the edit (the action message's `on` entity). */
  message: MessageRecord;
  /** The `edited` action message CometChat created for the edit. */
  action: MessageRecord;
}

/**
 * The edit answer: an action message (`category: action`, `data.action: edited`) whose
 * `data.entities.on.entity` is the edited message. The inner message is required here, unlike in
 * {@link messageSchema} where entities are best effort.
 */
export const editedMessageSchema: z.ZodType<EditedMessageRecord, unknown> = z
  .object({
    data: z.looseObject({
      data: z.looseObject({
        entities: z.looseObject({
          on: z.looseObject({ entity: z.unknown(), entityType: z.literal('message') }),
        }),
      }),
    }),
  })
  .transform((v, ctx): EditedMessageRecord => {
    const action = parseNested(messageSchema, v.data, ctx, ['data']);
    const message = parseNested(messageSchema, v.data.data.entities.on.entity, ctx, [
      'data',
      'data',
      'entities',
      'on',
      'entity',
    ]);
    return action && message ? { message, action } : z.NEVER;
  });

export interface ReactionRecord {
  id: string;
  messageId: string;
  reaction: string;
  uid: string;
  reactedAt: Date;
  /** The reacting user, when CometChat embeds enough of it to make a full record. */
  reactedBy: UserRecord | null;
}

export const reactionSchema: z.ZodType<ReactionRecord, unknown> = z
  .object(
    wireShape<ReactionWire>()({
      id: idString,
      messageId: idString,
      reaction: z.string(),
      uid: z.string(),
      reactedAt: epochSeconds,
      reactedBy: z.unknown().optional(),
    }),
  )
  .transform((r): ReactionRecord => {
    const user = userSchema.safeParse(r.reactedBy);
    return { ...r, reactedBy: user.success ? user.data : null };
  });
