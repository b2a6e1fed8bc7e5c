/**
 * The Subscription root and what every subscription field shares: an event stream narrowed to the
 * fewest bus channels its filters allow, the viewer's access check, and a fresh start of the
 * request's views (and call budget) for each delivery, primed from the records the payload embeds
 * (so `messageSent { message { sender { name } } }` needs no upstream call).
 *
 * Events come only from CometChat's webhook deliveries (`src/webhooks`), never from polling.
 */
import type { FieldMap, ArgBuilder as PothosArgBuilder } from '@pothos/core';
import { builder } from '../builder.js';
import { type GatewayContext, renewForEvent } from '../context.js';
import { gatewayError } from '../errors.js';
import type { GroupRecord, MessageRecord, UserRecord } from '../upstream/records.js';
import type { Delivery } from '../webhooks/events.js';
import type { EventFeed } from '../webhooks/feed.js';
import { eventOf, type PayloadUser, type RealtimeEvent } from '../webhooks/payloads.js';
import { type ChannelScope, channelName } from '../webhooks/pubsub.js';
import type { ObjectFieldBuilder } from './mutations/fields.js';
import { viewerAccess } from './subscription-access.js';

builder.subscriptionType({
  description:
    'Live events, from the webhook deliveries CometChat sends the gateway. Over WebSocket (`graphql-transport-ws`) or server-sent events on `/graphql`, or the GraphQL-over-SSE protocol on `/graphql/stream`. An end user receives only events about what they may read (their 1:1 conversations, the groups they are in, public groups); an admin receives all. Each delivery is one event, however often CometChat redelivers it.',
});

export interface StreamSpec<E extends RealtimeEvent> {
  /** The triggers whose events the field yields. */
  triggers: readonly E['trigger'][];
  /** Narrows the channels to one conversation, group, message or call session. */
  narrow?: ChannelScope | undefined;
  /** Whether an event of those triggers belongs to the field (the type guard of its kind). */
  accepts(event: RealtimeEvent): event is E;
  /** The field's filter arguments; may ask upstream (shared per event where possible). */
  matches?: ((event: E) => boolean | Promise<boolean>) | undefined;
  /** An admin watching one user's view: events are checked as that user's. */
  asUid?: string | undefined;
}

function feedOf(context: GatewayContext): EventFeed {
  if (!context.realtime) {
    throw gatewayError('INTERNAL', 'Subscriptions are not available on this endpoint.');
  }
  return context.realtime;
}

/**
 * A subscription's stream: pulls deliveries from its bus queue, yields those `select` keeps.
 * Returning it (the client unsubscribed or went away) ends the queue at once, even while a pull
 * is waiting for the next delivery.
 */
class EventStream<E> implements AsyncIterableIterator<E> {
  constructor(
    private readonly source: AsyncIterableIterator<Delivery>,
    private readonly select: (delivery: Delivery) => Promise<E | null>,
  ) {}

  // A loop, not a chain of promises: however many deliveries `select` drops in a row, one
  // pending pull holds one frame.
  async next(): Promise<IteratorResult<E>> {
    for (;;) {
      const pulled = await this.source.next();
      if (pulled.done) return { value: undefined, done: true };
      const event = await this.select(pulled.value);
      if (event !== null) return { value: event, done: false };
    }
  }

  async return(): Promise<IteratorResult<E>> {
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<E> {
    return this;
  }
}

/**
 * The events a subscription field yields: from the channels of `spec`, those of its kind that
 * match its filters and that the caller may read, in arrival order.
 */
export function eventStream<E extends RealtimeEvent>(
  context: GatewayContext,
  spec: StreamSpec<E>,
): AsyncIterableIterator<E> {
  const feed = feedOf(context);
  const access = viewerAccess(context, feed, spec.asUid);
  const source = feed.subscribe(spec.triggers.map((trigger) => channelName(trigger, spec.narrow)));
  return new EventStream<E>(source, async (delivery) => {
    const event = eventOf(delivery);
    if (event === null || !spec.accepts(event)) return null;
    // Events of one subscription are checked and executed one after another (the next delivery
    // is pulled once the previous event was sent), so renewing here disturbs no other event.
    renewForEvent(context);
    try {
      if (spec.matches && !(await spec.matches(event))) return null;
    } catch (error) {
      context.logger.warn({ err: error, trigger: event.trigger }, 'subscription filter failed');
      return null;
    }
    return (await access.mayRead(event)) ? event : null;
  });
}

function usersOf(...users: (PayloadUser | null | undefined)[]): UserRecord[] {
  return users.flatMap((user) => (user?.record ? [user.record] : []));
}

/** Records a webhook event embeds. */
interface EventRecords {
  users: readonly UserRecord[];
  groups: readonly GroupRecord[];
  messages: readonly MessageRecord[];
}

/** The full records an event embeds. */
function recordsOf(event: RealtimeEvent): EventRecords {
  const users: UserRecord[] = [];
  const groups: GroupRecord[] = [];
  const messages: MessageRecord[] = [];
  switch (event.kind) {
    case 'message':
      messages.push(event.message);
      users.push(...usersOf(...event.mentioned));
      break;
    case 'moderation':
      messages.push(event.message);
      break;
    case 'message_change':
      if (event.message) messages.push(event.message);
      users.push(...usersOf(event.actor));
      break;
    case 'reaction':
      users.push(...usersOf(event.reactor));
      break;
    case 'receipt':
      users.push(...usersOf(event.reader));
      break;
    case 'block':
      users.push(...usersOf(event.by, ...event.users));
      break;
    case 'presence':
      users.push(...usersOf(event.user));
      break;
    case 'group':
      if (event.group.record) groups.push(event.group.record);
      users.push(...usersOf(event.by, ...event.members.map((member) => member.user)));
      break;
    default:
      break;
  }
  return { users, groups, messages };
}

/**
 * Starts one event's execution: the subscriber's own view (fresh for this delivery, see
 * `eventStream`) is primed from the records the payload embeds. Webhook payloads are rendered
 * app-level, for no viewer (`renderedFor` null): the app view keeps them without viewer fields; a
 * user's view keeps only what carries no viewer fields (the user's own record) and reads the rest
 * as that user (blocked flags, membership and reactions are viewer-relative).
 */
export function beginEvent<E extends RealtimeEvent>(context: GatewayContext, event: E): E {
  const { prime } = context.view();
  const records = recordsOf(event);
  for (const user of records.users) prime.user(user, null);
  for (const group of records.groups) prime.group(group, null);
  prime.messages(records.messages, null);
  return event;
}

/**
 * An event object type: the fields `fields` gives plus `occurredAt`, which every event has (from
 * the payload's own timestamp, or when the gateway received the delivery if the payload has none).
 */
export function eventType<E extends RealtimeEvent>(
  name: string,
  description: string,
  fields: (t: ObjectFieldBuilder<E>) => FieldMap,
) {
  return builder.objectRef<E>(name).implement({
    description,
    fields: (t) => ({
      ...fields(t),
      occurredAt: t.field({
        type: 'DateTime',
        description:
          "When it happened, from the payload's own timestamp; when the gateway received CometChat's delivery if the payload has none.",
        resolve: (event) => event.occurredAt,
      }),
    }),
  });
}

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The builder of a field's arguments (`t.arg`), for argument sets several fields share. */
export type ArgBuilder = PothosArgBuilder<Types>;

/** Lowercases a uid filter (uids are case-insensitive in lookups). */
export function uidFilter(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.trim().toLowerCase();
}

/** Trims an id filter; null when absent. */
export function idFilter(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.trim();
}
