/**
 * CometChat webhook deliveries -> typed gateway events. The envelope is
 * `{trigger, data, appId, region, webhook}`; `data` is kept as delivered (validated to be an
 * object) with the identifiers subscriptions filter on pulled out beside it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const MESSAGE_TRIGGERS = [
  'message_sent',
  'message_edited',
  'message_deleted',
  'message_reaction_added',
  'message_reaction_removed',
  'message_delivery_receipt',
  'message_read_receipt',
  'user_mentioned',
] as const;

export const USER_TRIGGERS = [
  'user_blocked',
  'user_unblocked',
  'user_connection_status_changed',
] as const;

export const GROUP_TRIGGERS = [
  'group_created',
  'group_updated',
  'group_deleted',
  'group_member_joined',
  'group_member_left',
  'group_member_added',
  'group_member_kicked',
  'group_member_banned',
  'group_member_unbanned',
  'group_member_scope_changed',
  'group_owner_transferred',
] as const;

/** The triggers the gateway subscribes its receiver to: everything about messages, users, groups. */
export const RECEIVER_TRIGGERS = [...MESSAGE_TRIGGERS, ...USER_TRIGGERS, ...GROUP_TRIGGERS];

export type MessageTrigger = (typeof MESSAGE_TRIGGERS)[number];
export type UserTrigger = (typeof USER_TRIGGERS)[number];
export type GroupTrigger = (typeof GROUP_TRIGGERS)[number];

interface EventBase {
  appId: string;
  region: string | null;
  /** The id of the webhook (CometChat-side configuration) that delivered the event. */
  webhookId: string | null;
  /** The delivery's `data`, as CometChat sent it. */
  data: Record<string, unknown>;
  receivedAt: Date;
  /** Identical for a delivery and its retries; used to drop the retries. */
  dedupKey: string;
  /** Message id the event is about (message triggers, reactions, receipts). */
  messageId: string | null;
  conversationId: string | null;
  /** Group the event is about. */
  guid: string | null;
  /** Users the event is about (sender, members, blocked users, ...). */
  uids: string[];
}

export type GatewayEvent =
  | (EventBase & { topic: 'message'; trigger: MessageTrigger })
  | (EventBase & { topic: 'user'; trigger: UserTrigger })
  | (EventBase & { topic: 'group'; trigger: GroupTrigger })
  | (EventBase & { topic: 'other'; trigger: string });

export type GatewayEventTopic = GatewayEvent['topic'];

export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
}

const envelopeSchema = z.object({
  trigger: z.string().regex(/^[a-z_]{1,100}$/, 'must be a trigger name'),
  data: z.record(z.string(), z.unknown()),
  appId: z.string().min(1).max(200),
  region: z.string().max(20).optional(),
  webhook: z.string().max(200).optional(),
});

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value); // widening a readonly tuple to search it
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>) // checked just above: a non-array object
    : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** JSON with sorted keys, so equal payloads hash equally whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = record(value);
  if (object) {
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}

interface Identifiers {
  messageId: string | null;
  conversationId: string | null;
  guid: string | null;
  uids: string[];
  /** A key naming this exact event, when the payload has one (ids plus a timestamp). */
  key: string | null;
}

function identifiers(trigger: string, data: Record<string, unknown>): Identifiers {
  const uids = new Set<string>();
  const addUid = (value: unknown) => {
    const uid = text(record(value)?.uid ?? value);
    if (uid) uids.add(uid);
  };
  const message = record(data.message);
  const reaction = record(data.reaction);
  const body = record(data.body);
  const group = record(data.group);
  for (const member of Object.values(record(data.members) ?? {})) addUid(member);
  for (const user of Object.values(record(data.users) ?? {})) addUid(user);
  addUid(data.by);
  addUid(data.user);

  let messageId: string | null = null;
  let conversationId: string | null = null;
  let key: string | null = null;
  if (message) {
    messageId = text(message.id);
    conversationId = text(message.conversationId);
    addUid(message.sender);
    if (message.receiverType === 'user') addUid(message.receiver);
    const at = text(message.updatedAt) ?? text(message.sentAt);
    if (messageId && at) key = `${messageId}@${at}`;
  } else if (reaction) {
    messageId = text(reaction.messageId);
    addUid(reaction.uid);
    const id = text(reaction.id);
    if (id) key = `${id}@${text(reaction.reactedAt) ?? ''}`;
  } else if (body && trigger.endsWith('_receipt')) {
    messageId = text(body.messageId);
    addUid(data.sender);
    addUid(data.receiver);
    const at = text(body.timestamp);
    if (messageId && at) key = `${messageId}:${text(data.sender) ?? ''}@${at}`;
  }
  const guid =
    text(group?.guid) ?? (message?.receiverType === 'group' ? text(message.receiver) : null);
  return { messageId, conversationId, guid, uids: [...uids], key };
}

/**
 * Parses one delivery body (already JSON-decoded).
 * @throws WebhookPayloadError when it is not a CometChat webhook envelope.
 */
export function parseWebhookDelivery(body: unknown, receivedAt: Date): GatewayEvent {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new WebhookPayloadError(
      `Not a CometChat webhook delivery: ${where} ${issue?.message ?? 'is invalid'}.`,
    );
  }
  const { trigger, data, appId } = parsed.data;
  const ids = identifiers(trigger, data);
  // Retries carry the same payload; an id plus a timestamp names the event where the payload has
  // them, otherwise the whole payload does (CometChat sends no event id).
  const dedupKey = `${appId}:${trigger}:${ids.key ?? hash(canonicalJson(data))}`;
  const base: EventBase = {
    appId,
    region: parsed.data.region ?? null,
    webhookId: parsed.data.webhook ?? null,
    data,
    receivedAt,
    dedupKey,
    messageId: ids.messageId,
    conversationId: ids.conversationId,
    guid: ids.guid,
    uids: ids.uids,
  };
  if (includes(MESSAGE_TRIGGERS, trigger)) return { ...base, topic: 'message', trigger };
  if (includes(USER_TRIGGERS, trigger)) return { ...base, topic: 'user', trigger };
  if (includes(GROUP_TRIGGERS, trigger)) return { ...base, topic: 'group', trigger };
  return { ...base, topic: 'other', trigger };
}
