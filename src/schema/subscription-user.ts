/** Subscriptions about users: blocks and unblocks, and presence (connection status changes). */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import type { UserRecord } from '../upstream/records.js';
import type { BlockEvent, PayloadUser, PresenceEvent } from '../webhooks/payloads.js';
import { keyArg } from './arg-checks.js';
import { MAX_EVENT_USERS } from './cost.js';
import { loadUserOrNull } from './message/common.js';
import { UserRef } from './refs.js';
import { beginEvent, eventStream, eventType, uidFilter } from './subscription.js';
import { UserStatus } from './user.js';

async function loadUsers(context: GatewayContext, users: PayloadUser[]): Promise<UserRecord[]> {
  const loaded = await Promise.all(
    users.slice(0, MAX_EVENT_USERS).map((user) => loadUserOrNull(context, user.uid)),
  );
  return loaded.filter((user) => user !== null);
}

function blockType(name: string, verb: 'blocked' | 'unblocked', trigger: string) {
  return eventType<BlockEvent>(
    name,
    `A user ${verb} other users (CometChat trigger \`${trigger}\`).`,
    (t) => ({
      by: t.field({
        type: UserRef,
        nullable: true,
        description: `The user who ${verb} them; null when that user no longer exists.`,
        resolve: (event, _args, context) => loadUserOrNull(context, event.by.uid),
      }),
      users: t.field({
        type: [UserRef],
        nullable: true,
        description: `The users ${verb} (the first ${MAX_EVENT_USERS} the payload names); users that no longer exist are left out. Null when it could not be read (the error on this field says why).`,
        resolve: (event, _args, context) => loadUsers(context, event.users),
      }),
    }),
  );
}

const UserBlockedEvent = blockType('UserBlockedEvent', 'blocked', 'user_blocked');
const UserUnblockedEvent = blockType('UserUnblockedEvent', 'unblocked', 'user_unblocked');

for (const [field, trigger, type, verb] of [
  ['userBlocked', 'user_blocked', UserBlockedEvent, 'block'],
  ['userUnblocked', 'user_unblocked', UserUnblockedEvent, 'unblock'],
] as const) {
  builder.subscriptionField(field, (t) =>
    t.field({
      type,
      description: `Each ${verb}: an end user receives those they made and those of which they are the subject; an admin receives all.`,
      args: {
        uid: t.arg.string({
          description: `Only ${verb}s this user made or is the subject of (uid).`,
          validate: keyArg,
        }),
      },
      subscribe: (_root, args, context) => {
        const uid = uidFilter(args.uid);
        return eventStream(context, {
          triggers: [trigger],
          accepts: (event): event is BlockEvent =>
            event.kind === 'block' && event.trigger === trigger,
          matches: (event) =>
            uid === null || event.scope.uids.some((one) => one.toLowerCase() === uid),
        });
      },
      resolve: (event, _args, context) => beginEvent(context, event),
    }),
  );
}

const UserStatusChangedEvent = eventType<PresenceEvent>(
  'UserStatusChangedEvent',
  'A user connected to or disconnected from CometChat (trigger `user_connection_status_changed`).',
  (t) => ({
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The user; null when that user no longer exists.',
      resolve: (event, _args, context) => loadUserOrNull(context, event.user.uid),
    }),
    status: t.field({
      type: UserStatus,
      description: 'Whether the user is connected now.',
      resolve: (event) => event.status,
    }),
    platform: t.string({
      nullable: true,
      description:
        'The platform of the connection that changed (`javascript`, `android`, ...); null when CometChat did not say.',
      resolve: (event) => event.platform,
    }),
  }),
);

builder.subscriptionField('userStatusChanged', (t) =>
  t.field({
    type: UserStatusChangedEvent,
    description: "Each change of a user's connection status (presence), for every caller.",
    args: {
      uid: t.arg.string({ description: 'Only this user (uid).', validate: keyArg }),
    },
    subscribe: (_root, args, context) => {
      const uid = uidFilter(args.uid);
      return eventStream(context, {
        triggers: ['user_connection_status_changed'],
        accepts: (event): event is PresenceEvent => event.kind === 'presence',
        matches: (event) => uid === null || event.user.uid.toLowerCase() === uid,
      });
    },
    resolve: (event, _args, context) => beginEvent(context, event),
  }),
);
