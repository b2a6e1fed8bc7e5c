/**
 * Moderation for moderators and tools: the queue of flagged messages (each with the message, who
 * flagged it and why), the messages the rule engine blocked, the reviewed ones, the flag reasons,
 * and (from the Management API) the rules and keyword lists. Admin only.
 */
import { ADMIN_NOTE, builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { MODERATION_WINDOW, toolingReads } from '../loaders/index.js';
import type {
  BlockedMessageRecord,
  FlaggedMessageRecord,
  FlagRecord,
  KeywordListRecord,
  ModerationReasonRecord,
  ModerationRuleRecord,
} from '../upstream/moderation.js';
import { shortTextArg } from './arg-checks.js';
import { adminWindowList, countedConnection } from './connections.js';
import { aliased } from './deprecation.js';
import { MessageRef, UserRef } from './refs.js';
import { assertManagement } from './webhook.js';

/** The most flags shown per flagged message. */
export const MAX_FLAGS_SHOWN = 10;

const WINDOW_NOTE = `CometChat's moderation lists have no page parameter: this connection pages through the first ${MODERATION_WINDOW} items CometChat returns (one upstream call).`;

export function moderationReads(context: GatewayContext) {
  return toolingReads(context.upstream, context.view(null));
}

export const ModerationReason = builder
  .objectRef<ModerationReasonRecord>('ModerationReason')
  .implement({
    description:
      'A reason users pick when they flag a message (`messageFlag`), e.g. spam or harassment.',
    fields: (t) => ({
      reasonId: t.exposeString('id', {
        description: "The reason's identifier, the `reasonId` of `messageFlag`.",
      }),
      name: t.exposeString('name', { description: 'The display name.' }),
      description: t.exposeString('description', {
        nullable: true,
        description: 'What the reason covers; null when none is set.',
      }),
      isDefault: t.exposeBoolean('isDefault', {
        description: "Whether it is one of CometChat's built-in reasons.",
      }),
      createdAt: t.expose('createdAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When it was created; null when CometChat did not say.',
      }),
      updatedAt: t.expose('updatedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When it last changed; null when CometChat did not say.',
      }),
    }),
  });

const MessageFlagReport = builder.objectRef<FlagRecord>('MessageFlagReport').implement({
  description: "One user's report of a message: who flagged it, why, and when.",
  fields: (t) => ({
    flaggedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'The user who flagged the message; null when they no longer exist.',
      resolve: (flag, _args, context) => context.view().loaders.users.load(flag.uid),
    }),
    flaggedByUid: t.exposeString('uid', { description: 'The uid of the user who flagged it.' }),
    reasonId: t.exposeString('reasonId', { description: 'The id of the reason they picked.' }),
    reasonName: t.exposeString('reasonName', {
      nullable: true,
      description: "The reason's display name at the time; null when CometChat did not say.",
    }),
    remark: t.exposeString('remark', {
      nullable: true,
      description: 'What the user added in their own words; null when nothing.',
    }),
    flaggedAt: t.expose('flaggedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When they flagged it; null when CometChat did not say.',
    }),
  }),
});

const FlaggedMessage = builder.objectRef<FlaggedMessageRecord>('FlaggedMessage').implement({
  description: 'A message in the moderation queue: flagged by users and awaiting review.',
  fields: (t) => ({
    message: t.field({
      type: MessageRef,
      description: 'The flagged message, as CometChat holds it.',
      resolve: (flagged) => flagged.message,
    }),
    flags: t.field({
      type: [MessageFlagReport],
      description: `The reports on the message, oldest first (the first ${MAX_FLAGS_SHOWN}).`,
      resolve: (flagged) => flagged.flags.slice(0, MAX_FLAGS_SHOWN),
    }),
    flagCount: t.exposeInt('flagCount', { description: 'How many times it was flagged.' }),
  }),
});

export const ModerationDecision = builder.enumType('ModerationReviewDecision', {
  description: "A moderator's decision on a message.",
  values: {
    APPROVE: { value: 'approve', description: 'The message is acceptable and stays visible.' },
    BLOCK: { value: 'block', description: 'The message violates the rules and is hidden.' },
  } as const,
});

const BlockedMessage = builder.objectRef<BlockedMessageRecord>('ModeratedMessage').implement({
  description:
    'A message the moderation rules acted on (or a moderator reviewed): the message, the rule and what it matched.',
  fields: (t) => ({
    message: t.field({
      type: MessageRef,
      description: 'The message, as CometChat holds it.',
      resolve: (entry) => entry.message,
    }),
    ruleId: t.exposeString('ruleId', {
      nullable: true,
      description: 'The id of the rule that matched; null for a message users flagged.',
    }),
    ruleName: t.exposeString('ruleName', {
      nullable: true,
      description: "The rule's name; null for a message users flagged.",
    }),
    reasons: t.exposeStringList('reasons', {
      description: "What the matching condition found, in CometChat's words.",
    }),
    actions: t.exposeStringList('actions', {
      description: 'What the rule did, e.g. `blockMessage` (an open set).',
    }),
    status: t.exposeString('status', {
      nullable: true,
      description:
        'The moderation status of the message: `pending`, `approved` or `disapproved` (an open set); null when not said.',
    }),
    moderatedAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the rule acted; null when CometChat did not say.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the entry last changed (e.g. reviewed); null when not said.',
    }),
  }),
});

export const ModerationRule = builder.objectRef<ModerationRuleRecord>('ModerationRule').implement({
  description: 'A moderation rule: conditions on messages and what to do when they match.',
  fields: (t) => ({
    ruleId: t.exposeString('id', { description: "The rule's identifier." }),
    name: t.exposeString('name', { description: 'The display name.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the rule is for; null when none is set.',
    }),
    ...aliased('isEnabled', 'enabled', (options) =>
      t.exposeBoolean('enabled', { ...options, description: 'Whether the rule is applied.' }),
    ),
    actions: t.exposeStringList('actions', {
      description: 'What it does on a match, e.g. `blockMessage` (an open set).',
    }),
    conditions: t.exposeStringList('conditions', {
      description: "Its conditions, in CometChat's words.",
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was created; null when not said.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it last changed; null when not said.',
    }),
  }),
});

export const KeywordList = builder.objectRef<KeywordListRecord>('ModerationKeywordList').implement({
  description: 'A list of words or patterns moderation rules refer to.',
  fields: (t) => ({
    listId: t.exposeString('id', { description: "The list's identifier." }),
    name: t.exposeString('name', {
      nullable: true,
      description: 'The display name; null when none.',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the list is for; null when none is set.',
    }),
    category: t.exposeString('category', {
      description:
        'What its entries are: `word`, `pattern` or `sentence-similarity` (an open set).',
    }),
    terms: t.exposeStringList('terms', { description: 'Its words or patterns.' }),
    isDefault: t.exposeBoolean('isDefault', {
      description: "Whether it is one of CometChat's built-in lists.",
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it last changed; null when not said.',
    }),
  }),
});

function connection<Type extends Parameters<typeof countedConnection>[0]['type']>(
  name: string,
  type: Type,
  description: string,
  noun: string,
) {
  return countedConnection(
    {
      name: `${name}Connection`,
      type,
      description,
      totalCount: `How many ${noun} the window holds (at most ${MODERATION_WINDOW}).`,
    },
    { name: `${name}Edge`, description: `One of the ${noun}, with its cursor.` },
  );
}

const ModerationReasonConnection = connection(
  'ModerationReason',
  ModerationReason,
  'A page of moderation reasons.',
  'reasons',
);
const FlaggedMessageConnection = connection(
  'FlaggedMessage',
  FlaggedMessage,
  'A page of the moderation queue.',
  'flagged messages',
);
const ModeratedMessageConnection = connection(
  'ModeratedMessage',
  BlockedMessage,
  'A page of moderated messages.',
  'messages',
);
const ModerationRuleConnection = connection(
  'ModerationRule',
  ModerationRule,
  'A page of moderation rules.',
  'rules',
);
const ModerationKeywordListConnection = connection(
  'ModerationKeywordList',
  KeywordList,
  'A page of keyword lists.',
  'keyword lists',
);

builder.queryFields((t) => ({
  moderationQueue: adminWindowList(t, {
    type: FlaggedMessageConnection,
    noun: 'flagged messages',
    description: `The moderation queue: messages users flagged (\`messageFlag\`) that no moderator has reviewed yet, each with who flagged it and why. Review them with \`flaggedMessageReview\`. ${WINDOW_NOTE} ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    key: 'moderationQueue',
    read: (context) => moderationReads(context).flaggedMessages(),
  }),
  moderationBlockedMessages: adminWindowList(t, {
    type: ModeratedMessageConnection,
    noun: 'blocked messages',
    description: `Messages the moderation rules blocked, awaiting review (\`moderatedMessageReview\`). ${WINDOW_NOTE} ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    key: 'moderationBlocked',
    read: (context) => moderationReads(context).blockedMessages(),
  }),
  moderationReviewedMessages: adminWindowList(t, {
    type: ModeratedMessageConnection,
    noun: 'reviewed messages',
    description: `Flagged and blocked messages a moderator has reviewed, most recent first. ${WINDOW_NOTE} ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    key: 'moderationReviewed',
    read: (context) => moderationReads(context).reviewedMessages(),
  }),
  moderationReasons: adminWindowList(t, {
    type: ModerationReasonConnection,
    noun: 'reasons',
    description: `The reasons users may flag messages with. ${WINDOW_NOTE} ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    key: 'moderationReasons',
    read: (context) => moderationReads(context).moderationReasons(),
  }),
  moderationReason: t.field({
    type: ModerationReason,
    nullable: true,
    description: `Looks a flag reason up by its id. Null when there is no such reason. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    args: {
      reasonId: t.arg.string({
        required: true,
        description: "The reason's id.",
        validate: shortTextArg,
      }),
    },
    resolve: (_root, args, context) =>
      moderationReads(context).moderationReason(args.reasonId.trim()),
  }),
  moderationRules: adminWindowList(t, {
    type: ModerationRuleConnection,
    noun: 'rules',
    description: `The moderation rules of the app, from CometChat's Management API: a gateway without management credentials answers FORBIDDEN. ${WINDOW_NOTE} ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    key: 'moderationRules',
    read: (context) => {
      assertManagement(context);
      return moderationReads(context).moderationRules();
    },
  }),
  moderationKeywordLists: adminWindowList(t, {
    type: ModerationKeywordListConnection,
    noun: 'keyword lists',
    description: `The keyword lists moderation rules use, from CometChat's Management API: a gateway without management credentials answers FORBIDDEN. ${WINDOW_NOTE} ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    key: 'moderationKeywords',
    read: (context) => {
      assertManagement(context);
      return moderationReads(context).keywordLists();
    },
  }),
}));
