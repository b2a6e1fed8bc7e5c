/**
 * Message mutations: send (text, media by URL, custom; to one or several receivers), reply in a
 * thread, edit and delete. Everything CometChat would refuse for its shape (size, required text
 * or attachments, tags, ids) is refused here first, so a bad input never costs an upstream call.
 * Also the helpers the reaction and conversation mutations share: who a change acts as, and
 * message ids given either way.
 */
import '../mutation.js';
import { wrapOrThrow } from '@pothos/plugin-errors';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { type GatewayContext, upstreamOptions } from '../../context.js';
import { isMessageId } from '../../loaders/messages.js';
import { primeMessage } from '../../loaders/prime.js';
import type { CallOptions } from '../../upstream/client.js';
import { errorKindFor, isUpstreamError } from '../../upstream/errors.js';
import {
  type AttachmentInput,
  deleteMessage,
  editMessage,
  type MessageContentInput,
  type SendToManyRecord,
  sendMessage,
  sendMessageToMany,
  sendThreadReply,
} from '../../upstream/messages.js';
import type { BulkOutcomeItem, MessageRecord } from '../../upstream/records.js';
import {
  ConflictFailure,
  MUTATION_ERRORS,
  NotAppliedFailure,
  NotFoundFailure,
  PermissionDeniedFailure,
  UserError,
  ValidationFailure,
} from '../errors.js';
import { idSchema, LIMITS, tagsSchema, urlSchema } from '../limits.js';
import {
  MESSAGE_TYPE_NAMES,
  type MessageTypeName,
  messageTypeName,
  orClientError,
} from '../message/common.js';
import { MediaType } from '../message/interface.js';
import { mutationFailure, rejectField, runMutation, validateInput } from '../mutation-support.js';
import { cursorListEdge, type Edge } from '../pagination.js';
import { MessageRef } from '../refs.js';

// ---------------------------------------------------------------------------------------------
// Shared by the message, reaction and conversation mutations

/** Most receivers one send may name; CometChat sets none, this bounds one call's fan-out. */
export const MAX_RECEIVERS = 25;
/** Characters of a reaction, as CometChat accepts them. */
export const MAX_REACTION_LENGTH = 45;

/**
 * The `MessageEdge` type MessageConnection registers. Its ref is not exported, so this ref is
 * bound to the type by name: a payload's edge is then the very type a client's connection uses.
 */
export const MessageEdgeRef = builder.objectRef<Edge<MessageRecord>>('MessageEdge');
builder.configStore.associateParamWithRef(MessageEdgeRef, 'MessageEdge');

/** The CometChat id inside a message's global ID, or the value itself when it is not one. */
function rawMessageId(value: string): string {
  if (/^\d+$/.test(value)) return value;
  try {
    const { typename, id } = decodeGlobalID(value);
    if (MESSAGE_TYPE_NAMES.includes(typename as MessageTypeName)) return id; // checked by includes
  } catch {
    // Not a global ID: the check below rejects it.
  }
  return value;
}

/** A message named by its CometChat id (`cometchatId`) or its global ID; yields the CometChat id. */
export const messageIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .transform(rawMessageId)
  .refine(isMessageId, {
    message: "must be a message's CometChat id (`cometchatId`, e.g. `42`) or its global ID",
  });

/**
 * The upstream options for a change made as `uid`. A user caller always acts as themselves
 * (naming anyone else is a PermissionDeniedError); an admin acts as `uid` when given, and must
 * give one where CometChat only acts as a user (`required`); otherwise as the app.
 */
export function actingAs(
  context: GatewayContext,
  uid: string | null | undefined,
  field: string,
  required: boolean,
): CallOptions {
  const { caller } = context;
  if (caller.kind === 'user') {
    if (uid && uid !== caller.uid) {
      throw new PermissionDeniedFailure(
        `${field}: a user caller acts only as themselves; leave it out or pass your own uid.`,
        ['input', field],
      );
    }
    return { onBehalfOf: caller.uid, signal: context.signal };
  }
  if (uid) return { onBehalfOf: uid, signal: context.signal };
  if (required) {
    rejectField([field], 'is required for admin callers: the user CometChat acts as');
  }
  return upstreamOptions(context);
}

/** An input field that names an id, so a refusal that quotes the id can point at that field. */
export interface IdField {
  id: string;
  path: string[];
}

/** The field a refusal is about: the first named id CometChat's message quotes, else `fallback`. */
function pathOf(error: unknown, ids: readonly IdField[], fallback: string[]): string[] {
  if (!isUpstreamError(error)) return fallback;
  // Only CometChat's own words count: the request path in front may hold other ids.
  const prefix = `CometChat ${error.method} ${error.path}: `;
  const own = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  // Ids are alpha-dash, so a quoted one is a whole word between other characters.
  const words = new Set(own.toLowerCase().split(/[^a-z0-9_-]+/));
  const quoted = ids.find(({ id }) => words.has(id.toLowerCase()));
  return quoted ? quoted.path : fallback;
}

export interface WriteOptions {
  /** Ids CometChat's refusal may quote, with the input fields that gave them (first match wins). */
  ids?: readonly IdField[];
  /** Where a refusal points when it quotes none of `ids`. */
  fallback?: string[];
  /** Where a refusal with one of these CometChat codes points, whatever it quotes. */
  byCode?: Record<string, string[]>;
  /** CometChat's per-field complaint keys onto input fields. */
  fieldMap?: Record<string, string[]>;
}

/**
 * Runs one upstream write through `runMutation` (exactly once, typed refusals, fresh loaders
 * afterwards), pointing a refusal at the input field it is about.
 */
export function writeOnce<T>(
  context: GatewayContext,
  call: () => Promise<T>,
  options: WriteOptions,
): Promise<T> {
  const fallback = options.fallback ?? [];
  return runMutation(context, async () => {
    try {
      return await call();
    } catch (error) {
      const byCode =
        isUpstreamError(error) && error.code ? options.byCode?.[error.code] : undefined;
      throw mutationFailure(error, {
        targetPath: byCode ?? pathOf(error, options.ids ?? [], fallback),
        ...(options.fieldMap ? { fieldMap: options.fieldMap } : {}),
      });
    }
  });
}

/** The edge of `message` in its conversation's message list, read as the caller reads it. */
function conversationEdge(context: GatewayContext, message: MessageRecord): Edge<MessageRecord> {
  // The same key `messages(conversationId:)`, `Group.messages` and (for user callers)
  // `Conversation.messages` use when no filter is given, so the cursor pages on in those lists.
  const as = context.caller.kind === 'user' ? context.caller.uid : null;
  return cursorListEdge(message, {
    key: `messages:${JSON.stringify({ query: { conversationId: message.conversationId }, as })}`,
    idOf: (item) => item.id,
  });
}

/** The edge of a thread reply in its parent's `replies` list. */
function replyEdge(parentId: string, reply: MessageRecord): Edge<MessageRecord> {
  return cursorListEdge(reply, { key: `replies:${parentId}`, idOf: (item) => item.id });
}

/** Makes the request's loaders serve `message` as just returned (it was rendered for `as`). */
function remember(context: GatewayContext, message: MessageRecord, options: CallOptions): void {
  primeMessage(context, message, options.onBehalfOf ?? null);
}

// ---------------------------------------------------------------------------------------------
// Content: text, media or custom

const attachmentSchema = z.object({
  url: urlSchema,
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .nullish(),
  mimeType: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as `image/png`')
    .nullish(),
  size: z.number().int('must be a whole number').min(0, 'must not be negative').nullish(),
});

const jsonObjectSchema = z.record(z.string(), z.unknown());

const contentShape = {
  text: z.string().nullish(),
  mediaType: z.enum(['image', 'video', 'audio', 'file']).nullish(),
  attachments: z.array(attachmentSchema).nullish(),
  customType: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .nullish(),
  customData: jsonObjectSchema.nullish(),
  metadata: jsonObjectSchema.nullish(),
  tags: tagsSchema.nullish(),
  muid: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .nullish(),
};

type ContentValues = z.infer<z.ZodObject<typeof contentShape>>;

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** Which kind of message the content fields describe, and what is missing or contradictory. */
function checkContent(value: ContentValues, ctx: z.RefinementCtx): void {
  const issue = (field: keyof ContentValues, message: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message });
  const custom = value.customType != null || value.customData != null;
  const media = value.mediaType != null || value.attachments != null;
  if (custom) {
    if (value.customType == null) issue('customType', 'is required for a custom message');
    if (value.customData == null) issue('customData', 'is required for a custom message');
    if (media) {
      issue(
        value.mediaType != null ? 'mediaType' : 'attachments',
        'a custom message carries `customData`, not files',
      );
    }
    if (value.text != null) issue('text', 'a custom message carries `customData`, not text');
    return;
  }
  if (media) {
    if (value.mediaType == null) issue('mediaType', 'is required with `attachments`');
    if (!value.attachments || value.attachments.length === 0) {
      issue('attachments', 'a media message needs at least one attachment');
    }
    if (value.text != null && isBlank(value.text)) {
      issue('text', 'a caption must not be blank; leave it out instead');
    }
    return;
  }
  if (isBlank(value.text)) {
    issue(
      'text',
      'is required for a text message (or send `mediaType` + `attachments`, or `customType` + `customData`)',
    );
  }
}

function extensionOf(name: string | null | undefined): string | undefined {
  const match = name ? /\.([A-Za-z0-9]{1,10})$/.exec(name) : null;
  return match?.[1]?.toLowerCase();
}

/** The CometChat `category`/`type`/`data` (plus muid and tags) for checked content. */
function contentOf(value: ContentValues): MessageContentInput {
  const metadata = value.metadata ?? undefined;
  const common = {
    ...(value.muid ? { muid: value.muid } : {}),
    ...(value.tags ? { tags: value.tags } : {}),
  };
  if (value.customType && value.customData) {
    return {
      category: 'custom',
      type: value.customType,
      data: { customData: value.customData, metadata },
      ...common,
    };
  }
  if (value.mediaType && value.attachments) {
    const attachments = value.attachments.map(
      (a): AttachmentInput => ({
        url: a.url,
        name: a.name ?? undefined,
        mimeType: a.mimeType ?? undefined,
        extension: extensionOf(a.name),
        size: a.size ?? undefined,
      }),
    );
    return {
      category: 'message',
      type: value.mediaType,
      data: { attachments, text: value.text ?? undefined, metadata },
      ...common,
    };
  }
  return {
    category: 'message',
    type: 'text',
    data: { text: value.text ?? '', metadata },
    ...common,
  };
}

/**
 * CometChat's 65,536-character limit on a message, metadata included, measured on the JSON that
 * would be sent. The violation points at the largest part.
 */
function checkSize(body: unknown, parts: Record<string, unknown>): void {
  const size = JSON.stringify(body).length;
  if (size <= LIMITS.messageChars) return;
  let largest = 'text';
  let largestSize = -1;
  for (const [field, value] of Object.entries(parts)) {
    const partSize = value === undefined || value === null ? 0 : JSON.stringify(value).length;
    if (partSize > largestSize) {
      largest = field;
      largestSize = partSize;
    }
  }
  rejectField(
    [largest],
    `the message would be ${size} characters as CometChat counts them (text, files, data, metadata and tags); at most ${LIMITS.messageChars} are allowed`,
  );
}

/** CometChat's per-field complaints about a message body, onto input fields. */
const CONTENT_FIELD_MAP: Record<string, string[]> = {
  data: ['text'],
  'data.text': ['text'],
  'data.metadata': ['metadata'],
  'data.customData': ['customData'],
  'data.attachments': ['attachments'],
  receiver: ['receiverUids'],
  'multipleReceivers.uids': ['receiverUids'],
  'multipleReceivers.guids': ['receiverGuids'],
};

// ---------------------------------------------------------------------------------------------
// GraphQL input types shared by send and reply

const MessageAttachmentInput = builder.inputType('MessageAttachmentInput', {
  description:
    'A file to attach by URL (CometChat does not receive the file itself, only where it is).',
  fields: (t) => ({
    url: t.string({
      required: true,
      description: 'Where the file can be downloaded: an http(s) URL of at most 3,000 characters.',
    }),
    name: t.string({
      description:
        'The file name shown to receivers (at most 255 characters); its extension, if any, is sent as the extension.',
    }),
    mimeType: t.string({ description: 'The MIME type, e.g. `image/png`.' }),
    size: t.int({ description: 'The size in bytes.' }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
/** The field builder of an input type, for field sets several input types share. */
export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

function contentFields(t: InputFieldBuilder) {
  return {
    text: t.string({
      description:
        'The text of a text message (required there), or the caption of a media message. Mentions are written `<@uid:UID>`.',
    }),
    mediaType: t.field({
      type: MediaType,
      description: 'Makes this a media message of this kind; needs `attachments`.',
    }),
    attachments: t.field({
      type: [MessageAttachmentInput],
      description: 'The files of a media message (at least one; usually one).',
    }),
    customType: t.string({
      description:
        'Makes this a custom message of this app-defined type (e.g. `location`; at most 100 characters); needs `customData`.',
    }),
    customData: t.field({
      type: 'JSONObject',
      description: 'The JSON data of a custom message.',
    }),
    metadata: t.field({
      type: 'JSONObject',
      description:
        'Free-form JSON attached to the message. It counts towards the 65,536-character limit of a message.',
    }),
    tags: t.stringList({
      description: 'Labels for the message: at most 25, each 1 to 100 characters.',
    }),
    muid: t.string({
      description:
        'An id of your choosing (at most 100 characters), echoed back as `muid` so a client can recognise its own message when it arrives through another channel.',
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// messageSend

type Failure =
  | ValidationFailure
  | NotFoundFailure
  | ConflictFailure
  | PermissionDeniedFailure
  | NotAppliedFailure;

/** Every error a send can end in: the shared ones, and a receiver CometChat skipped. */
const SEND_ERRORS = [...MUTATION_ERRORS, NotAppliedFailure];

/** A failure of the kind CometChat's code names, for per-item outcomes (nothing is thrown). */
function failureFor(code: string | null, message: string, path: string[]): Failure {
  switch (errorKindFor(undefined, code ?? undefined)) {
    case 'not_found':
      return new NotFoundFailure(message, path, code);
    case 'conflict':
      return new ConflictFailure(message, path, code);
    case 'forbidden':
      return new PermissionDeniedFailure(message, path, code);
    case 'invalid':
      return new ValidationFailure(message, path, code, [{ path, message }]);
    default:
      return new NotAppliedFailure(message, path, code);
  }
}

/** The same failure with another message (class, path and code kept). */
function withMessage(failure: Failure, message: string): Failure {
  const path = [...failure.path];
  if (failure instanceof NotFoundFailure) return new NotFoundFailure(message, path, failure.code);
  if (failure instanceof ConflictFailure) return new ConflictFailure(message, path, failure.code);
  if (failure instanceof PermissionDeniedFailure) {
    return new PermissionDeniedFailure(message, path, failure.code);
  }
  if (failure instanceof NotAppliedFailure) {
    return new NotAppliedFailure(message, path, failure.code);
  }
  return new ValidationFailure(message, path, failure.code, failure.violations);
}

/**
 * A per-item failure as a field value. GraphQL treats a returned Error as a field failure, so it
 * is handed over the way the errors plugin hands over a caught one: branded with its type.
 */
function asErrorValue(error: Failure | null): Failure | null {
  if (error === null) return null;
  return wrapOrThrow(error, SEND_ERRORS) as Failure; // a branded proxy of the same error
}

interface SendOutcome {
  uid: string | null;
  guid: string | null;
  message: MessageRecord | null;
  edge: Edge<MessageRecord> | null;
  error: Failure | null;
}

interface SendPayload {
  message: MessageRecord;
  edge: Edge<MessageRecord>;
  outcomes: SendOutcome[];
}

const MessageSendOutcome = builder.objectRef<SendOutcome>('MessageSendOutcome').implement({
  description:
    'What happened for one receiver of a send: the message that receiver got, or why it got none.',
  fields: (t) => ({
    uid: t.exposeString('uid', {
      nullable: true,
      description: 'The receiving user (from `receiverUids`); null when the receiver is a group.',
    }),
    guid: t.exposeString('guid', {
      nullable: true,
      description: 'The receiving group (from `receiverGuids`); null when the receiver is a user.',
    }),
    ok: t.boolean({
      description: 'Whether this receiver got the message.',
      resolve: (outcome) => outcome.error === null,
    }),
    sentMessage: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The message this receiver got (each receiver gets its own copy with its own id); null when it failed.',
      resolve: (outcome) => outcome.message,
    }),
    messageEdge: t.field({
      type: MessageEdgeRef,
      nullable: true,
      description:
        "That message's edge in its conversation's message list (see `MessageSendPayload.messageEdge`); null when it failed.",
      resolve: (outcome) => outcome.edge,
    }),
    error: t.field({
      type: UserError,
      nullable: true,
      description:
        'Why this receiver got no message (its `path` names the receiver in the input); null when it did.',
      resolve: (outcome) => asErrorValue(outcome.error),
    }),
  }),
});

const MessageSendPayload = builder.objectRef<SendPayload>('MessageSendPayload').implement({
  description: 'The message that was sent, ready to show and to insert into a message list.',
  fields: (t) => ({
    sentMessage: t.field({
      type: MessageRef,
      description:
        'The message as CometChat stored it, with its id, `sentAt` and the `muid` you gave. With several receivers: the copy of the first receiver that got it (all copies are in `outcomes`).',
      resolve: (payload) => payload.message,
    }),
    messageEdge: t.field({
      type: MessageEdgeRef,
      description:
        "The message's edge in its conversation's message list as the caller reads it without filters (`messages(conversationId:)` and `Group.messages`; for a user caller also `Conversation.messages`): append it there, and page on from its cursor.",
      resolve: (payload) => payload.edge,
    }),
    outcomes: t.field({
      type: [MessageSendOutcome],
      description:
        'One outcome per receiver, users first then groups, in input order (duplicates removed). With a single receiver, that one succeeded.',
      resolve: (payload) => payload.outcomes,
    }),
  }),
});

const MessageSendInput = builder.inputType('MessageSendInput', {
  description:
    'A message to send: to whom (`receiverUids` and/or `receiverGuids`, at least one), as whom (`senderUid`), and its content. The content makes the kind: `text` alone a text message; `mediaType` + `attachments` (+ optional `text` as caption) a media message; `customType` + `customData` a custom message.',
  fields: (t) => ({
    receiverUids: t.stringList({
      description:
        'Users to send the message to (1:1), by uid. With more than one receiver in total, each gets its own copy and `outcomes` says how each went. At most 25 receivers in total.',
    }),
    receiverGuids: t.stringList({
      description: 'Groups to send the message to, by guid (the sender must be a member).',
    }),
    senderUid: t.string({
      description:
        'Admin callers: send as this user. Left out, the app itself sends it (CometChat shows no user as sender). A user caller always sends as themselves and may leave it out.',
    }),
    ...contentFields(t),
  }),
});

const sendSchema = z
  .object({
    receiverUids: z.array(idSchema).nullish(),
    receiverGuids: z.array(idSchema).nullish(),
    senderUid: idSchema.nullish(),
    ...contentShape,
  })
  .superRefine((value, ctx) => {
    const total = (value.receiverUids?.length ?? 0) + (value.receiverGuids?.length ?? 0);
    if (total === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['receiverUids'],
        message:
          'name at least one receiver: a user in `receiverUids` or a group in `receiverGuids`',
      });
    }
    if (total > MAX_RECEIVERS) {
      ctx.addIssue({
        code: 'custom',
        path: [(value.receiverUids?.length ?? 0) > 0 ? 'receiverUids' : 'receiverGuids'],
        message: `at most ${MAX_RECEIVERS} receivers in total per send`,
      });
    }
    checkContent(value, ctx);
  });

interface Receiver {
  type: 'user' | 'group';
  id: string;
  path: string[];
}

function receiversOf(uids: readonly string[], guids: readonly string[]): Receiver[] {
  const seen = new Set<string>();
  const out: Receiver[] = [];
  const add = (type: 'user' | 'group', ids: readonly string[], field: string) => {
    ids.forEach((id, index) => {
      if (seen.has(`${type}:${id}`)) return;
      seen.add(`${type}:${id}`);
      out.push({ type, id, path: [field, String(index)] });
    });
  };
  add('user', uids, 'receiverUids');
  add('group', guids, 'receiverGuids');
  return out;
}

function sizeParts(content: MessageContentInput): Record<string, unknown> {
  return {
    text: content.data.text,
    attachments: content.data.attachments,
    customData: content.data.customData,
    metadata: content.data.metadata,
    tags: content.tags,
  };
}

function outcomeOf(
  context: GatewayContext,
  receiver: Receiver,
  item: BulkOutcomeItem<MessageRecord> | undefined,
): SendOutcome {
  const base = {
    uid: receiver.type === 'user' ? receiver.id : null,
    guid: receiver.type === 'group' ? receiver.id : null,
  };
  const path = ['input', ...receiver.path];
  if (item?.success && item.data) {
    return { ...base, message: item.data, edge: conversationEdge(context, item.data), error: null };
  }
  const error = item
    ? failureFor(item.code, item.message ?? 'CometChat did not send the message here.', path)
    : new NotAppliedFailure(
        'CometChat reported no outcome for this receiver; check the conversation before sending again.',
        path,
        null,
      );
  return { ...base, message: null, edge: null, error };
}

async function sendToMany(
  context: GatewayContext,
  receivers: Receiver[],
  content: MessageContentInput,
  options: CallOptions,
  actor: IdField[],
): Promise<SendPayload> {
  const uids = receivers.filter((r) => r.type === 'user').map((r) => r.id);
  const guids = receivers.filter((r) => r.type === 'group').map((r) => r.id);
  const body = { ...content, multipleReceivers: { uids, guids } };
  checkSize(body, sizeParts(content));
  const result: SendToManyRecord = await writeOnce(
    context,
    () => sendMessageToMany(context.upstream, body, options),
    { ids: actor, fieldMap: CONTENT_FIELD_MAP },
  );
  const outcomes = receivers.map((receiver) =>
    outcomeOf(
      context,
      receiver,
      (receiver.type === 'user' ? result.users : result.groups)[receiver.id],
    ),
  );
  const first = outcomes.find((outcome) => outcome.message !== null);
  if (!first?.message || !first.edge) {
    const reasons = outcomes
      .map((o) => `${(o.error?.path ?? []).slice(1).join('.')}: ${o.error?.message ?? ''}`)
      .join('; ');
    const firstError = outcomes[0]?.error;
    throw firstError
      ? withMessage(firstError, `No receiver got the message. ${reasons}`)
      : new ValidationFailure('No receiver got the message.', ['input'], null, []);
  }
  for (const outcome of outcomes) if (outcome.message) remember(context, outcome.message, options);
  return { message: first.message, edge: first.edge, outcomes };
}

builder.mutationFields((t) => ({
  messageSend: t.field({
    type: MessageSendPayload,
    description:
      "Sends a text, media or custom message to a user or a group, or to several at once (one copy each, with an outcome per receiver). Sent exactly once: never retried, so a lost answer is `UPSTREAM_OUTCOME_UNKNOWN` (look for your `muid` before sending again). If no receiver got it, the result is the first receiver's error.",
    nullable: true,
    errors: {
      types: SEND_ERRORS,
      union: { description: 'The sent message, or why nothing was sent.' },
    },
    args: {
      input: t.arg({
        type: MessageSendInput,
        required: true,
        description: 'The receivers, the sender and the content.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = validateInput(sendSchema, input);
      const options = actingAs(context, value.senderUid, 'senderUid', false);
      const content = contentOf(value);
      const receivers = receiversOf(value.receiverUids ?? [], value.receiverGuids ?? []);
      const actor: IdField[] = options.onBehalfOf
        ? [{ id: options.onBehalfOf, path: ['senderUid'] }]
        : [];
      const only = receivers[0];
      if (receivers.length !== 1 || !only) {
        return sendToMany(context, receivers, content, options, actor);
      }
      const body = { ...content, receiver: only.id, receiverType: only.type };
      checkSize(body, sizeParts(content));
      const message = await writeOnce(context, () => sendMessage(context.upstream, body, options), {
        ids: [{ id: only.id, path: only.path }, ...actor],
        fallback: only.path,
        fieldMap: CONTENT_FIELD_MAP,
      });
      remember(context, message, options);
      const edge = conversationEdge(context, message);
      return {
        message,
        edge,
        outcomes: [
          {
            uid: only.type === 'user' ? only.id : null,
            guid: only.type === 'group' ? only.id : null,
            message,
            edge,
            error: null,
          },
        ],
      };
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// messageReply

interface ReplyPayload {
  message: MessageRecord;
  edge: Edge<MessageRecord>;
  parentId: string;
}

const MessageReplyPayload = builder.objectRef<ReplyPayload>('MessageReplyPayload').implement({
  description: 'The reply that was posted, and its thread.',
  fields: (t) => ({
    reply: t.field({
      type: MessageRef,
      description:
        'The reply as CometChat stored it, with the `muid` you gave (its `parent` is the message replied to).',
      resolve: (payload) => payload.message,
    }),
    replyEdge: t.field({
      type: MessageEdgeRef,
      description: "The reply's edge in its parent's `replies` list: append it there.",
      resolve: (payload) => payload.edge,
    }),
    parent: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The message replied to, read after the reply (its `replyCount` includes it). Null when the caller can no longer see it.',
      resolve: (payload, _args, context) =>
        orClientError(context.loaders.messages.load(payload.parentId)),
    }),
  }),
});

const MessageReplyInput = builder.inputType('MessageReplyInput', {
  description:
    "A reply in a message's thread: the message replied to, who replies, and the content (text, media or custom, as for `messageSend`). The reply goes to the parent's conversation.",
  fields: (t) => ({
    parentMessageId: t.string({
      required: true,
      description:
        'The message to reply to: its CometChat id (`cometchatId`) or its global ID. Threads do not nest: it must not be a reply itself.',
    }),
    senderUid: t.string({
      description:
        'Admin callers (required there): reply as this user, who must take part in the conversation. A user caller always replies as themselves.',
    }),
    ...contentFields(t),
  }),
});

const replySchema = z
  .object({
    parentMessageId: messageIdSchema,
    senderUid: idSchema.nullish(),
    ...contentShape,
  })
  .superRefine((value, ctx) => checkContent(value, ctx));

// ---------------------------------------------------------------------------------------------
// messageEdit

interface EditPayload {
  message: MessageRecord;
}

const MessageEditPayload = builder.objectRef<EditPayload>('MessageEditPayload').implement({
  description: 'The message after the edit.',
  fields: (t) => ({
    editedMessage: t.field({
      type: MessageRef,
      description:
        'The edited message itself (not the "edited" notice CometChat also records), with `editedAt` and `editedBy` set.',
      resolve: (payload) => payload.message,
    }),
  }),
});

const MessageEditInput = builder.inputType('MessageEditInput', {
  description:
    'Changes to a text, media or custom message; give at least one of `text`, `metadata`, `customData` and `tags`. Fields left out stay as they are.',
  fields: (t) => ({
    messageId: t.string({
      required: true,
      description: 'The message to edit: its CometChat id (`cometchatId`) or its global ID.',
    }),
    asUid: t.string({
      description:
        'Admin callers: edit as this user, who must be the sender. Left out, the app edits it (`isEditedByApp`). A user caller always edits as themselves (only their own messages).',
    }),
    text: t.string({
      description: 'The new text (of a text message) or caption (of a media message); not blank.',
    }),
    metadata: t.field({
      type: 'JSONObject',
      description: 'The new metadata, replacing the old; counts towards the message size limit.',
    }),
    customData: t.field({
      type: 'JSONObject',
      description: 'The new data of a custom message, replacing the old.',
    }),
    tags: t.stringList({
      description:
        'The new tags, replacing the old (an empty list removes them): at most 25, each 1 to 100 characters.',
    }),
  }),
});

const editSchema = z
  .object({
    messageId: messageIdSchema,
    asUid: idSchema.nullish(),
    text: z.string().nullish(),
    metadata: jsonObjectSchema.nullish(),
    customData: jsonObjectSchema.nullish(),
    tags: tagsSchema.nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.text != null && isBlank(value.text)) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'must not be blank' });
    }
    if (
      value.text == null &&
      value.metadata == null &&
      value.customData == null &&
      value.tags == null
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give at least one change: `text`, `metadata`, `customData` or `tags`',
      });
    }
  });

// ---------------------------------------------------------------------------------------------
// messageDelete

interface DeletePayload {
  cometchatId: string;
  typeName: MessageTypeName | null;
  permanent: boolean;
  message: MessageRecord | null;
}

const MessageDeletePayload = builder.objectRef<DeletePayload>('MessageDeletePayload').implement({
  description: 'Which message was deleted, and how.',
  fields: (t) => ({
    cometchatId: t.exposeString('cometchatId', {
      description: "CometChat's id of the deleted message.",
    }),
    deletedMessageId: t.id({
      nullable: true,
      description:
        "The deleted message's global ID, to drop it from client caches. Null only when CometChat's answer did not show what kind of message it was.",
      resolve: (payload) =>
        payload.typeName === null ? null : encodeGlobalID(payload.typeName, payload.cometchatId),
    }),
    isPermanent: t.exposeBoolean('permanent', {
      description:
        'Whether it was deleted for good. A soft-deleted message stays listed (with `deletedAt`) unless a list hides deleted messages.',
    }),
    deletedMessage: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The soft-deleted message as it is now (`deletedAt` and `deletedBy` set); null after a permanent delete.',
      resolve: (payload) => payload.message,
    }),
  }),
});

const MessageDeleteInput = builder.inputType('MessageDeleteInput', {
  description: 'A message to delete, softly (the default) or for good.',
  fields: (t) => ({
    messageId: t.string({
      required: true,
      description: 'The message to delete: its CometChat id (`cometchatId`) or its global ID.',
    }),
    permanent: t.boolean({
      defaultValue: false,
      description:
        'True deletes the message for good; false (the default) marks it deleted and keeps it.',
    }),
    asUid: t.string({
      description:
        "Admin callers: delete as this user, who must be the sender (or a group's admin or moderator). Left out, the app deletes it. A user caller always deletes as themselves.",
    }),
  }),
});

const deleteSchema = z.object({
  messageId: messageIdSchema,
  permanent: z.boolean().nullish(),
  asUid: idSchema.nullish(),
});

builder.mutationFields((t) => ({
  messageReply: t.field({
    type: MessageReplyPayload,
    description:
      "Posts a reply in a message's thread, as a user (CometChat only lets users reply). Sent exactly once, like `messageSend`.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The posted reply, or why it was not posted.' },
    },
    args: {
      input: t.arg({
        type: MessageReplyInput,
        required: true,
        description: 'The message replied to, the replying user and the content.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = validateInput(replySchema, input);
      const options = actingAs(context, value.senderUid, 'senderUid', true);
      const content = contentOf(value);
      checkSize(content, sizeParts(content));
      const parentId = value.parentMessageId;
      const message = await writeOnce(
        context,
        () => sendThreadReply(context.upstream, parentId, content, options),
        {
          ids: options.onBehalfOf ? [{ id: options.onBehalfOf, path: ['senderUid'] }] : [],
          fallback: ['parentMessageId'],
          fieldMap: CONTENT_FIELD_MAP,
        },
      );
      remember(context, message, options);
      return { message, edge: replyEdge(parentId, message), parentId };
    },
  }),
  messageEdit: t.field({
    type: MessageEditPayload,
    description:
      'Edits the text, caption, metadata, custom data or tags of a message, and returns the edited message. Action and call messages cannot be edited, nor deleted ones.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The edited message, or why it was not edited.' },
    },
    args: {
      input: t.arg({
        type: MessageEditInput,
        required: true,
        description: 'The message and the changes.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = validateInput(editSchema, input);
      const options = actingAs(context, value.asUid, 'asUid', false);
      const changes = {
        ...(value.text != null || value.metadata != null || value.customData != null
          ? {
              data: {
                ...(value.text != null ? { text: value.text } : {}),
                ...(value.metadata != null ? { metadata: value.metadata } : {}),
                ...(value.customData != null ? { customData: value.customData } : {}),
              },
            }
          : {}),
        ...(value.tags != null ? { tags: value.tags } : {}),
      };
      checkSize(changes, {
        text: value.text,
        metadata: value.metadata,
        customData: value.customData,
        tags: value.tags,
      });
      const edited = await writeOnce(
        context,
        () => editMessage(context.upstream, value.messageId, changes, options),
        {
          ids: options.onBehalfOf ? [{ id: options.onBehalfOf, path: ['asUid'] }] : [],
          fallback: ['messageId'],
          fieldMap: CONTENT_FIELD_MAP,
        },
      );
      remember(context, edited.message, options);
      return { message: edited.message };
    },
  }),
  messageDelete: t.field({
    type: MessageDeletePayload,
    description:
      'Deletes a message: softly by default (it stays, marked deleted), or for good with `permanent`. Action messages cannot be deleted.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The deleted message, or why it was not deleted.' },
    },
    args: {
      input: t.arg({
        type: MessageDeleteInput,
        required: true,
        description: 'The message and how to delete it.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = validateInput(deleteSchema, input);
      const options = actingAs(context, value.asUid, 'asUid', false);
      const permanent = value.permanent ?? false;
      // CometChat's answer to a permanent delete names the message without its kind, which the
      // global ID needs; one read beforehand tells it (a failed read only leaves that ID out).
      const before = permanent
        ? await context.loaders.messages.load(value.messageId).catch(() => null)
        : null;
      const deleted = await writeOnce(
        context,
        () => deleteMessage(context.upstream, value.messageId, { permanent }, options),
        {
          ids: options.onBehalfOf ? [{ id: options.onBehalfOf, path: ['asUid'] }] : [],
          fallback: ['messageId'],
        },
      );
      const known = deleted.message;
      let message: MessageRecord | null = null;
      if (!permanent) {
        message =
          known && known.deletedAt !== null
            ? known
            : await orClientError(context.loaders.messages.load(value.messageId));
        if (message) remember(context, message, options);
      }
      const typed = message ?? known ?? before;
      return {
        cometchatId: value.messageId,
        typeName: typed ? messageTypeName(typed) : null,
        permanent,
        message,
      };
    },
  }),
}));
