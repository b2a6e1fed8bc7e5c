/**
 * The records the upstream client returns: CometChat JSON validated at this edge and turned into
 * camelCase objects with Dates, normalised ids and no secrets. Schemas live in `records/`.
 */
export type {
  AckRecord,
  BulkOutcome,
  BulkOutcomeItem,
  CursorPage,
  MessageCursor,
  Page,
  PageInfoRecord,
} from './records/common.js';
export type { ConversationRecord } from './records/conversations.js';
export type {
  BannedUserRecord,
  GroupMemberRecord,
  GroupRecord,
  GroupType,
  MemberScope,
  MemberScopeRecord,
} from './records/groups.js';
export type {
  AttachmentRecord,
  CallRecord,
  EditedMessageRecord,
  MessageCategory,
  MessageEntitiesRecord,
  MessageRecord,
  ReactionRecord,
  ReactionSummaryRecord,
  ReceiverType,
} from './records/messages.js';
export type { AuthTokenRecord, RoleRecord, UserRecord, UserStatus } from './records/users.js';
export type { WebhookRecord, WebhookTriggerRecord } from './records/webhooks.js';
