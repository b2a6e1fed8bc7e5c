/**
 * The schema's shared type references, declared once so that type files can point at each other
 * (a message's sender is a User, a user's conversations are Conversations, ...) without import
 * cycles at load time. Each ref is implemented in its own file (user.ts, group.ts, ...).
 */
import { builder } from '../builder.js';
import type {
  AuthTokenRecord,
  ConversationRecord,
  GroupMemberRecord,
  GroupRecord,
  MessageRecord,
  ReactionRecord,
  RoleRecord,
  UserRecord,
  WebhookRecord,
} from '../upstream/records.js';

/**
 * A conversation as one user sees it: CometChat keeps unread counts, tags and resets per user,
 * so the same conversation id has one view per participant. `ownerUid` is that participant;
 * null when the app listed conversations across all users without acting as one.
 */
export interface ConversationValue {
  record: ConversationRecord;
  ownerUid: string | null;
}

/** A member of a group: the membership plus the user record CometChat embeds. */
export type GroupMemberValue = GroupMemberRecord;

export const UserRef = builder.objectRef<UserRecord>('User');
export const GroupRef = builder.objectRef<GroupRecord>('Group');
export const GroupMemberRef = builder.objectRef<GroupMemberValue>('GroupMember');
export const RoleRef = builder.objectRef<RoleRecord>('Role');
export const ConversationRef = builder.objectRef<ConversationValue>('Conversation');
export const WebhookRef = builder.objectRef<WebhookRecord>('Webhook');
export const AuthTokenRef = builder.objectRef<AuthTokenRecord>('AuthToken');
export const ReactionRef = builder.objectRef<ReactionRecord>('Reaction');
export const MessageRef = builder.interfaceRef<MessageRecord>('Message');

function isGroupRecord(value: UserRecord | GroupRecord): value is GroupRecord {
  return value.kind === 'group';
}

export const MessageReceiverRef = builder.unionType('MessageReceiver', {
  description: 'Who a message was sent to: a user (a 1:1 message) or a group.',
  types: [UserRef, GroupRef],
  resolveType: (value) => (isGroupRecord(value) ? GroupRef : UserRef),
});

export const ConversationPartnerRef = builder.unionType('ConversationPartner', {
  description: 'The other side of a conversation: a user (1:1) or a group.',
  types: [UserRef, GroupRef],
  resolveType: (value) => (isGroupRecord(value) ? GroupRef : UserRef),
});
