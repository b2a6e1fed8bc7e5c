/**
 * Priming the request's loaders from records CometChat already embedded in another answer: a
 * message's `data.entities` (sender, receiver, and an action's `by`/`on`/`for`), a conversation's
 * `conversationWith` and `lastMessage`, a reaction's `reactedBy`. A primed record saves a GET.
 *
 * A loader holds records as the caller would fetch them: app-level for an admin (no
 * viewer-relative fields), on the user's own behalf for a user caller. Embedded records are
 * rendered for someone else (the `onBehalfOf` user of the list, or nobody), so each is either
 * made neutral (admin) or primed only when it was rendered for the caller (user callers).
 */
import type { Caller } from '../context.js';
import type {
  CallRecord,
  ConversationRecord,
  GroupRecord,
  MessageRecord,
  ReactionRecord,
  UserRecord,
} from '../upstream/records.js';
import { conversationKey } from './conversations.js';
import { withoutMembership } from './groups.js';
import type { Loaders } from './index.js';
import { hasFullProfile, markFullProfile } from './users.js';

/** What priming needs: the request's loaders and who is asking (a GatewayContext fits). */
export interface PrimeTarget {
  loaders: Loaders;
  caller: Caller;
}

/**
 * Who CometChat rendered a record for: the `onBehalfOf` uid of the call that returned it, or null
 * for app-level calls and for embedded entities (CometChat renders those without a viewer).
 */
export type RenderedFor = string | null;

/**
 * A user record without the fields CometChat only fills relative to an `onBehalfOf` viewer. A
 * record known to hold the full profile stays marked so.
 */
export function withoutViewerFields(user: UserRecord): UserRecord {
  const neutral: UserRecord = {
    ...user,
    conversationId: null,
    blockedByMe: null,
    hasBlockedMe: null,
    blockedByMeAt: null,
    blockedAt: null,
    authToken: null,
  };
  return hasFullProfile(user) ? markFullProfile(neutral) : neutral;
}

/**
 * Primes the users loader with `user` when it matches what the loader would fetch. `fullProfile`
 * says the source included every profile field (tags too); embedded users usually do not.
 */
export function primeUser(
  target: PrimeTarget,
  user: UserRecord,
  renderedFor: RenderedFor,
  options: { fullProfile?: boolean } = {},
): void {
  const { caller, loaders } = target;
  if (options.fullProfile) markFullProfile(user);
  if (caller.kind === 'admin') {
    loaders.users.prime(user.uid, withoutViewerFields(user));
    return;
  }
  // A user's own record carries no viewer fields; anyone else's must be rendered for the caller.
  if (user.uid === caller.uid || (renderedFor === caller.uid && user.blockedByMe !== null)) {
    loaders.users.prime(user.uid, user);
  }
}

/** Primes the groups loader with `group` when it matches what the loader would fetch. */
export function primeGroup(
  target: PrimeTarget,
  group: GroupRecord,
  renderedFor: RenderedFor,
): void {
  const { caller, loaders } = target;
  if (caller.kind === 'admin') {
    loaders.groups.prime(group.guid, withoutMembership(group));
    return;
  }
  if (renderedFor === caller.uid && group.hasJoined !== null)
    loaders.groups.prime(group.guid, group);
}

type Entity = UserRecord | GroupRecord | MessageRecord | CallRecord | null;

function primeEntity(target: PrimeTarget, entity: Entity): void {
  if (entity === null) return;
  if (entity.kind === 'user') primeUser(target, entity, null);
  else if (entity.kind === 'group') primeGroup(target, entity, null);
  else if (entity.kind === 'message') primeMessage(target, entity, null);
}

/** Primes the users and groups loaders from the entities a message embeds (not the message). */
export function primeMessageEntities(target: PrimeTarget, message: MessageRecord): void {
  const { entities } = message;
  primeEntity(target, entities.sender);
  primeEntity(target, entities.receiver);
  primeEntity(target, entities.by);
  primeEntity(target, entities.on);
  primeEntity(target, entities.for);
}

/**
 * Primes the messages loader with `message` (for a user caller only when rendered for them: the
 * reaction summary's `reactedByMe` is viewer-relative), then the loaders of its entities.
 */
export function primeMessage(
  target: PrimeTarget,
  message: MessageRecord,
  renderedFor: RenderedFor,
): void {
  const { caller, loaders } = target;
  if (caller.kind === 'admin' || renderedFor === caller.uid) {
    loaders.messages.prime(message.id, message);
  }
  primeMessageEntities(target, message);
}

/** Primes from every message of a list. */
export function primeMessages(
  target: PrimeTarget,
  messages: readonly MessageRecord[],
  renderedFor: RenderedFor,
): void {
  for (const message of messages) primeMessage(target, message, renderedFor);
}

/**
 * Primes from one conversation as `ownerUid` sees it: the conversation itself (when its owner is
 * known and the caller may read that view), its partner and its last message. `partnerTags` says
 * the list was asked `withUserAndGroupTags`, so the partner is a full profile.
 */
export function primeConversation(
  target: PrimeTarget,
  conversation: ConversationRecord,
  ownerUid: string | null,
  options: { partnerTags?: boolean } = {},
): void {
  const { caller, loaders } = target;
  if (ownerUid !== null && (caller.kind === 'admin' || caller.uid === ownerUid)) {
    loaders.conversations.prime(
      conversationKey(ownerUid, conversation.conversationId),
      conversation,
    );
  }
  const partner = conversation.conversationWith;
  if (partner?.kind === 'user') {
    primeUser(target, partner, ownerUid, { fullProfile: options.partnerTags === true });
  } else if (partner?.kind === 'group') primeGroup(target, partner, ownerUid);
  if (conversation.lastMessage) primeMessage(target, conversation.lastMessage, ownerUid);
}

/** Primes the users loader from the reacting users of a reaction list. */
export function primeReactions(
  target: PrimeTarget,
  reactions: readonly ReactionRecord[],
  renderedFor: RenderedFor,
): void {
  for (const reaction of reactions) {
    if (reaction.reactedBy) primeUser(target, reaction.reactedBy, renderedFor);
  }
}

/** Records a webhook event embeds (see `primeFromEvent`). */
export interface EventRecords {
  users: readonly UserRecord[];
  groups: readonly GroupRecord[];
  messages: readonly MessageRecord[];
}

/**
 * Primes from the records a webhook payload embeds, for one subscription event. Payloads are
 * rendered for no viewer, so users and groups are primed without their viewer-relative fields for
 * every caller (on a user caller's subscription, `blockedByViewer` of a user named by the event
 * reads null: CometChat did not say), and each message's embedded entities the same way; the
 * messages themselves (whose reaction summary is viewer-relative) only for admins.
 */
export function primeFromEvent(target: PrimeTarget, records: EventRecords): void {
  const { caller, loaders } = target;
  const neutralUser = (user: UserRecord) =>
    loaders.users.prime(user.uid, withoutViewerFields(user));
  const neutralEntity = (entity: Entity) => {
    if (entity?.kind === 'user') neutralUser(entity);
    else if (entity?.kind === 'group') loaders.groups.prime(entity.guid, withoutMembership(entity));
  };
  for (const user of records.users) neutralUser(user);
  for (const group of records.groups) loaders.groups.prime(group.guid, withoutMembership(group));
  for (const message of records.messages) {
    if (caller.kind === 'admin') loaders.messages.prime(message.id, message);
    const { entities } = message;
    for (const entity of [
      entities.sender,
      entities.receiver,
      entities.by,
      entities.on,
      entities.for,
    ]) {
      neutralEntity(entity);
    }
  }
}
