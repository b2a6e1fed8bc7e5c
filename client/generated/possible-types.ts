
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "AiAgentCreateResult": [
      "AiAgentCreatePayload",
      "ValidationError"
    ],
    "AiAgentDeleteResult": [
      "AiAgentDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentKnowledgeAttachResult": [
      "AiAgentKnowledgeAttachPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentKnowledgeDetachResult": [
      "AiAgentKnowledgeDetachPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentUpdateResult": [
      "AiAgentUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentVariableCreateResult": [
      "AiAgentVariableCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiAgentVariableUpdateResult": [
      "AiAgentVariableUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiApiToolCreateResult": [
      "AiApiToolCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiApiToolDeleteResult": [
      "AiApiToolDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiApiToolUpdateResult": [
      "AiApiToolUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiFrontendActionCreateResult": [
      "AiFrontendActionCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiFrontendActionDeleteResult": [
      "AiFrontendActionDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiFrontendActionUpdateResult": [
      "AiFrontendActionUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiKnowledgeTextCreateResult": [
      "AiKnowledgeTextCreatePayload",
      "ValidationError"
    ],
    "AiKnowledgeTextDeleteResult": [
      "AiKnowledgeTextDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiKnowledgeTextUpdateResult": [
      "AiKnowledgeTextUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiMcpServerCreateResult": [
      "AiMcpServerCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiMcpServerUpdateResult": [
      "AiMcpServerUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ApiKeyCreateResult": [
      "ApiKeyCreatePayload",
      "ValidationError"
    ],
    "ApiKeyDeleteResult": [
      "ApiKeyDeletePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ApiKeyUpdateResult": [
      "ApiKeyUpdatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ApnsProviderAddResult": [
      "ApnsProviderAddPayload",
      "ConflictError",
      "ValidationError"
    ],
    "ApnsProviderDeleteResult": [
      "ApnsProviderDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ApnsProviderSetDefaultResult": [
      "ApnsProviderSetDefaultPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ApnsProviderUpdateResult": [
      "ApnsProviderUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AppPinnedConversationsSetResult": [
      "AppPinnedConversationsSetPayload",
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "AuthTokenCreateResult": [
      "AuthTokenCreatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AuthTokenDeleteResult": [
      "AuthTokenDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AuthTokenUpdateResult": [
      "AuthTokenUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AuthTokensFlushResult": [
      "AuthTokensFlushPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ByoAiAgentCreateResult": [
      "ByoAiAgentCreatePayload",
      "ValidationError"
    ],
    "ByoAiAgentDeleteResult": [
      "ByoAiAgentDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ByoAiAgentUpdateResult": [
      "ByoAiAgentUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "CallReceiver": [
      "Group",
      "User"
    ],
    "ConversationMarkDeliveredResult": [
      "ConflictError",
      "ConversationMarkDeliveredPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationMarkReadResult": [
      "ConflictError",
      "ConversationMarkReadPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationMarkUnreadResult": [
      "ConflictError",
      "ConversationMarkUnreadPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationMuteResult": [
      "ConflictError",
      "ConversationMutePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationPartner": [
      "Group",
      "User"
    ],
    "ConversationPinResult": [
      "ConflictError",
      "ConversationPinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationResetResult": [
      "ConflictError",
      "ConversationResetPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationTagsUpdateResult": [
      "ConflictError",
      "ConversationTagsUpdatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationUnmuteResult": [
      "ConflictError",
      "ConversationUnmutePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationUnpinResult": [
      "ConflictError",
      "ConversationUnpinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "CustomEmailProviderUpdateResult": [
      "CustomEmailProviderUpdatePayload",
      "ValidationError"
    ],
    "CustomPushProviderUpdateResult": [
      "CustomPushProviderUpdatePayload",
      "ValidationError"
    ],
    "CustomSmsProviderUpdateResult": [
      "CustomSmsProviderUpdatePayload",
      "ValidationError"
    ],
    "DataImportJobResumeResult": [
      "ConflictError",
      "DataImportJobResumePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "DataImportJobStartResult": [
      "DataImportJobStartPayload",
      "ValidationError"
    ],
    "FcmProviderAddResult": [
      "ConflictError",
      "FcmProviderAddPayload",
      "ValidationError"
    ],
    "FcmProviderDeleteResult": [
      "FcmProviderDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "FcmProviderSetDefaultResult": [
      "FcmProviderSetDefaultPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "FcmProviderUpdateResult": [
      "FcmProviderUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "FlaggedMessageReviewResult": [
      "FlaggedMessageReviewPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "GroupCreateResult": [
      "ConflictError",
      "GroupCreatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupDeleteResult": [
      "ConflictError",
      "GroupDeletePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupJoinResult": [
      "ConflictError",
      "GroupJoinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberBanResult": [
      "ConflictError",
      "GroupMemberBanPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberKickResult": [
      "ConflictError",
      "GroupMemberKickPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberScopeChangeResult": [
      "ConflictError",
      "GroupMemberScopeChangePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberUnbanResult": [
      "ConflictError",
      "GroupMemberUnbanPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMembersAddResult": [
      "ConflictError",
      "GroupMembersAddPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupScopePermissionResetResult": [
      "GroupScopePermissionResetPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "GroupScopePermissionsUpdateResult": [
      "GroupScopePermissionsUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "GroupUpdateResult": [
      "ConflictError",
      "GroupUpdatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "Message": [
      "ActionMessage",
      "CallMessage",
      "CustomMessage",
      "InteractiveMessage",
      "MediaMessage",
      "TextMessage"
    ],
    "MessageDeleteResult": [
      "ConflictError",
      "MessageDeletePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageEditResult": [
      "ConflictError",
      "MessageEditPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageFlagResult": [
      "ConflictError",
      "MessageFlagPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageMarkInteractedResult": [
      "ConflictError",
      "MessageMarkInteractedPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessagePinResult": [
      "ConflictError",
      "MessagePinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageReactionAddResult": [
      "ConflictError",
      "MessageReactionAddPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageReactionRemoveResult": [
      "ConflictError",
      "MessageReactionRemovePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageReceiver": [
      "Group",
      "User"
    ],
    "MessageReplyResult": [
      "ConflictError",
      "MessageReplyPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageSaveResult": [
      "ConflictError",
      "MessageSavePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageSendResult": [
      "ConflictError",
      "MessageSendPayload",
      "NotAppliedError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageThreadSubscribeResult": [
      "ConflictError",
      "MessageThreadSubscribePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageThreadUnsubscribeResult": [
      "ConflictError",
      "MessageThreadUnsubscribePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageUnpinResult": [
      "ConflictError",
      "MessageUnpinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageUnsaveResult": [
      "ConflictError",
      "MessageUnsavePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ModeratedMessageReviewResult": [
      "ModeratedMessageReviewPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationKeywordListCreateResult": [
      "ConflictError",
      "ModerationKeywordListCreatePayload",
      "ValidationError"
    ],
    "ModerationKeywordListDeleteResult": [
      "ModerationKeywordListDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationKeywordListUpdateResult": [
      "ModerationKeywordListUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationReasonCreateResult": [
      "ConflictError",
      "ModerationReasonCreatePayload",
      "ValidationError"
    ],
    "ModerationReasonDeleteResult": [
      "ModerationReasonDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationReasonUpdateResult": [
      "ModerationReasonUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationRuleCreateResult": [
      "ConflictError",
      "ModerationRuleCreatePayload",
      "ValidationError"
    ],
    "ModerationRuleDeleteResult": [
      "ModerationRuleDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationRuleUpdateResult": [
      "ModerationRuleUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "Node": [
      "ActionMessage",
      "AiAgent",
      "AiAgentVariable",
      "AiApiTool",
      "AiFrontendAction",
      "AiKnowledgeSource",
      "AiKnowledgeText",
      "AiMcpServer",
      "AuthToken",
      "ByoAiAgent",
      "Call",
      "CallMessage",
      "Conversation",
      "CustomMessage",
      "DataImportJob",
      "Group",
      "GroupMember",
      "InteractiveMessage",
      "MediaMessage",
      "Reaction",
      "Role",
      "TextMessage",
      "User",
      "Webhook"
    ],
    "NotificationSettingsUpdateResult": [
      "NotificationSettingsUpdatePayload",
      "ValidationError"
    ],
    "PushTokenRegisterResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "PushTokenRegisterPayload",
      "ValidationError"
    ],
    "PushTokenRemoveResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "PushTokenRemovePayload",
      "ValidationError"
    ],
    "RoleCreateResult": [
      "ConflictError",
      "RoleCreatePayload",
      "ValidationError"
    ],
    "RoleDeleteResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "RoleDeletePayload",
      "ValidationError"
    ],
    "RoleFeaturesAllowResult": [
      "NotFoundError",
      "RoleFeaturesAllowPayload",
      "ValidationError"
    ],
    "RoleFeaturesRestrictResult": [
      "NotFoundError",
      "RoleFeaturesRestrictPayload",
      "ValidationError"
    ],
    "RolePermissionResetResult": [
      "NotFoundError",
      "RolePermissionResetPayload",
      "ValidationError"
    ],
    "RolePermissionsUpdateResult": [
      "NotFoundError",
      "RolePermissionsUpdatePayload",
      "ValidationError"
    ],
    "RoleUpdateResult": [
      "NotFoundError",
      "RoleUpdatePayload",
      "ValidationError"
    ],
    "SendGridEmailProviderUpdateResult": [
      "SendGridEmailProviderUpdatePayload",
      "ValidationError"
    ],
    "TwilioSmsProviderUpdateResult": [
      "TwilioSmsProviderUpdatePayload",
      "ValidationError"
    ],
    "UserCreateResult": [
      "ConflictError",
      "NotFoundError",
      "UserCreatePayload",
      "ValidationError"
    ],
    "UserDeleteResult": [
      "NotFoundError",
      "UserDeletePayload",
      "ValidationError"
    ],
    "UserError": [
      "ConflictError",
      "NotAppliedError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "UserFriendsAddResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UserFriendsAddPayload",
      "ValidationError"
    ],
    "UserFriendsRemoveResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UserFriendsRemovePayload",
      "ValidationError"
    ],
    "UserUpdateResult": [
      "NotFoundError",
      "UserUpdatePayload",
      "ValidationError"
    ],
    "UsersBlockResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UsersBlockPayload",
      "ValidationError"
    ],
    "UsersDeactivateResult": [
      "UsersDeactivatePayload",
      "ValidationError"
    ],
    "UsersReactivateResult": [
      "UsersReactivatePayload",
      "ValidationError"
    ],
    "UsersUnblockResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UsersUnblockPayload",
      "ValidationError"
    ],
    "ViewerNotificationContactDetailsUpdateResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError",
      "ViewerNotificationContactDetailsUpdatePayload"
    ],
    "ViewerNotificationPreferencesUpdateResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError",
      "ViewerNotificationPreferencesUpdatePayload"
    ],
    "ViewerNotificationTimezoneUpdateResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError",
      "ViewerNotificationTimezoneUpdatePayload"
    ],
    "WebhookCreateResult": [
      "ConflictError",
      "ValidationError",
      "WebhookCreatePayload"
    ],
    "WebhookDeleteResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookDeletePayload"
    ],
    "WebhookTriggersAddResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookTriggersAddPayload"
    ],
    "WebhookTriggersRemoveResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookTriggersRemovePayload"
    ],
    "WebhookUpdateResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookUpdatePayload"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "AiAgentCreateResult": [
      "AiAgentCreatePayload",
      "ValidationError"
    ],
    "AiAgentDeleteResult": [
      "AiAgentDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentKnowledgeAttachResult": [
      "AiAgentKnowledgeAttachPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentKnowledgeDetachResult": [
      "AiAgentKnowledgeDetachPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentUpdateResult": [
      "AiAgentUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiAgentVariableCreateResult": [
      "AiAgentVariableCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiAgentVariableUpdateResult": [
      "AiAgentVariableUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiApiToolCreateResult": [
      "AiApiToolCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiApiToolDeleteResult": [
      "AiApiToolDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiApiToolUpdateResult": [
      "AiApiToolUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiFrontendActionCreateResult": [
      "AiFrontendActionCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiFrontendActionDeleteResult": [
      "AiFrontendActionDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiFrontendActionUpdateResult": [
      "AiFrontendActionUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiKnowledgeTextCreateResult": [
      "AiKnowledgeTextCreatePayload",
      "ValidationError"
    ],
    "AiKnowledgeTextDeleteResult": [
      "AiKnowledgeTextDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiKnowledgeTextUpdateResult": [
      "AiKnowledgeTextUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AiMcpServerCreateResult": [
      "AiMcpServerCreatePayload",
      "ConflictError",
      "ValidationError"
    ],
    "AiMcpServerUpdateResult": [
      "AiMcpServerUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ApiKeyCreateResult": [
      "ApiKeyCreatePayload",
      "ValidationError"
    ],
    "ApiKeyDeleteResult": [
      "ApiKeyDeletePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ApiKeyUpdateResult": [
      "ApiKeyUpdatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ApnsProviderAddResult": [
      "ApnsProviderAddPayload",
      "ConflictError",
      "ValidationError"
    ],
    "ApnsProviderDeleteResult": [
      "ApnsProviderDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ApnsProviderSetDefaultResult": [
      "ApnsProviderSetDefaultPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ApnsProviderUpdateResult": [
      "ApnsProviderUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AppPinnedConversationsSetResult": [
      "AppPinnedConversationsSetPayload",
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "AuthTokenCreateResult": [
      "AuthTokenCreatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AuthTokenDeleteResult": [
      "AuthTokenDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AuthTokenUpdateResult": [
      "AuthTokenUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "AuthTokensFlushResult": [
      "AuthTokensFlushPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ByoAiAgentCreateResult": [
      "ByoAiAgentCreatePayload",
      "ValidationError"
    ],
    "ByoAiAgentDeleteResult": [
      "ByoAiAgentDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ByoAiAgentUpdateResult": [
      "ByoAiAgentUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "CallReceiver": [
      "Group",
      "User"
    ],
    "ConversationMarkDeliveredResult": [
      "ConflictError",
      "ConversationMarkDeliveredPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationMarkReadResult": [
      "ConflictError",
      "ConversationMarkReadPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationMarkUnreadResult": [
      "ConflictError",
      "ConversationMarkUnreadPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationMuteResult": [
      "ConflictError",
      "ConversationMutePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationPartner": [
      "Group",
      "User"
    ],
    "ConversationPinResult": [
      "ConflictError",
      "ConversationPinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationResetResult": [
      "ConflictError",
      "ConversationResetPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationTagsUpdateResult": [
      "ConflictError",
      "ConversationTagsUpdatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationUnmuteResult": [
      "ConflictError",
      "ConversationUnmutePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ConversationUnpinResult": [
      "ConflictError",
      "ConversationUnpinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "CustomEmailProviderUpdateResult": [
      "CustomEmailProviderUpdatePayload",
      "ValidationError"
    ],
    "CustomPushProviderUpdateResult": [
      "CustomPushProviderUpdatePayload",
      "ValidationError"
    ],
    "CustomSmsProviderUpdateResult": [
      "CustomSmsProviderUpdatePayload",
      "ValidationError"
    ],
    "DataImportJobResumeResult": [
      "ConflictError",
      "DataImportJobResumePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "DataImportJobStartResult": [
      "DataImportJobStartPayload",
      "ValidationError"
    ],
    "FcmProviderAddResult": [
      "ConflictError",
      "FcmProviderAddPayload",
      "ValidationError"
    ],
    "FcmProviderDeleteResult": [
      "FcmProviderDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "FcmProviderSetDefaultResult": [
      "FcmProviderSetDefaultPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "FcmProviderUpdateResult": [
      "FcmProviderUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "FlaggedMessageReviewResult": [
      "FlaggedMessageReviewPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "GroupCreateResult": [
      "ConflictError",
      "GroupCreatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupDeleteResult": [
      "ConflictError",
      "GroupDeletePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupJoinResult": [
      "ConflictError",
      "GroupJoinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberBanResult": [
      "ConflictError",
      "GroupMemberBanPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberKickResult": [
      "ConflictError",
      "GroupMemberKickPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberScopeChangeResult": [
      "ConflictError",
      "GroupMemberScopeChangePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMemberUnbanResult": [
      "ConflictError",
      "GroupMemberUnbanPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupMembersAddResult": [
      "ConflictError",
      "GroupMembersAddPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "GroupScopePermissionResetResult": [
      "GroupScopePermissionResetPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "GroupScopePermissionsUpdateResult": [
      "GroupScopePermissionsUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "GroupUpdateResult": [
      "ConflictError",
      "GroupUpdatePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "Message": [
      "ActionMessage",
      "CallMessage",
      "CustomMessage",
      "InteractiveMessage",
      "MediaMessage",
      "TextMessage"
    ],
    "MessageDeleteResult": [
      "ConflictError",
      "MessageDeletePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageEditResult": [
      "ConflictError",
      "MessageEditPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageFlagResult": [
      "ConflictError",
      "MessageFlagPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageMarkInteractedResult": [
      "ConflictError",
      "MessageMarkInteractedPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessagePinResult": [
      "ConflictError",
      "MessagePinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageReactionAddResult": [
      "ConflictError",
      "MessageReactionAddPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageReactionRemoveResult": [
      "ConflictError",
      "MessageReactionRemovePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageReceiver": [
      "Group",
      "User"
    ],
    "MessageReplyResult": [
      "ConflictError",
      "MessageReplyPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageSaveResult": [
      "ConflictError",
      "MessageSavePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageSendResult": [
      "ConflictError",
      "MessageSendPayload",
      "NotAppliedError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageThreadSubscribeResult": [
      "ConflictError",
      "MessageThreadSubscribePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageThreadUnsubscribeResult": [
      "ConflictError",
      "MessageThreadUnsubscribePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageUnpinResult": [
      "ConflictError",
      "MessageUnpinPayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "MessageUnsaveResult": [
      "ConflictError",
      "MessageUnsavePayload",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "ModeratedMessageReviewResult": [
      "ModeratedMessageReviewPayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationKeywordListCreateResult": [
      "ConflictError",
      "ModerationKeywordListCreatePayload",
      "ValidationError"
    ],
    "ModerationKeywordListDeleteResult": [
      "ModerationKeywordListDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationKeywordListUpdateResult": [
      "ModerationKeywordListUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationReasonCreateResult": [
      "ConflictError",
      "ModerationReasonCreatePayload",
      "ValidationError"
    ],
    "ModerationReasonDeleteResult": [
      "ModerationReasonDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationReasonUpdateResult": [
      "ModerationReasonUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationRuleCreateResult": [
      "ConflictError",
      "ModerationRuleCreatePayload",
      "ValidationError"
    ],
    "ModerationRuleDeleteResult": [
      "ModerationRuleDeletePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "ModerationRuleUpdateResult": [
      "ModerationRuleUpdatePayload",
      "NotFoundError",
      "ValidationError"
    ],
    "Node": [
      "ActionMessage",
      "AiAgent",
      "AiAgentVariable",
      "AiApiTool",
      "AiFrontendAction",
      "AiKnowledgeSource",
      "AiKnowledgeText",
      "AiMcpServer",
      "AuthToken",
      "ByoAiAgent",
      "Call",
      "CallMessage",
      "Conversation",
      "CustomMessage",
      "DataImportJob",
      "Group",
      "GroupMember",
      "InteractiveMessage",
      "MediaMessage",
      "Reaction",
      "Role",
      "TextMessage",
      "User",
      "Webhook"
    ],
    "NotificationSettingsUpdateResult": [
      "NotificationSettingsUpdatePayload",
      "ValidationError"
    ],
    "PushTokenRegisterResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "PushTokenRegisterPayload",
      "ValidationError"
    ],
    "PushTokenRemoveResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "PushTokenRemovePayload",
      "ValidationError"
    ],
    "RoleCreateResult": [
      "ConflictError",
      "RoleCreatePayload",
      "ValidationError"
    ],
    "RoleDeleteResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "RoleDeletePayload",
      "ValidationError"
    ],
    "RoleFeaturesAllowResult": [
      "NotFoundError",
      "RoleFeaturesAllowPayload",
      "ValidationError"
    ],
    "RoleFeaturesRestrictResult": [
      "NotFoundError",
      "RoleFeaturesRestrictPayload",
      "ValidationError"
    ],
    "RolePermissionResetResult": [
      "NotFoundError",
      "RolePermissionResetPayload",
      "ValidationError"
    ],
    "RolePermissionsUpdateResult": [
      "NotFoundError",
      "RolePermissionsUpdatePayload",
      "ValidationError"
    ],
    "RoleUpdateResult": [
      "NotFoundError",
      "RoleUpdatePayload",
      "ValidationError"
    ],
    "SendGridEmailProviderUpdateResult": [
      "SendGridEmailProviderUpdatePayload",
      "ValidationError"
    ],
    "TwilioSmsProviderUpdateResult": [
      "TwilioSmsProviderUpdatePayload",
      "ValidationError"
    ],
    "UserCreateResult": [
      "ConflictError",
      "NotFoundError",
      "UserCreatePayload",
      "ValidationError"
    ],
    "UserDeleteResult": [
      "NotFoundError",
      "UserDeletePayload",
      "ValidationError"
    ],
    "UserError": [
      "ConflictError",
      "NotAppliedError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError"
    ],
    "UserFriendsAddResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UserFriendsAddPayload",
      "ValidationError"
    ],
    "UserFriendsRemoveResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UserFriendsRemovePayload",
      "ValidationError"
    ],
    "UserUpdateResult": [
      "NotFoundError",
      "UserUpdatePayload",
      "ValidationError"
    ],
    "UsersBlockResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UsersBlockPayload",
      "ValidationError"
    ],
    "UsersDeactivateResult": [
      "UsersDeactivatePayload",
      "ValidationError"
    ],
    "UsersReactivateResult": [
      "UsersReactivatePayload",
      "ValidationError"
    ],
    "UsersUnblockResult": [
      "NotFoundError",
      "PermissionDeniedError",
      "UsersUnblockPayload",
      "ValidationError"
    ],
    "ViewerNotificationContactDetailsUpdateResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError",
      "ViewerNotificationContactDetailsUpdatePayload"
    ],
    "ViewerNotificationPreferencesUpdateResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError",
      "ViewerNotificationPreferencesUpdatePayload"
    ],
    "ViewerNotificationTimezoneUpdateResult": [
      "ConflictError",
      "NotFoundError",
      "PermissionDeniedError",
      "ValidationError",
      "ViewerNotificationTimezoneUpdatePayload"
    ],
    "WebhookCreateResult": [
      "ConflictError",
      "ValidationError",
      "WebhookCreatePayload"
    ],
    "WebhookDeleteResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookDeletePayload"
    ],
    "WebhookTriggersAddResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookTriggersAddPayload"
    ],
    "WebhookTriggersRemoveResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookTriggersRemovePayload"
    ],
    "WebhookUpdateResult": [
      "NotFoundError",
      "ValidationError",
      "WebhookUpdatePayload"
    ]
  }
};
      export default result;
    