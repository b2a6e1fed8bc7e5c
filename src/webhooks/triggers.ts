/**
 * The gateway's use of CometChat's trigger catalogue (`src/cometchat/webhook-triggers.ts`, shared
 * with the emulator): every documented id is accepted as `webhookCreate`, `webhookTriggersAdd` and
 * `webhookTriggersRemove` input; the triggers with a documented payload are the ones the receiver
 * turns into typed events (`payloads.ts`). The rest (campaigns, notifications, the overview-only
 * call outcomes) can be configured but are acknowledged and dropped by the receiver.
 */
import {
  CALL_TRIGGERS,
  GROUP_TRIGGERS,
  MESSAGE_TRIGGERS,
  MODERATION_TRIGGERS,
  OTHER_TRIGGERS,
  USER_TRIGGERS,
} from '../cometchat/webhook-triggers.js';

export {
  CALL_TRIGGERS,
  GROUP_TRIGGERS,
  MESSAGE_TRIGGERS,
  MODERATION_TRIGGERS,
  USER_TRIGGERS,
} from '../cometchat/webhook-triggers.js';

/** The triggers the receiver publishes as typed events, and registers for in emulator mode. */
export const RECEIVER_TRIGGERS = [
  ...MESSAGE_TRIGGERS,
  ...USER_TRIGGERS,
  ...GROUP_TRIGGERS,
  ...CALL_TRIGGERS,
  ...MODERATION_TRIGGERS,
] as const;

export type ReceiverTrigger = (typeof RECEIVER_TRIGGERS)[number];

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
