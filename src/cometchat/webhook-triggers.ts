/**
 * The webhook triggers CometChat documents (docs/cometchat-facts.md 8.3), with the description its
 * trigger list returns: the one catalogue the gateway checks webhook input against and publishes
 * from (`src/webhooks/triggers.ts`) and the emulator accepts and lists (`src/emulator/webhooks.ts`).
 * Plain data, importing nothing (docs/architecture.md, layer rules).
 */

/** Every documented trigger id, with its description. */
export const WEBHOOK_TRIGGER_DESCRIPTIONS = {
  message_sent: 'The hook triggers when a message is sent.',
  message_edited: 'The hook triggers when a message is edited.',
  message_deleted: 'The hook triggers when a message is deleted.',
  message_reaction_added: 'The hook triggers when a reaction is added to a message.',
  message_reaction_removed: 'The hook triggers when a reaction is removed from a message.',
  message_delivery_receipt:
    'The hook triggers when the client chat application confirms with CometChat servers that a message was delivered.',
  message_read_receipt:
    'The hook triggers when the client chat application confirms with CometChat servers that a message was read.',
  user_mentioned: 'The hook triggers when a user is mentioned in a message.',
  user_blocked: 'The hook triggers when a user blocks other users.',
  user_unblocked: 'The hook triggers when a user unblocks other users.',
  user_connection_status_changed: 'The hook triggers when a user connects or disconnects.',
  group_created: 'The hook triggers when a group is created.',
  group_updated: 'The hook triggers when a group is updated.',
  group_deleted: 'The hook triggers when a group is deleted.',
  group_member_joined: 'The hook triggers when a user joins a group.',
  group_member_left: 'The hook triggers when a member leaves a group.',
  group_member_added: 'The hook triggers when members are added to a group.',
  group_member_kicked: 'The hook triggers when a member is kicked from a group.',
  group_member_banned: 'The hook triggers when a member is banned from a group.',
  group_member_unbanned: 'The hook triggers when a member is unbanned from a group.',
  group_member_scope_changed: "The hook triggers when a member's scope is changed.",
  group_member_removed: 'The hook triggers when a member is removed from a group.',
  group_owner_transferred: 'The hook triggers when the ownership of a group is transferred.',
  call_initiated: 'The hook triggers when a call is initiated.',
  call_started: 'The hook triggers when a call starts.',
  call_participant_joined: 'The hook triggers when a participant joins a call.',
  call_participant_left: 'The hook triggers when a participant leaves a call.',
  call_ended: 'The hook triggers when a call ends.',
  call_busy: 'The hook triggers when the receiver of a call is busy.',
  call_cancelled: 'The hook triggers when a call is cancelled.',
  call_rejected: 'The hook triggers when a call is rejected.',
  call_unanswered: 'The hook triggers when a call is not answered.',
  meeting_started: 'The hook triggers when a meeting starts.',
  meeting_participant_joined: 'The hook triggers when a participant joins a meeting.',
  meeting_participant_left: 'The hook triggers when a participant leaves a meeting.',
  meeting_ended: 'The hook triggers when a meeting ends.',
  recording_generated: 'The hook triggers when a call recording is generated.',
  transcription_generated: 'The hook triggers when a call transcription is generated.',
  after_campaign_completed: 'The hook triggers after a campaign completes.',
  after_campaign_failed: 'The hook triggers after a campaign fails.',
  after_notification_created: 'The hook triggers after a notification is created.',
  after_feed_item_sent: 'The hook triggers after a feed item is sent.',
  after_feed_item_delivered: 'The hook triggers after a feed item is delivered.',
  after_feed_item_read: 'The hook triggers after a feed item is read.',
  after_feed_item_interacted: 'The hook triggers after a feed item is interacted with.',
  after_push_notification_sent: 'The hook triggers after a push notification is sent.',
  after_push_notification_delivered: 'The hook triggers after a push notification is delivered.',
  after_push_notification_clicked: 'The hook triggers after a push notification is clicked.',
  moderation_engine_approved: 'The hook triggers when the moderation engine approves a message.',
  moderation_engine_blocked: 'The hook triggers when the moderation engine blocks a message.',
  moderation_manual_approved: 'The hook triggers when a moderator approves a message.',
  moderation_engine_failed: 'The hook triggers when the moderation engine fails.',
} as const satisfies Readonly<Record<string, string>>;

export type WebhookTriggerId = keyof typeof WEBHOOK_TRIGGER_DESCRIPTIONS;

// The triggers by kind: those with a documented payload (which the gateway's receiver turns into
// typed events), then the ones that can be configured but carry no documented payload.

export const MESSAGE_TRIGGERS = [
  'message_sent',
  'message_edited',
  'message_deleted',
  'message_reaction_added',
  'message_reaction_removed',
  'message_delivery_receipt',
  'message_read_receipt',
  'user_mentioned',
] as const satisfies readonly WebhookTriggerId[];

export const USER_TRIGGERS = [
  'user_blocked',
  'user_unblocked',
  'user_connection_status_changed',
] as const satisfies readonly WebhookTriggerId[];

export const GROUP_TRIGGERS = [
  'group_created',
  'group_updated',
  'group_deleted',
  'group_member_joined',
  'group_member_left',
  'group_member_added',
  'group_member_kicked',
  'group_member_banned',
  'group_member_unbanned',
  'group_member_scope_changed',
  'group_owner_transferred',
] as const satisfies readonly WebhookTriggerId[];

export const CALL_TRIGGERS = [
  'call_initiated',
  'call_started',
  'call_participant_joined',
  'call_participant_left',
  'call_ended',
  'meeting_started',
  'meeting_participant_joined',
  'meeting_participant_left',
  'meeting_ended',
  'recording_generated',
  'transcription_generated',
] as const satisfies readonly WebhookTriggerId[];

/** Moderation outcomes about one message (`moderation_engine_failed` carries no message). */
export const MODERATION_TRIGGERS = [
  'moderation_engine_approved',
  'moderation_engine_blocked',
  'moderation_manual_approved',
] as const satisfies readonly WebhookTriggerId[];

/** Documented triggers the receiver acknowledges without publishing (no documented payload). */
export const OTHER_TRIGGERS = [
  // Listed in CometChat's webhooks overview but not in its trigger table; accepted by the dashboard.
  'group_member_removed',
  // Same: overview-only call outcomes.
  'call_busy',
  'call_cancelled',
  'call_rejected',
  'call_unanswered',
  'after_campaign_completed',
  'after_campaign_failed',
  'after_notification_created',
  'after_feed_item_sent',
  'after_feed_item_delivered',
  'after_feed_item_read',
  'after_feed_item_interacted',
  'after_push_notification_sent',
  'after_push_notification_delivered',
  'after_push_notification_clicked',
  'moderation_engine_failed',
] as const satisfies readonly WebhookTriggerId[];
