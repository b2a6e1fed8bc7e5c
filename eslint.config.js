/**
 * ESLint here checks one thing: the printed schema (schema/schema.graphql) against
 * @graphql-eslint's `schema-recommended` and `schema-relay` rule sets. Biome lints the code.
 * Every rule switched off or narrowed below is a documented exception, with its reason, in
 * docs/schema-conventions.md ("Schema lint").
 */
import graphql from '@graphql-eslint/eslint-plugin';

export default [
  {
    files: ['schema/schema.graphql'],
    languageOptions: {
      parser: graphql.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql' } },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      ...graphql.configs['flat/schema-relay'].rules,
      // Connections over CometChat's page-number lists are forward-only (`first`/`after`);
      // two-way lists (messages, threads, reactions) have `last`/`before` too.
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      // Bounded lists (tags, reaction summaries, outcomes, violations) are plain lists.
      '@graphql-eslint/relay-edge-types': [
        'error',
        { withEdgeSuffix: true, shouldImplementNode: true, listTypeCanWrapOnlyEdgeType: false },
      ],
      // Only what can be fetched on its own has an `id: ID!`; these are parts of something else.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          acceptedIdNames: ['id'],
          acceptedIdTypes: ['ID'],
          exceptions: {
            types: [
              ...['Query', 'Mutation', 'Subscription', 'PageInfo', 'Viewer'],
              // Parts of a message, read only with it.
              ...['Attachment', 'ReactionSummary', 'MessageInteraction', 'MessageFlagReport'],
              ...['InteractiveAction', 'InteractiveCard', 'InteractiveElement'],
              ...['InteractiveForm', 'InteractiveOption'],
              // Parts of an Agent Builder tool, read only with it.
              'AiToolParameter',
              // Parts of a call, read only with it.
              ...['CallLogParticipant', 'CallParticipant', 'CallRecording'],
              // Facts about the caller or a user, read only with them.
              ...['GroupMembership', 'PushToken', 'NotificationContactDetails'],
              ...['NotificationPreferences', 'OneOnOneNotificationPreferences'],
              ...['GroupNotificationPreferences', 'NotificationScheduleDay'],
              // Settings, statistics and validation details, not objects of their own.
              ...['AppStats', 'MessageBucket', 'Permission', 'PermissionSetting', 'RoleSettings'],
              ...['FieldViolation', 'RestrictedFeature', 'AppPinnedConversation'],
              // Notification settings and providers of the app (one each, no identity of their own).
              ...['NotificationSettings', 'NotificationEventSetting', 'NotificationProviders'],
              ...['FcmProvider', 'FcmPayloadNotification', 'CustomPushProvider'],
              ...['SendGridEmailProvider', 'TwilioSmsProvider', 'CustomSmsProvider'],
              'CustomEmailProvider',
              'ApnsProvider',
              // Tooling lists without a single-item read in the gateway (see "Schema lint").
              ...['ApiKey', 'DataImportFailure', 'FlaggedMessage', 'ModeratedMessage'],
              ...['NotificationLog', 'MutedConversation'],
              ...['ModerationKeywordList', 'ModerationReason', 'ModerationRule'],
            ],
            suffixes: ['Connection', 'Edge', 'Payload', 'Error', 'Outcome', 'Event'],
          },
        },
      ],
    },
  },
];
