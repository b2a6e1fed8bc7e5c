/**
 * The webhook trigger ids CometChat documents (FACTS.md 8.3): the one catalogue the gateway checks
 * `webhookCreate`, `webhookTriggersAdd` and `webhookTriggersRemove` input against. The message,
 * user and group triggers are the ones the receiver understands (`events.ts`); the rest are
 * delivered to webhooks the gateway does not consume but may still configure.
 */
import { GROUP_TRIGGERS, MESSAGE_TRIGGERS, USER_TRIGGERS } from './events.js';

/** Call, meeting, campaign, notification and moderation triggers. */
const OTHER_TRIGGERS = [
  // Listed in CometChat's webhooks overview but not in its trigger table; accepted by the dashboard.
  'group_member_removed',
  'call_initiated',
  'call_started',
  'call_participant_joined',
  'call_participant_left',
  'call_ended',
  // Same: overview-only call outcomes.
  'call_busy',
  'call_cancelled',
  'call_rejected',
  'call_unanswered',
  'meeting_started',
  'meeting_participant_joined',
  'meeting_participant_left',
  'meeting_ended',
  'recording_generated',
  'transcription_generated',
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
  'moderation_engine_approved',
  'moderation_engine_blocked',
  'moderation_manual_approved',
  'moderation_engine_failed',
] as const;

/** Every documented trigger id, in CometChat's documentation order (messages, users, groups, ...). */
export const WEBHOOK_TRIGGER_IDS: readonly string[] = [
  ...MESSAGE_TRIGGERS,
  ...USER_TRIGGERS,
  ...GROUP_TRIGGERS,
  ...OTHER_TRIGGERS,
];

const KNOWN = new Set(WEBHOOK_TRIGGER_IDS);

/** Whether `id` is a trigger CometChat documents. */
export function isWebhookTrigger(id: string): boolean {
  return KNOWN.has(id);
}
