import { GroupRef, MessageRef, UserRef } from '../refs.js';
import { loadUserOrNull } from './common.js';
import { messageNode, openEnum } from './node.js';

const actions = openEnum('MessageAction', {
  description: 'What an action message records.',
  known: {
    ADDED: { value: 'added', description: 'A user was added to the group.' },
    JOINED: { value: 'joined', description: 'A user joined the group.' },
    LEFT: { value: 'left', description: 'A user left the group.' },
    KICKED: { value: 'kicked', description: 'A member was removed from the group.' },
    BANNED: { value: 'banned', description: 'A user was banned from the group.' },
    UNBANNED: { value: 'unbanned', description: 'A user was unbanned from the group.' },
    SCOPE_CHANGED: {
      value: 'scopeChanged',
      description: "A member's scope (admin, moderator, participant) changed.",
    },
    EDITED: { value: 'edited', description: 'A message was edited.' },
    DELETED: { value: 'deleted', description: 'A message was deleted.' },
  },
  other: "An action this API does not know yet; `actionName` holds CometChat's name.",
});

export const MessageAction = actions.ref;

export const ActionMessage = messageNode('ActionMessage', {
  description:
    'A record CometChat adds to a conversation when something happens: a membership change in a group, or a message edited or deleted.',
  fields: (t) => ({
    action: t.field({
      type: MessageAction,
      description: 'What happened.',
      resolve: (message) => actions.narrow(message.action ?? ''),
    }),
    actionName: t.string({
      description: "CometChat's own name of the action, e.g. `scopeChanged` (useful with OTHER).",
      resolve: (message) => message.action ?? '',
    }),
    actor: t.field({
      type: UserRef,
      nullable: true,
      description:
        "Who did it. Null when the app itself acted (CometChat's `app_system`) or the user no longer exists.",
      resolve: (message, _args, context) =>
        loadUserOrNull(context, message.entities.by?.uid ?? message.sender),
    }),
    targetUser: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user acted on (membership actions: who was added, kicked, banned, ...); null for other actions.',
      resolve: (message, _args, context) => {
        const on = message.entities.on;
        return on?.kind === 'user' ? loadUserOrNull(context, on.uid) : null;
      },
    }),
    targetMessage: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The message acted on (edits and deletions); null for other actions and when that message no longer exists.',
      resolve: (message, _args, context) => {
        const on = message.entities.on;
        return on?.kind === 'message' ? context.view().loaders.messages.load(on.id) : null;
      },
    }),
    targetGroup: t.field({
      type: GroupRef,
      nullable: true,
      description:
        'The group the action happened in (membership actions, and edits or deletions in a group); null in 1:1 conversations and when the group no longer exists.',
      resolve: (message, _args, context) => {
        const { on, for: where } = message.entities;
        const guid =
          on?.kind === 'group'
            ? on.guid
            : where?.kind === 'group'
              ? where.guid
              : message.receiverType === 'group'
                ? message.receiver
                : null;
        return guid === null ? null : context.view().loaders.groups.load(guid);
      },
    }),
  }),
});
