/**
 * Helpers shared by the message and conversation types: which GraphQL type a message record is,
 * and who a message names (users, or the app itself).
 */
import type { GatewayContext } from '../../context.js';
import type { MessageRecord, UserRecord } from '../../upstream/records.js';

/** The uid CometChat uses for messages and edits made by the app itself, not by a user. */
export const APP_SYSTEM_UID = 'app_system';

export type MessageTypeName =
  | 'TextMessage'
  | 'MediaMessage'
  | 'CustomMessage'
  | 'ActionMessage'
  | 'CallMessage'
  | 'InteractiveMessage';

export const MESSAGE_TYPE_NAMES: readonly MessageTypeName[] = [
  'TextMessage',
  'MediaMessage',
  'CustomMessage',
  'ActionMessage',
  'CallMessage',
  'InteractiveMessage',
];

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'file']);

/**
 * The GraphQL type of a message: by category, and within the `message` category by type (text,
 * or one of the media types). An unknown type of the `message` category is media when it carries
 * attachments and text otherwise.
 */
export function messageTypeName(message: MessageRecord): MessageTypeName {
  switch (message.category) {
    case 'custom':
      return 'CustomMessage';
    case 'action':
      return 'ActionMessage';
    case 'call':
      return 'CallMessage';
    case 'interactive':
      return 'InteractiveMessage';
    default:
      if (message.type === 'text') return 'TextMessage';
      if (MEDIA_TYPES.has(message.type) || message.attachments.length > 0) return 'MediaMessage';
      return 'TextMessage';
  }
}

/** Whether a resolver value is a message record (users and groups carry other `kind`s). */
export function isMessageRecord(value: unknown): value is MessageRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    (value as { kind: unknown }).kind === 'message' // narrowed to an object with `kind` above
  );
}

/**
 * A user an answer named, by uid: the record embedded in that answer where the view has it, else
 * through the request's loader (see `View.userRef`); the app's own pseudo-user is null.
 */
export function loadUserOrNull(
  context: GatewayContext,
  uid: string | null,
): Promise<UserRecord | null> | null {
  if (uid === null || uid === '' || uid === APP_SYSTEM_UID) return null;
  return context.view().userRef(uid);
}

/** A plain JSON object, or null for anything else (arrays, scalars, absent). */
export function jsonObjectOrNull(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return value as Record<string, unknown>; // a non-array object parsed from JSON
}
