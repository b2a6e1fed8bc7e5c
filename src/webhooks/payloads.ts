/**
 * Typed events: the `data` of every trigger with a documented payload (docs/cometchat-facts.md 8.4) validated
 * into the same records the upstream client returns (messages, users, groups, reactions), plus
 * what the event is about (`scope`: conversation, group, message, call session, users), which
 * routes it on the event bus and decides who may see it.
 *
 * Embedded entities are best effort, as in the read graph: a user or group CometChat renders only
 * partly (the `{uid, name}` of a block, a payload user without `createdAt`) keeps its id and name
 * but no record, so readers load it instead of trusting half a record.
 */
import { z } from 'zod';
import { idString, optionalString } from '../upstream/records/common.js';
import {
  type GroupRecord,
  type GroupType,
  groupSchema,
  groupType,
  type MemberScope,
  memberScope,
} from '../upstream/records/groups.js';
import {
  type MessageRecord,
  messageSchema,
  type ReactionRecord,
  type ReceiverType,
  reactionSchema,
} from '../upstream/records/messages.js';
import {
  type UserRecord,
  type UserStatus,
  userSchema,
  userStatus,
} from '../upstream/records/users.js';
import { type Delivery, type Envelope, firstIssue, WebhookPayloadError } from './events.js';
import {
  type CALL_TRIGGERS,
  type GROUP_TRIGGERS,
  isReceiverTrigger,
  type MODERATION_TRIGGERS,
  type ReceiverTrigger,
} from './triggers.js';

/** A user as a payload names them: always the uid, the full record when the payload has one. */
export interface PayloadUser {
  uid: string;
  name: string | null;
  record: UserRecord | null;
}

/** A group as a payload names it. `type` decides who may see events about it. */
export interface PayloadGroup {
  guid: string;
  type: GroupType | null;
  record: GroupRecord | null;
  owner: string | null;
  /** `group_owner_transferred`: the owner before the transfer. */
  previousOwner: string | null;
}

export interface MemberChange {
  user: PayloadUser;
  /** The member's scope after the event (scope changes, additions), when the payload says. */
  scope: MemberScope | null;
  /** Scope changes: the scope before. */
  previousScope: MemberScope | null;
}

export interface CallParticipant {
  uid: string | null;
  name: string | null;
  joinedAt: Date | null;
  leftAt: Date | null;
  audioOnly: boolean | null;
}

/** What an event is about: its routing on the bus and the basis of who may see it. */
export interface EventScope {
  conversationId: string | null;
  guid: string | null;
  messageId: string | null;
  sessionId: string | null;
  /** Users the event names (participants, members, actors, mentioned users). */
  uids: string[];
}

interface Common {
  /** When it happened, from the payload's own timestamp; when it arrived if the payload has none. */
  occurredAt: Date;
  receivedAt: Date;
  key: string;
  scope: EventScope;
}

type GroupTrigger = (typeof GROUP_TRIGGERS)[number];
type CallTrigger = (typeof CALL_TRIGGERS)[number];
type ModerationTrigger = (typeof MODERATION_TRIGGERS)[number];

export type MessageEvent = Common & {
  kind: 'message';
  trigger: 'message_sent' | 'user_mentioned' | 'call_initiated';
  message: MessageRecord;
  mentioned: PayloadUser[];
};

export type MessageChangeEvent = Common & {
  kind: 'message_change';
  trigger: 'message_edited' | 'message_deleted';
  /** The edited or deleted message's id. */
  messageId: string;
  conversationId: string;
  receiver: string;
  receiverType: ReceiverType;
  /** Who edited or deleted it (the action's sender). */
  actor: PayloadUser;
  /** The message after the change, when the payload embeds it whole. */
  message: MessageRecord | null;
  /** When the change happened (`editedAt`/`deletedAt` of the message, else the action's time). */
  changedAt: Date;
};

export type ReactionEvent = Common & {
  kind: 'reaction';
  trigger: 'message_reaction_added' | 'message_reaction_removed';
  reaction: ReactionRecord;
  reactor: PayloadUser;
};

export type ReceiptEvent = Common & {
  kind: 'receipt';
  trigger: 'message_delivery_receipt' | 'message_read_receipt';
  messageId: string;
  conversationId: string;
  receiver: string;
  receiverType: ReceiverType;
  /** The user whose client got or read the message. */
  reader: PayloadUser;
  messageSender: string | null;
};

export type BlockEvent = Common & {
  kind: 'block';
  trigger: 'user_blocked' | 'user_unblocked';
  by: PayloadUser;
  users: PayloadUser[];
};

export type PresenceEvent = Common & {
  kind: 'presence';
  trigger: 'user_connection_status_changed';
  user: PayloadUser;
  status: UserStatus;
  platform: string | null;
};

export type GroupEvent = Common & {
  kind: 'group';
  trigger: GroupTrigger;
  group: PayloadGroup;
  members: MemberChange[];
  by: PayloadUser | null;
};

export type CallSessionEvent = Common & {
  kind: 'call';
  trigger: Exclude<
    CallTrigger,
    'call_initiated' | 'recording_generated' | 'transcription_generated'
  >;
  sessionId: string;
  isMeeting: boolean;
  participants: CallParticipant[];
  startedAt: Date | null;
  endedAt: Date | null;
};

export type CallArtifactEvent = Common & {
  kind: 'call_artifact';
  trigger: 'recording_generated' | 'transcription_generated';
  sessionId: string;
  url: string | null;
  durationSeconds: number | null;
  startedAt: Date | null;
  endedAt: Date | null;
};

export type ModerationEvent = Common & {
  kind: 'moderation';
  trigger: ModerationTrigger;
  message: MessageRecord;
  decision: 'approved' | 'blocked';
  /** A moderator decided (`moderation_manual_approved`), not the engine. */
  manual: boolean;
};

export type RealtimeEvent =
  | MessageEvent
  | MessageChangeEvent
  | ReactionEvent
  | ReceiptEvent
  | BlockEvent
  | PresenceEvent
  | GroupEvent
  | CallSessionEvent
  | CallArtifactEvent
  | ModerationEvent;

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Seconds or milliseconds since the epoch (number or numeric string); large values are ms. */
const flexibleTime = z
  .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) return null;
    return new Date(n > 1e12 ? n : n * 1000);
  });

const userRefSchema = z.looseObject({ uid: z.string().min(1), name: optionalString });

function payloadUser(raw: unknown): PayloadUser | null {
  const ref = userRefSchema.safeParse(raw);
  if (!ref.success) return null;
  const full = userSchema.safeParse(raw);
  return { uid: ref.data.uid, name: ref.data.name, record: full.success ? full.data : null };
}

function userById(uid: string): PayloadUser {
  return { uid, name: null, record: null };
}

function usersOf(raw: unknown): PayloadUser[] {
  if (typeof raw !== 'object' || raw === null) return [];
  return Object.values(raw).flatMap((value) => payloadUser(value) ?? []);
}

function oneToOneConversationId(a: string, b: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `${x}_user_${y}`;
}

function conversationOf(receiverType: ReceiverType, receiver: string, other: string): string {
  return receiverType === 'group' ? `group_${receiver}` : oneToOneConversationId(other, receiver);
}

/** Parses with `schema` or fails the delivery, naming the field under `data`. */
function parseData<T>(schema: z.ZodType<T, unknown>, value: unknown, path: string[]): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new WebhookPayloadError(
    `The data of this delivery is not as CometChat documents it (${firstIssue(parsed.error, ['data', ...path])}).`,
  );
}

/** What a parser yields; the common fields are added around it. */
type Parsed<E extends RealtimeEvent> = {
  event: Omit<E, keyof Common>;
  scope: EventScope;
  occurredAt: Date | null;
  /** An id plus a timestamp naming the event, when the payload has them. */
  natural: string | null;
  /**
   * What the event changes, when its payload can repeat exactly for a later, different event
   * (block, unblock, block again): redeliveries are then told apart by their place in the
   * subject's sequence (see `src/webhooks/dedup.ts`).
   */
  subject?: string;
};

/** Sorted and joined, so the same set of ids names the same subject whatever the payload's order. */
function idSet(ids: Iterable<string>): string {
  return [...new Set(ids)].sort().join(',');
}

function scopeOf(partial: Partial<EventScope>): EventScope {
  return {
    conversationId: partial.conversationId ?? null,
    guid: partial.guid ?? null,
    messageId: partial.messageId ?? null,
    sessionId: partial.sessionId ?? null,
    uids: [...new Set(partial.uids ?? [])],
  };
}

function messageScope(message: MessageRecord, extraUids: string[] = []): EventScope {
  const group = message.receiverType === 'group';
  return scopeOf({
    conversationId: message.conversationId,
    guid: group ? message.receiver : null,
    messageId: message.id,
    uids: [message.sender, ...(group ? [] : [message.receiver]), ...extraUids],
  });
}

function messageKey(message: MessageRecord): string {
  return `${message.id}@${(message.updatedAt ?? message.sentAt).getTime()}`;
}

// ---------------------------------------------------------------------------------------------
// Parsers, one per payload shape

const messageData = z.looseObject({ message: z.unknown() });

function parseMessage(
  trigger: MessageEvent['trigger'],
  data: Record<string, unknown>,
): Parsed<MessageEvent> {
  const field = trigger === 'call_initiated' ? 'call' : 'message';
  const message = parseData(messageSchema, data[field], [field]);
  const records = mentionsOf(data[field]);
  const mentioned =
    trigger === 'user_mentioned'
      ? message.mentions.map((m) => ({
          uid: m.uid,
          name: m.name,
          record: records.get(m.uid) ?? null,
        }))
      : [];
  return {
    event: { kind: 'message', trigger, message, mentioned },
    scope: messageScope(
      message,
      mentioned.map((user) => user.uid),
    ),
    occurredAt: message.sentAt,
    natural: messageKey(message),
  };
}

const mentionsSchema = z.looseObject({
  data: z.looseObject({ mentions: z.record(z.string(), z.unknown()) }),
});

/** Full user records of the mentioned users, when the payload renders them whole. */
function mentionsOf(rawMessage: unknown): Map<string, UserRecord> {
  const parsed = mentionsSchema.safeParse(rawMessage);
  const users = new Map<string, UserRecord>();
  if (!parsed.success) return users;
  for (const raw of Object.values(parsed.data.data.mentions)) {
    const user = userSchema.safeParse(raw);
    if (user.success) users.set(user.data.uid, user.data);
  }
  return users;
}

/** The `on` entity of an edit or delete action: only its id is required (deletes send a stub). */
const changedEntitySchema = z.looseObject({
  data: z.looseObject({
    entities: z.looseObject({
      on: z.looseObject({
        entity: z.looseObject({
          id: idString,
          editedAt: flexibleTime,
          deletedAt: flexibleTime,
        }),
      }),
    }),
  }),
});

function parseMessageChange(
  trigger: MessageChangeEvent['trigger'],
  data: Record<string, unknown>,
): Parsed<MessageChangeEvent> {
  const { message: raw } = parseData(messageData, data, []);
  const action = parseData(messageSchema, raw, ['message']);
  const target = parseData(changedEntitySchema, raw, ['message']).data.entities.on.entity;
  const changed = action.entities.on?.kind === 'message' ? action.entities.on : null;
  const actor =
    action.entities.by !== null
      ? { uid: action.entities.by.uid, name: action.entities.by.name, record: action.entities.by }
      : userById(action.sender);
  const changedAt =
    (trigger === 'message_edited' ? target.editedAt : target.deletedAt) ?? action.sentAt;
  const group = action.receiverType === 'group';
  return {
    event: {
      kind: 'message_change',
      trigger,
      messageId: target.id,
      conversationId: action.conversationId,
      receiver: action.receiver,
      receiverType: action.receiverType,
      actor,
      message: changed,
      changedAt,
    },
    scope: scopeOf({
      conversationId: action.conversationId,
      guid: group ? action.receiver : null,
      messageId: target.id,
      uids: [
        action.sender,
        ...(group ? [] : [action.receiver]),
        ...(changed ? [changed.sender] : []),
      ],
    }),
    occurredAt: changedAt,
    // The action message is new for every edit or deletion.
    natural: `${action.id}:${target.id}`,
  };
}

const reactionData = z.looseObject({ reaction: z.unknown() });

function parseReaction(
  trigger: ReactionEvent['trigger'],
  data: Record<string, unknown>,
): Parsed<ReactionEvent> {
  const { reaction: raw } = parseData(reactionData, data, []);
  const reaction = parseData(reactionSchema, raw, ['reaction']);
  const reactedBy = payloadUser(
    typeof raw === 'object' && raw !== null && 'reactedBy' in raw ? raw.reactedBy : null,
  );
  return {
    event: {
      kind: 'reaction',
      trigger,
      reaction,
      reactor: reactedBy ?? { ...userById(reaction.uid), record: reaction.reactedBy },
    },
    scope: scopeOf({ messageId: reaction.messageId, uids: [reaction.uid] }),
    occurredAt: reaction.reactedAt,
    natural: `${reaction.id}:${reaction.messageId}:${reaction.uid}@${reaction.reactedAt.getTime()}`,
    subject: `reaction:${reaction.messageId}>${reaction.uid}>${reaction.reaction}`,
  };
}

const receiptData = z.looseObject({
  sender: z.string().min(1),
  receiver: z.string().min(1),
  receiverType: z.enum(['user', 'group']),
  messageSender: optionalString,
  body: z.looseObject({
    messageId: idString,
    user: z.unknown().optional(),
    timestamp: flexibleTime,
  }),
});

function parseReceipt(
  trigger: ReceiptEvent['trigger'],
  data: Record<string, unknown>,
): Parsed<ReceiptEvent> {
  const receipt = parseData(receiptData, data, []);
  const reader = payloadUser(receipt.body.user) ?? userById(receipt.sender);
  const conversationId = conversationOf(receipt.receiverType, receipt.receiver, receipt.sender);
  const group = receipt.receiverType === 'group';
  return {
    event: {
      kind: 'receipt',
      trigger,
      messageId: receipt.body.messageId,
      conversationId,
      receiver: receipt.receiver,
      receiverType: receipt.receiverType,
      reader: reader.uid === receipt.sender ? reader : userById(receipt.sender),
      messageSender: receipt.messageSender,
    },
    scope: scopeOf({
      conversationId,
      guid: group ? receipt.receiver : null,
      messageId: receipt.body.messageId,
      uids: [receipt.sender, ...(group ? [] : [receipt.receiver])],
    }),
    occurredAt: receipt.body.timestamp,
    natural: `${receipt.body.messageId}:${receipt.sender}@${receipt.body.timestamp?.getTime() ?? ''}`,
  };
}

const blockData = z.looseObject({
  users: z.record(z.string(), userRefSchema),
  by: userRefSchema,
});

function parseBlock(
  trigger: BlockEvent['trigger'],
  data: Record<string, unknown>,
): Parsed<BlockEvent> {
  const parsed = parseData(blockData, data, []);
  const by = payloadUser(data.by) ?? userById(parsed.by.uid);
  const users = usersOf(data.users);
  return {
    event: { kind: 'block', trigger, by, users },
    scope: scopeOf({ uids: [by.uid, ...users.map((user) => user.uid)] }),
    occurredAt: null,
    natural: null,
    subject: `block:${by.uid}>${idSet(users.map((user) => user.uid))}`,
  };
}

const presenceData = z.looseObject({
  timestamp: flexibleTime,
  user: userRefSchema,
  status: z.string().nullish(),
  currentConnection: z.looseObject({ platform: optionalString }).nullish(),
});

function parsePresence(data: Record<string, unknown>): Parsed<PresenceEvent> {
  const parsed = parseData(presenceData, data, []);
  const user = payloadUser(data.user) ?? userById(parsed.user.uid);
  const rawStatus =
    parsed.status ??
    (typeof data.user === 'object' && data.user !== null && 'status' in data.user
      ? data.user.status
      : null);
  const status = userStatus.safeParse(rawStatus);
  return {
    event: {
      kind: 'presence',
      trigger: 'user_connection_status_changed',
      user,
      status: status.success ? status.data : 'offline',
      platform: parsed.currentConnection?.platform ?? null,
    },
    scope: scopeOf({ uids: [user.uid] }),
    occurredAt: parsed.timestamp,
    natural: null,
  };
}

const groupData = z.looseObject({
  group: z.looseObject({
    guid: z.string().min(1),
    type: groupType.optional().catch(undefined),
    owner: optionalString,
    oldOwner: z.unknown().optional(),
    createdAt: flexibleTime,
    updatedAt: flexibleTime,
  }),
  members: z
    .record(
      z.string(),
      z.looseObject({
        uid: z.string().min(1),
        scope: memberScope.nullish().catch(null),
        oldScope: memberScope.nullish().catch(null),
      }),
    )
    .optional(),
  by: z.unknown().optional(),
});

function ownerUid(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  return payloadUser(value)?.uid ?? null;
}

function parseGroup(trigger: GroupTrigger, data: Record<string, unknown>): Parsed<GroupEvent> {
  const parsed = parseData(groupData, data, []);
  const full = groupSchema.safeParse(data.group);
  const group: PayloadGroup = {
    guid: parsed.group.guid,
    type: parsed.group.type ?? null,
    record: full.success ? full.data : null,
    owner: parsed.group.owner,
    previousOwner: ownerUid(parsed.group.oldOwner),
  };
  const rawMembers = (data.members ?? {}) as Record<string, unknown>; // validated as a record above
  const members: MemberChange[] = Object.entries(parsed.members ?? {}).map(([key, member]) => ({
    user: payloadUser(rawMembers[key]) ?? userById(member.uid),
    scope: member.scope ?? null,
    previousScope: member.oldScope ?? null,
  }));
  const by = data.by === undefined ? null : payloadUser(data.by);
  const occurredAt =
    trigger === 'group_created' ? parsed.group.createdAt : (parsed.group.updatedAt ?? null);
  return {
    event: { kind: 'group', trigger, group, members, by },
    scope: scopeOf({
      conversationId: `group_${group.guid}`,
      guid: group.guid,
      uids: [
        ...members.map((member) => member.user.uid),
        ...(by ? [by.uid] : []),
        ...(group.owner ? [group.owner] : []),
        ...(group.previousOwner ? [group.previousOwner] : []),
      ],
    }),
    occurredAt: trigger === 'group_created' || trigger === 'group_updated' ? occurredAt : null,
    natural: null,
    // Membership events of the same members form one sequence (join, leave, join again); the
    // group's own events another (rename, rename back).
    subject:
      members.length > 0
        ? `members:${group.guid}>${idSet(members.map((member) => member.user.uid))}`
        : `group:${group.guid}`,
  };
}

const booleanText = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .nullish()
  .catch(null)
  .transform((v) => (v === null || v === undefined ? null : v === true || v === 'true'));

const occupantSchema = z
  .looseObject({
    uid: optionalString.catch(null),
    name: optionalString.catch(null),
    joined_at: flexibleTime.catch(null),
    left_at: flexibleTime.catch(null),
    audio_call: booleanText,
  })
  .transform(
    (o): CallParticipant => ({
      uid: o.uid,
      name: o.name,
      joinedAt: o.joined_at,
      leftAt: o.left_at,
      audioOnly: o.audio_call,
    }),
  );

const sessionData = z.looseObject({
  sessionId: z.string().min(1),
  created_at: flexibleTime.catch(null),
  destroyed_at: flexibleTime.catch(null),
  occupant: occupantSchema.optional(),
  all_occupants: z.array(occupantSchema).optional(),
});

function parseSession(
  trigger: CallSessionEvent['trigger'],
  data: Record<string, unknown>,
): Parsed<CallSessionEvent> {
  const parsed = parseData(sessionData, data, []);
  const participants = parsed.all_occupants ?? (parsed.occupant ? [parsed.occupant] : []);
  const occupant = parsed.occupant;
  const occurredAt = trigger.endsWith('_ended')
    ? parsed.destroyed_at
    : trigger.endsWith('_started')
      ? parsed.created_at
      : trigger.endsWith('_joined')
        ? (occupant?.joinedAt ?? null)
        : (occupant?.leftAt ?? null);
  return {
    event: {
      kind: 'call',
      trigger,
      sessionId: parsed.sessionId,
      isMeeting: trigger.startsWith('meeting_'),
      participants,
      startedAt: parsed.created_at,
      endedAt: parsed.destroyed_at,
    },
    scope: scopeOf({
      sessionId: parsed.sessionId,
      uids: participants.flatMap((p) => (p.uid ? [p.uid] : [])),
    }),
    occurredAt,
    natural: null,
    subject: `call:${parsed.sessionId}`,
  };
}

const artifactData = z.looseObject({
  sessionId: z.string().min(1),
  recording_url: optionalString.catch(null),
  transcript_url: optionalString.catch(null),
  duration: z
    .union([z.number(), z.string()])
    .nullish()
    .catch(null)
    .transform((v) =>
      v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v),
    ),
  startTime: flexibleTime.catch(null),
  endTime: flexibleTime.catch(null),
});

function parseArtifact(
  trigger: CallArtifactEvent['trigger'],
  data: Record<string, unknown>,
): Parsed<CallArtifactEvent> {
  const parsed = parseData(artifactData, data, []);
  return {
    event: {
      kind: 'call_artifact',
      trigger,
      sessionId: parsed.sessionId,
      url: trigger === 'recording_generated' ? parsed.recording_url : parsed.transcript_url,
      durationSeconds: parsed.duration,
      startedAt: parsed.startTime,
      endedAt: parsed.endTime,
    },
    scope: scopeOf({ sessionId: parsed.sessionId }),
    occurredAt: null,
    natural: null,
  };
}

const moderationData = z.looseObject({
  message: z.looseObject({
    data: z.looseObject({
      moderation: z.union([z.looseObject({ status: z.string() }), z.array(z.unknown())]).optional(),
    }),
  }),
});

function parseModeration(
  trigger: ModerationTrigger,
  data: Record<string, unknown>,
): Parsed<ModerationEvent> {
  parseData(moderationData, data, []);
  const message = parseData(messageSchema, data.message, ['message']);
  return {
    event: {
      kind: 'moderation',
      trigger,
      message,
      decision: trigger === 'moderation_engine_blocked' ? 'blocked' : 'approved',
      manual: trigger === 'moderation_manual_approved',
    },
    scope: messageScope(message),
    occurredAt: message.updatedAt ?? message.sentAt,
    natural: messageKey(message),
  };
}

export type AnyParsed = Parsed<RealtimeEvent>;

function parseByTrigger(trigger: ReceiverTrigger, data: Record<string, unknown>): AnyParsed {
  switch (trigger) {
    case 'message_sent':
    case 'user_mentioned':
    case 'call_initiated':
      return parseMessage(trigger, data);
    case 'message_edited':
    case 'message_deleted':
      return parseMessageChange(trigger, data);
    case 'message_reaction_added':
    case 'message_reaction_removed':
      return parseReaction(trigger, data);
    case 'message_delivery_receipt':
    case 'message_read_receipt':
      return parseReceipt(trigger, data);
    case 'user_blocked':
    case 'user_unblocked':
      return parseBlock(trigger, data);
    case 'user_connection_status_changed':
      return parsePresence(data);
    case 'call_started':
    case 'call_participant_joined':
    case 'call_participant_left':
    case 'call_ended':
    case 'meeting_started':
    case 'meeting_participant_joined':
    case 'meeting_participant_left':
    case 'meeting_ended':
      return parseSession(trigger, data);
    case 'recording_generated':
    case 'transcription_generated':
      return parseArtifact(trigger, data);
    case 'moderation_engine_approved':
    case 'moderation_engine_blocked':
    case 'moderation_manual_approved':
      return parseModeration(trigger, data);
    default:
      return parseGroup(trigger, data);
  }
}

/**
 * The typed form of an envelope whose trigger the receiver publishes, without the common fields
 * (the receiver adds the key; `eventOf` the rest). Null for triggers it does not publish.
 * @throws WebhookPayloadError when `data` is not the documented payload of its trigger.
 */
export function parsePayload(envelope: Envelope): AnyParsed | null {
  if (!isReceiverTrigger(envelope.trigger)) return null;
  return parseByTrigger(envelope.trigger, envelope.data);
}

/** Typed events per delivery object: each process parses a delivery once for all its subscribers. */
const typed = new WeakMap<Delivery, RealtimeEvent | null>();

function complete(delivery: Delivery, parsed: AnyParsed): RealtimeEvent {
  const receivedAt = new Date(delivery.receivedAt);
  // The variant and its trigger come from the same parser, so the spread keeps them paired.
  return {
    ...parsed.event,
    occurredAt: parsed.occurredAt ?? receivedAt,
    receivedAt,
    key: delivery.key,
    scope: parsed.scope,
  } as RealtimeEvent;
}

/**
 * Records the typed event of a delivery the receiver has just parsed, so this process's
 * subscribers do not parse it again.
 */
export function rememberEvent(delivery: Delivery, parsed: AnyParsed): void {
  typed.set(delivery, complete(delivery, parsed));
}

/**
 * The typed event of a delivery taken from the bus (memoized per delivery object). Null when the
 * delivery is not one the receiver would publish or no longer parses (a newer replica's format).
 */
export function eventOf(delivery: Delivery): RealtimeEvent | null {
  const known = typed.get(delivery);
  if (known !== undefined) return known;
  let event: RealtimeEvent | null = null;
  try {
    const parsed = parsePayload(delivery);
    if (parsed) event = complete(delivery, parsed);
  } catch {
    event = null;
  }
  typed.set(delivery, event);
  return event;
}
