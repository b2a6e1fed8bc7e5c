/** Subscriptions about groups: created, updated, deleted, membership changes, owner changes. */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import type { GroupRecord, UserRecord } from '../upstream/records.js';
import type { GroupEvent } from '../webhooks/payloads.js';
import { keyArg } from './arg-checks.js';
import { MAX_EVENT_USERS } from './cost.js';
import { GroupMemberScope } from './group-member.js';
import { loadUserOrNull } from './message/common.js';
import type { ObjectFieldBuilder } from './mutations/fields.js';
import { GroupRef, UserRef } from './refs.js';
import { beginEvent, eventStream, eventType, idFilter, uidFilter } from './subscription.js';

type GroupTrigger = GroupEvent['trigger'];

function loadGroup(context: GatewayContext, event: GroupEvent): Promise<GroupRecord | null> {
  // A deleted group can no longer be read: the payload's copy is all there is.
  if (event.trigger === 'group_deleted') {
    const record = event.group.record;
    // Rendered for nobody: without any membership, as the app view holds groups.
    return Promise.resolve(
      record ? { ...record, scope: null, joinedAt: null, hasJoined: null } : null,
    );
  }
  return context.view().loaders.groups.load(event.group.guid);
}

async function loadMembers(context: GatewayContext, event: GroupEvent): Promise<UserRecord[]> {
  const users = await Promise.all(
    event.members
      .slice(0, MAX_EVENT_USERS)
      .map((member) => loadUserOrNull(context, member.user.uid)),
  );
  return users.filter((user) => user !== null);
}

function groupFields(t: ObjectFieldBuilder<GroupEvent>) {
  return {
    group: t.field({
      type: GroupRef,
      nullable: true,
      description:
        'The group, as the caller may read it (a deleted group: as the payload last described it). Null when it can no longer be read.',
      resolve: (event, _args, context) => loadGroup(context, event),
    }),
    guid: t.string({
      description: "The group's CometChat identifier (known even when `group` is null).",
      resolve: (event) => event.group.guid,
    }),
  };
}

function byField(t: ObjectFieldBuilder<GroupEvent>, description: string) {
  return t.field({
    type: UserRef,
    nullable: true,
    description,
    resolve: (event, _args, context) => loadUserOrNull(context, event.by?.uid ?? null),
  });
}

const GroupCreatedEvent = eventType<GroupEvent>(
  'GroupCreatedEvent',
  'A group was created (CometChat trigger `group_created`).',
  (t) => ({
    ...groupFields(t),
    members: t.field({
      type: [UserRef],
      nullable: true,
      description: `The members it was created with (the first ${MAX_EVENT_USERS} the payload names); users that no longer exist are left out. Null when it could not be read (the error on this field says why).`,
      resolve: (event, _args, context) => loadMembers(context, event),
    }),
  }),
);

const GroupUpdatedEvent = eventType<GroupEvent>(
  'GroupUpdatedEvent',
  "A group's details changed (CometChat trigger `group_updated`).",
  (t) => groupFields(t),
);

const GroupDeletedEvent = eventType<GroupEvent>(
  'GroupDeletedEvent',
  'A group was deleted (CometChat trigger `group_deleted`).',
  (t) => groupFields(t),
);

function membersType(name: string, trigger: GroupTrigger, what: string, by: string | null) {
  return eventType<GroupEvent>(name, `${what} (CometChat trigger \`${trigger}\`).`, (t) => ({
    ...groupFields(t),
    users: t.field({
      type: [UserRef],
      nullable: true,
      description: `The members concerned (the first ${MAX_EVENT_USERS} the payload names); users that no longer exist are left out. Null when it could not be read (the error on this field says why).`,
      resolve: (event, _args, context) => loadMembers(context, event),
    }),
    ...(by === null
      ? {}
      : {
          by: byField(t, `${by}; null when the app itself did it or that user no longer exists.`),
        }),
  }));
}

const GroupMemberScopeChangedEvent = eventType<GroupEvent>(
  'GroupMemberScopeChangedEvent',
  "A member's scope changed (CometChat trigger `group_member_scope_changed`).",
  (t) => ({
    ...groupFields(t),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The member whose scope changed; null when that user no longer exists.',
      resolve: (event, _args, context) =>
        loadUserOrNull(context, event.members[0]?.user.uid ?? null),
    }),
    scope: t.field({
      type: GroupMemberScope,
      nullable: true,
      description: 'The scope now; null when CometChat did not say.',
      resolve: (event) => event.members[0]?.scope ?? null,
    }),
    previousScope: t.field({
      type: GroupMemberScope,
      nullable: true,
      description: 'The scope before; null when CometChat did not say.',
      resolve: (event) => event.members[0]?.previousScope ?? null,
    }),
    by: byField(t, 'Who changed it; null when the app itself did or that user no longer exists.'),
  }),
);

const GroupOwnerChangedEvent = eventType<GroupEvent>(
  'GroupOwnerChangedEvent',
  "A group's ownership was transferred (CometChat trigger `group_owner_transferred`).",
  (t) => ({
    ...groupFields(t),
    owner: t.field({
      type: UserRef,
      nullable: true,
      description: 'The new owner; null when unknown or that user no longer exists.',
      resolve: (event, _args, context) => loadUserOrNull(context, event.group.owner),
    }),
    previousOwner: t.field({
      type: UserRef,
      nullable: true,
      description: 'The owner before; null when unknown or that user no longer exists.',
      resolve: (event, _args, context) => loadUserOrNull(context, event.group.previousOwner),
    }),
  }),
);

const FIELDS = [
  ['groupCreated', 'group_created', GroupCreatedEvent, 'Each group created'],
  ['groupUpdated', 'group_updated', GroupUpdatedEvent, "Each change to a group's details"],
  ['groupDeleted', 'group_deleted', GroupDeletedEvent, 'Each group deleted'],
  [
    'groupMemberJoined',
    'group_member_joined',
    membersType('GroupMemberJoinedEvent', 'group_member_joined', 'A user joined a group', null),
    'Each user joining a group',
  ],
  [
    'groupMemberLeft',
    'group_member_left',
    membersType('GroupMemberLeftEvent', 'group_member_left', 'A member left a group', null),
    'Each member leaving a group',
  ],
  [
    'groupMemberAdded',
    'group_member_added',
    membersType(
      'GroupMemberAddedEvent',
      'group_member_added',
      'Users were added to a group',
      'Who added them',
    ),
    'Each addition of members to a group',
  ],
  [
    'groupMemberKicked',
    'group_member_kicked',
    membersType(
      'GroupMemberKickedEvent',
      'group_member_kicked',
      'Members were kicked from a group',
      'Who kicked them',
    ),
    'Each member kicked from a group',
  ],
  [
    'groupMemberBanned',
    'group_member_banned',
    membersType(
      'GroupMemberBannedEvent',
      'group_member_banned',
      'Users were banned from a group',
      'Who banned them',
    ),
    'Each ban from a group',
  ],
  [
    'groupMemberUnbanned',
    'group_member_unbanned',
    membersType(
      'GroupMemberUnbannedEvent',
      'group_member_unbanned',
      'Users were unbanned from a group',
      'Who unbanned them',
    ),
    'Each ban lifted',
  ],
  [
    'groupMemberScopeChanged',
    'group_member_scope_changed',
    GroupMemberScopeChangedEvent,
    "Each change of a member's scope",
  ],
  [
    'groupOwnerChanged',
    'group_owner_transferred',
    GroupOwnerChangedEvent,
    'Each ownership transfer',
  ],
] as const;

for (const [field, trigger, type, what] of FIELDS) {
  builder.subscriptionField(field, (t) =>
    t.field({
      type,
      description: `${what}: for an end user, of public and password groups, of private groups they are a member of, and those naming them; an admin receives all.`,
      args: {
        guid: t.arg.string({ description: 'Only this group (guid).', validate: keyArg }),
        uid: t.arg.string({
          description: 'Only events naming this user (a member concerned, who acted, an owner).',
          validate: keyArg,
        }),
      },
      subscribe: (_root, args, context) => {
        const guid = idFilter(args.guid);
        const uid = uidFilter(args.uid);
        return eventStream(context, {
          triggers: [trigger],
          narrow: guid ? { guid } : undefined,
          accepts: (event): event is GroupEvent =>
            event.kind === 'group' && event.trigger === trigger,
          matches: (event) =>
            (guid === null || event.group.guid === guid) &&
            (uid === null || event.scope.uids.some((one) => one.toLowerCase() === uid)),
        });
      },
      resolve: (event, _args, context) => beginEvent(context, event),
    }),
  );
}
