/**
 * The webhook trigger ids CometChat documents (docs/cometchat-facts.md 8.3): the one catalogue the gateway checks
 * `webhookCreate`, `webhookTriggersAdd` and `webhookTriggersRemove` input against, and the subset
 * the receiver turns into typed events (`payloads.ts`): the triggers with a documented payload.
 * The rest (campaigns, notifications, the overview-only call outcomes) can be configured but are
 * acknowledged and dropped by the receiver.
 */

export const MESSAGE_TRIGGERS = [
  'message_sent',
  'message_edited',
  'message_deleted',
  'message_reaction_added',
  'message_reaction_removed',
  'message_delivery_receipt',
  'message_read_receipt',
  'user_mentioned',
] as const;

export const USER_TRIGGERS = [
  'user_blocked',
  'user_unblocked',
  'user_connection_status_changed',
] as const;

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
] as const;

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
] as const;

/** Moderation outcomes about one message (`moderation_engine_failed` carries no message). */
export const MODERATION_TRIGGERS = [
  'moderation_engine_approved',
  'moderation_engine_blocked',
  'moderation_manual_approved',
] as const;

/** The triggers the receiver publishes as typed events, and registers for in emulator mode. */
export const RECEIVER_TRIGGERS = [
  ...MESSAGE_TRIGGERS,
  ...USER_TRIGGERS,
  ...GROUP_TRIGGERS,
  ...CALL_TRIGGERS,
  ...MODERATION_TRIGGERS,
] as const;

export type ReceiverTrigger = (typeof RECEIVER_TRIGGERS)[number];

/** Documented triggers the receiver acknowledges without publishing (no documented payload). */
const OTHER_TRIGGERS = [
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
] as const;

/** Every documented trigger id: the received ones first, then the acknowledged-only ones. */
export const WEBHOOK_TRIGGER_IDS: readonly string[] = [...RECEIVER_TRIGGERS, ...OTHER_TRIGGERS];

const KNOWN = new Set(WEBHOOK_TRIGGER_IDS);
const RECEIVED = new Set<string>(RECEIVER_TRIGGERS);

/** Whether `id` is a trigger CometChat documents. */
export function isWebhookTrigger(id: string): boolean {
  return KNOWN.has(id);
}

/** Whether the receiver publishes deliveries of `id` as typed events. */
export function isReceiverTrigger(id: string): id is ReceiverTrigger {
  return RECEIVED.has(id);
}
