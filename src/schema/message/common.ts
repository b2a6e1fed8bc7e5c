/**
 * Helpers shared by the message and conversation types: which GraphQL type a message record is,
 * whose view a list is read in, and how upstream failures reach the client.
 */
import { type GatewayContext, upstreamOptions } from '../../context.js';
import { gatewayError, toClientError } from '../../errors.js';
import type { CallOptions } from '../../upstream/client.js';
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

/** Runs an upstream-backed step, turning upstream failures into client errors on this field. */
export async function orClientError<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof work === 'function' ? work() : work);
  } catch (error) {
    throw toClientError(error);
  }
}

/** A user by uid through the request's loader; the app's own pseudo-user is null. */
export function loadUserOrNull(
  context: GatewayContext,
  uid: string | null,
): Promise<UserRecord | null> | null {
  if (uid === null || uid === '' || uid === APP_SYSTEM_UID) return null;
  return orClientError(context.loaders.users.load(uid));
}

/**
 * Whose view a list or lookup is read in. A user caller always sees their own (naming anyone else
 * is FORBIDDEN); an admin may name a user with `uid`, otherwise reads app-wide (null).
 */
export function perspectiveOf(
  context: GatewayContext,
  uid: string | null | undefined,
): string | null {
  const named = uid === null || uid === undefined ? null : uid.trim().toLowerCase();
  const { caller } = context;
  if (caller.kind === 'user') {
    if (named !== null && named !== caller.uid) {
      throw gatewayError(
        'FORBIDDEN',
        'A user caller reads only their own view; leave `uid` out or pass your own uid.',
      );
    }
    return caller.uid;
  }
  return named === '' ? null : named;
}

/** The upstream call options for reading as `perspective` (null: app-level, or the caller's). */
export function optionsFor(context: GatewayContext, perspective: string | null): CallOptions {
  if (perspective === null) return upstreamOptions(context);
  return { onBehalfOf: perspective, signal: context.signal };
}

/** A plain JSON object, or null for anything else (arrays, scalars, absent). */
export function jsonObjectOrNull(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return value as Record<string, unknown>; // a non-array object parsed from JSON
}
