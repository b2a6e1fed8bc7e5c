/**
 * What GraphQL subscriptions read: deliveries from the bus, narrowed to a channel, and a version
 * counter per group that membership events bump, so a subscription's cached answer to "is the
 * viewer a member of this group?" is asked again once membership may have changed.
 */
import type { Logger } from '../logger.js';
import type { Delivery } from './events.js';
import { eventOf } from './payloads.js';
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
  /** The deliveries published on any of `channels` from now on (`eventOf` types them). */
  subscribe(channels: readonly string[]): AsyncIterableIterator<Delivery>;
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

/**
 * `onSubscriptions` is told how many subscription streams are open whenever that changes (the
 * feed's own membership watcher not counted).
 */
export function createEventFeed(
  bus: EventBus,
  logger: Logger,
  onSubscriptions?: (open: number) => void,
): EventFeed {
  let open = 0;
  const versions = new Uint32Array(VERSION_SLOTS);
  let watcher: AsyncIterableIterator<Delivery> | null = null;
  let watching: Promise<unknown> = Promise.resolve();
  let closed = false;

  function bump(guid: string): void {
    const slot = slotOf(guid);
    versions[slot] = ((versions[slot] ?? 0) + 1) >>> 0;
  }

  return {
    start() {
      if (closed || watcher !== null) return;
      const started = bus.subscribe(MEMBERSHIP_TRIGGERS.map((trigger) => channelName(trigger)));
      watcher = started;
      watching = (async () => {
        for await (const delivery of started) {
          const guid = eventOf(delivery)?.scope.guid;
          if (guid) bump(guid);
        }
      })().catch((error: unknown) => logger.error({ err: error }, 'membership watcher stopped'));
    },
    subscribe(channels) {
      open++;
      onSubscriptions?.(open);
      return bus.subscribe(channels, () => {
        open--;
        onSubscriptions?.(open);
      });
    },
    membershipVersion: (guid) => versions[slotOf(guid)] ?? 0,
    async close() {
      closed = true;
      await watcher?.return?.();
      await watching;
    },
  };
}
