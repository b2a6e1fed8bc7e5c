/**
 * The app-wide ("global") pinned conversations: the conversations CometChat pins at the top of
 * every user's list who has them (`pinnedBy: app_system`, `Conversation.isPinnedByApp`). Admin
 * only: `appPinnedConversations` reads them, `appPinnedConversationsSet` replaces the list.
 */
import './mutation.js';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { AppView } from '../loaders/index.js';
import {
  type AppPinnedConversationRecord,
  setAppPinnedConversations,
} from '../upstream/app-pins.js';
import { MUTATION_ERRORS } from './errors.js';
import { inputObject, kind } from './input.js';
import { LIMITS } from './limits.js';
import { runMutation } from './mutation-support.js';
import { GroupRef, UserRef } from './refs.js';

/** A gateway limit on one list (CometChat's own is an app setting it does not document). */
const MAX_APP_PINS = LIMITS.appPinnedConversations;

const AppPinnedConversation = builder
  .objectRef<AppPinnedConversationRecord>('AppPinnedConversation')
  .implement({
    description:
      "A conversation the app pinned for everyone: a user's 1:1 conversations with each other user, or a group's conversation.",
    fields: (t) => ({
      user: t.field({
        type: UserRef,
        nullable: true,
        description: 'The user whose conversations are pinned; null for a group or a missing user.',
        resolve: (pin, _args, context) =>
          pin.type === 'user' ? context.view().loaders.users.load(pin.uid) : null,
      }),
      group: t.field({
        type: GroupRef,
        nullable: true,
        description: 'The group whose conversation is pinned; null for a user or a missing group.',
        resolve: (pin, _args, context) =>
          pin.type === 'group' ? context.view().loaders.groups.load(pin.guid) : null,
      }),
      uid: t.string({
        nullable: true,
        description: 'The uid, for a user conversation.',
        resolve: (pin) => (pin.type === 'user' ? pin.uid : null),
      }),
      guid: t.string({
        nullable: true,
        description: 'The guid, for a group conversation.',
        resolve: (pin) => (pin.type === 'group' ? pin.guid : null),
      }),
      pinnedAt: t.expose('pinnedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When it was pinned; null when CometChat does not say.',
      }),
    }),
  });

builder.queryField('appPinnedConversations', (t) =>
  t.field({
    type: [AppPinnedConversation],
    nullable: true,
    description:
      'The conversations the app pins for every user (at most 25 through this API). Admin only. One upstream call. Null when it could not be read (the error on this field says why).',
    authScopes: { admin: true },
    resolve: (_root, _args, context) => (context.view(null) as AppView).appPinnedConversations(),
  }),
);

/** A pinned conversation's uid or guid, as given (lowercased when sent). */
const pinKey = kind(
  'String',
  z.string().trim().min(1, 'must not be empty').max(LIMITS.id),
  `1 to ${LIMITS.id} characters.`,
);

const AppPinTarget = inputObject('AppPinnedConversationInput', {
  description: 'A conversation to pin for everyone: exactly one of `uid` and `guid`.',
  fields: {
    uid: pinKey.optional('A user: their 1:1 conversations are pinned for everyone.'),
    guid: pinKey.optional('A group: its conversation is pinned for its members.'),
  },
  check: (value, ctx) => {
    if ((value.uid == null) === (value.guid == null)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `uid` and `guid`' });
    }
  },
});

const AppPinnedConversationsSet = inputObject('AppPinnedConversationsSetInput', {
  description: 'The whole new list of app-wide pinned conversations, in order.',
  fields: {
    conversations: kind(
      [AppPinTarget.ref],
      z
        .array(AppPinTarget.schema)
        .max(MAX_APP_PINS, `must hold at most ${MAX_APP_PINS} conversations`),
      `At most ${MAX_APP_PINS} conversations.`,
    ).required('The conversations; an empty list unpins them all.'),
  },
});

const AppPinnedConversationsSetPayload = builder
  .objectRef<{ pinnedConversations: AppPinnedConversationRecord[] }>(
    'AppPinnedConversationsSetPayload',
  )
  .implement({
    description: 'The app-wide pinned conversations as they now are.',
    fields: (t) => ({
      pinnedConversations: t.field({
        type: [AppPinnedConversation],
        description: 'The list as CometChat now holds it.',
        resolve: (payload) => payload.pinnedConversations,
      }),
    }),
  });

builder.mutationField('appPinnedConversationsSet', (t) =>
  t.field({
    type: AppPinnedConversationsSetPayload,
    description:
      "Replaces the conversations the app pins for every user (CometChat's global pins, shown first with `isPinnedByApp`). Admin only, as the app (not with `X-Act-As`).",
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The new list, or why it was refused.' },
    },
    args: {
      input: t.arg({
        type: AppPinnedConversationsSet.ref,
        required: true,
        description: 'The list.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = AppPinnedConversationsSet.parse(input);
      const targets = value.conversations.map((c) =>
        c.uid != null ? { uid: c.uid.toLowerCase() } : { guid: (c.guid as string).toLowerCase() },
      );
      const pinnedConversations = await runMutation(
        context,
        () => setAppPinnedConversations(context.upstream, targets, { signal: context.signal }),
        { fieldMap: { pinnedConversations: ['conversations'] } },
      );
      return { pinnedConversations };
    },
  }),
);
