/**
 * Who may see which event. An admin sees every event. An end user sees an event only when they
 * could read what it is about by query:
 *
 * - a message, its edits, deletions, receipts, reactions and moderation: a 1:1 conversation only
 *   as one of its two users, a group's conversation only as a member of the group (asked of
 *   CometChat as that user, `GET /groups/{guid}` on their behalf);
 * - a group's own events: anyone for public and password groups; for private groups the members,
 *   and the users the event names (the member added, kicked or banned, who did it, the owners);
 * - blocks: the user who blocked and the users blocked; presence: everyone;
 * - call sessions: the participants the payload names; recordings and transcripts: admins only
 *   (their payloads name no participant).
 *
 * Membership answers are cached per subscription for a minute, and asked again as soon as a
 * membership event about that group arrives. A failed check hides the event (and is logged).
 */
import type { GatewayContext } from '../context.js';
import { conversationPartner } from '../loaders/index.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { MessageRecord } from '../upstream/records.js';
import type { EventFeed } from '../webhooks/feed.js';
import type { ReactionEvent, RealtimeEvent } from '../webhooks/payloads.js';

export const MEMBERSHIP_CACHE_MS = 60_000;

export interface ViewerAccess {
  mayRead(event: RealtimeEvent): Promise<boolean>;
}

const GROUP_PREFIX = 'group_';

/** The message a reaction is about in the app view, read once per event for every admin. */
const reactedMessages = new WeakMap<ReactionEvent, Promise<MessageRecord | null>>();

/**
 * The message a reaction is about: in `asUid`'s view when given, else in the caller's own (an end
 * user's: null when out of their reach); an admin's app-view copy is shared by every admin
 * subscriber of the event.
 */
export function reactedMessage(
  context: GatewayContext,
  event: ReactionEvent,
  asUid?: string,
): Promise<MessageRecord | null> {
  const id = event.reaction.messageId;
  if (asUid !== undefined || context.reads.own !== null) {
    return context.view(asUid).loaders.messages.load(id);
  }
  let found = reactedMessages.get(event);
  if (!found) {
    found = context.view(null).loaders.messages.load(id);
    reactedMessages.set(event, found);
  }
  return found;
}

interface Membership {
  member: boolean;
  at: number;
  version: number;
}

/**
 * The access check of one subscription: as the caller, or as `asUid` when an admin watches one
 * user's view (`conversationUpdated(uid:)`).
 */
export function viewerAccess(
  context: GatewayContext,
  feed: EventFeed,
  asUid?: string,
): ViewerAccess {
  const { caller } = context;
  const viewer = caller.kind === 'user' ? caller.uid : asUid;
  // The app's view reads everything: one shared answer, no per-subscription state.
  if (viewer === undefined) return READS_ALL;
  return userAccess(context, feed, viewer);
}

const READS_ALL: ViewerAccess = { mayRead: () => Promise.resolve(true) };

/** A user's access: their conversations, and the groups they are in (asked, then remembered). */
function userAccess(context: GatewayContext, feed: EventFeed, uid: string): ViewerAccess {
  const memberships = new Map<string, Membership>();

  async function isMember(guid: string, ifUnknown?: boolean): Promise<boolean> {
    const version = feed.membershipVersion(guid);
    const known = memberships.get(guid);
    if (known && known.version === version && Date.now() - known.at < MEMBERSHIP_CACHE_MS) {
      return known.member;
    }
    // A deleted group can no longer be asked about: the last answer stands, if there was one.
    if (ifUnknown !== undefined) return known?.member ?? ifUnknown;
    let member: boolean;
    try {
      // The group as that user reads it: null when it is private and they are not in it.
      const group = await context.view(uid).loaders.groups.load(guid);
      member = group?.hasJoined === true;
    } catch (error) {
      if (!isUpstreamError(error) || (error.kind !== 'not_found' && error.kind !== 'forbidden')) {
        throw error;
      }
      member = false;
    }
    memberships.set(guid, { member, at: Date.now(), version });
    return member;
  }

  function conversation(conversationId: string): Promise<boolean> {
    if (conversationId.startsWith(GROUP_PREFIX)) {
      return isMember(conversationId.slice(GROUP_PREFIX.length));
    }
    return Promise.resolve(conversationPartner(conversationId, uid) !== null);
  }

  async function decide(event: RealtimeEvent): Promise<boolean> {
    switch (event.kind) {
      case 'message':
      case 'moderation':
        return conversation(event.message.conversationId);
      case 'message_change':
      case 'receipt':
        return conversation(event.conversationId);
      case 'reaction': {
        const message = await reactedMessage(context, event, uid);
        return message !== null && conversation(message.conversationId);
      }
      case 'block':
      case 'call':
        return event.scope.uids.includes(uid);
      case 'presence':
        return true;
      case 'call_artifact':
        return false;
      case 'group': {
        if (event.scope.uids.includes(uid)) return true;
        if (event.group.type !== null && event.group.type !== 'private') return true;
        if (event.trigger === 'group_deleted') return isMember(event.group.guid, false);
        return isMember(event.group.guid);
      }
    }
  }

  return {
    async mayRead(event) {
      try {
        return await decide(event);
      } catch (error) {
        context.logger.warn(
          { err: error, trigger: event.trigger },
          'subscription access check failed; event not delivered',
        );
        return false;
      }
    },
  };
}
