/**
 * The in-process event bus between the webhook receiver and GraphQL subscriptions. Channels:
 * `event` carries every event, `event:<topic>` the events of one topic.
 */
import { createPubSub } from 'graphql-yoga';
import type { GatewayEvent } from './events.js';

type TopicChannels = {
  [E in GatewayEvent as `event:${E['topic']}`]: [event: E];
};

export type GatewayPubSubChannels = { event: [event: GatewayEvent] } & TopicChannels;

export function createGatewayPubSub() {
  return createPubSub<GatewayPubSubChannels>();
}

export type GatewayPubSub = ReturnType<typeof createGatewayPubSub>;

/** Publishes an event on the catch-all channel and on its topic's channel. */
export function publishEvent(pubsub: GatewayPubSub, event: GatewayEvent): void {
  pubsub.publish('event', event);
  switch (event.topic) {
    case 'message':
      pubsub.publish('event:message', event);
      break;
    case 'user':
      pubsub.publish('event:user', event);
      break;
    case 'group':
      pubsub.publish('event:group', event);
      break;
    default:
      pubsub.publish('event:other', event);
  }
}
