/**
 * What GraphQL subscriptions read: typed events from the bus, narrowed to a channel, and a version
 * counter per group that membership events bump, so a subscription's cached answer to "is the
 * viewer a member of this group?" is asked again once membership may have changed.
 */
import { Repeater } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { eventOf, type RealtimeEvent } from './payloads.js';
import { channelName, type EventBus } from './pubsub.js';

/** Triggers after which a group's memberships may differ. */
const MEMBERSHIP_TRIGGERS = [
  'group_member_joined',
  'group_member_left',
  'group_member_added',
  'group_member_kicked',
  'group_member_banned',
  'group_member_unbanned',
  'group_deleted',
] as const;

/** Membership versions live in a fixed table indexed by a hash of the guid: bounded memory. */
const VERSION_SLOTS = 4096;

export interface EventFeed {
  /** Starts following membership events (once the bus is connected). */
  start(): void;
  /** The typed events published on `channel` from now on (deliveries that do not parse are skipped). */
  subscribe(channel: string): AsyncIterableIterator<RealtimeEvent>;
  /**
   * A number that changes whenever a membership event about `guid` arrives (several groups may
   * share a number; a change then only costs a needless re-check).
   */
  membershipVersion(guid: string): number;
  close(): Promise<void>;
}

function slotOf(guid: string): number {
  let hash = 2166136261;
  for (let i = 0; i < guid.length; i++) {
    hash ^= guid.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % VERSION_SLOTS;
}

export function createEventFeed(bus: EventBus, logger: Logger): EventFeed {
  const versions = new Uint32Array(VERSION_SLOTS);
  let watchers: AsyncIterableIterator<unknown>[] = [];
  let watching: Promise<unknown> = Promise.resolve();
  let closed = false;

  function bump(guid: string): void {
    const slot = slotOf(guid);
    versions[slot] = ((versions[slot] ?? 0) + 1) >>> 0;
  }

  return {
    start() {
      if (closed || watchers.length > 0) return;
      const started = MEMBERSHIP_TRIGGERS.map((trigger) => bus.subscribe(channelName(trigger)));
      watchers = started;
      watching = Promise.all(
        started.map(async (watcher) => {
          for await (const delivery of watcher) {
            const guid = eventOf(delivery)?.scope.guid;
            if (guid) bump(guid);
          }
        }),
      ).catch((error: unknown) => logger.error({ err: error }, 'membership watcher stopped'));
    },
    subscribe(channel) {
      const source = bus.subscribe(channel);
      return new Repeater<RealtimeEvent>(async (push, stop) => {
        void stop.then(() => source.return?.());
        for await (const delivery of source) {
          const event = eventOf(delivery);
          if (event !== null) await push(event);
        }
        stop();
      });
    },
    membershipVersion: (guid) => versions[slotOf(guid)] ?? 0,
    async close() {
      closed = true;
      await Promise.all(watchers.map((watcher) => watcher.return?.()));
      await watching;
    },
  };
}
