/**
 * Action messages (category `action`) that CometChat stores when membership or a message
 * changes, and the webhook payloads that go with them.
 */
import type { EmulatorContext } from './http.js';
import { renderGroup, renderMessage, userEntity } from './render.js';
import {
  conversationIdFor,
  type GroupRow,
  type MessageRow,
  type Scope,
  type Store,
  SYSTEM_UID,
} from './store.js';

export type MemberActionName =
  | 'added'
  | 'joined'
  | 'left'
  | 'kicked'
  | 'banned'
  | 'unbanned'
  | 'scopeChanged';

export const MEMBER_TRIGGERS: Record<MemberActionName, string> = {
  added: 'group_member_added',
  joined: 'group_member_joined',
  left: 'group_member_left',
  kicked: 'group_member_kicked',
  banned: 'group_member_banned',
  unbanned: 'group_member_unbanned',
  scopeChanged: 'group_member_scope_changed',
};

export interface MemberChange {
  uid: string;
  scope?: Scope;
  oldScope?: Scope;
}

/** Stores the `groupMember` action message for one membership change in the group conversation. */
export function storeMemberAction(
  store: Store,
  group: GroupRow,
  actor: string,
  action: MemberActionName,
  change: MemberChange,
): MessageRow {
  const now = store.now();
  const data: Record<string, unknown> = { action };
  if (action === 'scopeChanged' && change.scope && change.oldScope) {
    data.extras = { scope: { old: change.oldScope, new: change.scope } };
  }
  return store.addMessage({
    conversationId: conversationIdFor('group', actor, group.guid),
    sender: actor,
    receiver: group.guid,
    receiverType: 'group',
    category: 'action',
    type: 'groupMember',
    data,
    tags: [],
    sentAt: now,
    updatedAt: now,
    replyCount: 0,
    action: {
      by: { type: 'user', id: actor },
      on: { type: 'user', id: change.uid },
      for: { type: 'group', id: group.guid },
    },
  });
}

/** Emits the `group_member_*` trigger: `{group, members:{<uid>:{...user, scope?, oldScope?}}, by?}`. */
export function emitMemberEvent(
  ctx: EmulatorContext,
  group: GroupRow,
  actor: string,
  action: MemberActionName,
  changes: readonly MemberChange[],
): void {
  if (changes.length === 0) return;
  const members: Record<string, unknown> = {};
  for (const change of changes) {
    members[change.uid] = {
      ...userEntity(ctx.store, change.uid),
      ...(change.scope !== undefined ? { scope: change.scope } : {}),
      ...(change.oldScope !== undefined ? { oldScope: change.oldScope } : {}),
    };
  }
  const withActor = action !== 'joined' && action !== 'left';
  ctx.emit(MEMBER_TRIGGERS[action], {
    group: renderGroup(ctx.store, group, undefined, { withTags: true }),
    members,
    ...(withActor ? { by: userEntity(ctx.store, actor) } : {}),
  });
}

/** Stores the `message` action (`edited` or `deleted`) for a change to `target` by `actor`. */
export function storeMessageAction(
  store: Store,
  target: MessageRow,
  actor: string,
  action: 'edited' | 'deleted',
): MessageRow {
  const now = store.now();
  const forEntity =
    target.receiverType === 'group'
      ? { type: 'group' as const, id: target.receiver }
      : { type: 'user' as const, id: target.receiver === actor ? target.sender : target.receiver };
  return store.addMessage({
    conversationId: target.conversationId,
    sender: actor,
    receiver: target.receiver,
    receiverType: target.receiverType,
    category: 'action',
    type: 'message',
    data: { action },
    tags: [],
    sentAt: now,
    updatedAt: now,
    replyCount: 0,
    action: {
      by: { type: 'user', id: actor },
      on: { type: 'message', id: String(target.id) },
      for: forEntity,
    },
  });
}

/** The payload of `message_sent`, `message_edited`, `message_deleted` and `user_mentioned`. */
export function messagePayload(store: Store, message: MessageRow): Record<string, unknown> {
  return { message: renderMessage(store, message) };
}

/** The actor of a call: the `onBehalfOf` user, or CometChat's system user for app-level calls. */
export function actorOf(onBehalfOf: string | undefined): string {
  return onBehalfOf ?? SYSTEM_UID;
}
