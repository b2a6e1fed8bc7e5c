/**
 * Who a change acts as. A user caller only ever acts as themselves; an admin acts for the app, or
 * as a user the input names where CometChat records the change per user. The change is made in
 * that perspective's view of the request (`view.options` for the write, `view.prime` after it).
 */
import type { GatewayContext } from '../../context.js';
import type { View } from '../../loaders/index.js';
import { PermissionDeniedFailure } from '../errors.js';
import { type IdField, rejectField } from '../mutation-support.js';

/**
 * The deprecation of the per-mutation acting-user fields (`senderUid`, `asUid`, `uid`): one
 * mechanism, the `X-Act-As` header, replaces them. They keep working until the removal date.
 */
export const ACTING_FIELD_DEPRECATION =
  'Send the `X-Act-As: <uid>` header with the admin token instead: every rule of that user then applies. Removal on or after 2027-06-30.';

/**
 * The view a change made as `uid` acts in. A user caller always acts as themselves (naming anyone
 * else is a PermissionDeniedError, where a read would be FORBIDDEN); an admin acts as `uid` when
 * given, and must give one where CometChat only acts as a user (`required`); otherwise as the app.
 */
export function actingView(
  context: GatewayContext,
  uid: string | null | undefined,
  field: string,
  required: boolean,
): View {
  if (uid) {
    if (!context.reads.mayView(uid.toLowerCase())) {
      throw new PermissionDeniedFailure(
        `${field}: a user caller acts only as themselves; leave it out or pass your own uid.`,
        ['input', field],
      );
    }
    return context.view(uid);
  }
  const own = context.view();
  if (own.perspective === null && required) {
    rejectField([field], 'is required for admin callers: the user CometChat acts as');
  }
  return own;
}

/** User callers may only change what is their own; admins act for the app and may name anyone. */
export function assertActsAs(context: GatewayContext, uid: string, path: string[]): void {
  if (!context.reads.mayView(uid.toLowerCase())) {
    throw new PermissionDeniedFailure(
      `A user may only change their own ${path.join('.')}; ${uid} is someone else.`,
      ['input', ...path],
      null,
    );
  }
}

/** The acting user as an id a refusal may quote, pointing at the input field that named them. */
export function actorIds(view: View, field: string): IdField[] {
  return view.perspective === null ? [] : [{ id: view.perspective, path: [field] }];
}
