/**
 * Whose view a list or lookup is read in. CometChat answers per user (unread counts, reset points,
 * membership), so the read graph picks one user to read as, or reads app-wide.
 */
import { type GatewayContext, upstreamOptions } from '../context.js';
import { gatewayError } from '../errors.js';
import type { CallOptions } from '../upstream/client.js';

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
