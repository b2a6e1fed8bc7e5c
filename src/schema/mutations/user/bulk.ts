/**
 * One outcome per uid for the bulk user changes (deactivate, reactivate, friends, blocks): the
 * outcome type, and its assembly from CometChat's two kinds of bulk answer.
 */
import { builder } from '../../../builder.js';
import type { BulkOutcome } from '../../../upstream/records.js';
import { type ItemFailure, NotFoundFailure } from '../../errors.js';
import { UserRef } from '../../refs.js';
import { itemFailure, outcomeFields } from '../outcomes.js';

/** One uid's outcome of a bulk change. */
export interface UserOutcomeValue {
  uid: string;
  error: ItemFailure | null;
  /** Whether `user` is worth a lookup (false when the user is known to be missing or hidden). */
  loadUser: boolean;
}

/** A distinct uid of a batch, with the index of its first occurrence (for error paths). */
export interface RequestedUid {
  uid: string;
  index: number;
}

export function distinctUids(uids: readonly string[]): RequestedUid[] {
  const seen = new Map<string, number>();
  uids.forEach((uid, index) => {
    if (!seen.has(uid)) seen.set(uid, index);
  });
  return [...seen].map(([uid, index]) => ({ uid, index }));
}

export const UserBulkOutcome = builder.objectRef<UserOutcomeValue>('UserBulkOutcome').implement({
  description:
    'What happened to one user of a bulk change. Each distinct uid of the input gets exactly one outcome, in input order.',
  fields: (t) => ({
    uid: t.exposeString('uid', {
      description: 'The uid this outcome is about, lowercased as CometChat stores it.',
    }),
    ...outcomeFields(t, {
      ok: 'Whether the change was made (or already held) for this user.',
      error:
        "Why the change was not made for this user, with `path` pointing at the uid's position in `input.uids`; null when `ok`.",
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user as it is now; null when it does not exist or is deactivated. Costs one upstream call per outcome (batched).',
      resolve: (outcome, _args, context) =>
        outcome.loadUser ? context.view().loaders.users.load(outcome.uid) : null,
    }),
  }),
});

const uidPath = (index: number) => ['input', 'uids', String(index)];

/** Outcomes of a bulk call that answers with the list of uids it applied to. */
export function listedOutcomes(
  requested: readonly RequestedUid[],
  applied: readonly string[],
  loadUser: boolean,
): UserOutcomeValue[] {
  const done = new Set(applied.map((uid) => uid.toLowerCase()));
  return requested.map(({ uid, index }) =>
    done.has(uid)
      ? { uid, error: null, loadUser }
      : {
          uid,
          error: new NotFoundFailure(`No user with uid ${uid} exists.`, uidPath(index), null),
          loadUser: false,
        },
  );
}

/**
 * Outcomes of a bulk call that answers per uid. An item failure that is neither a bad value, a
 * missing object nor a permission problem (e.g. a friend limit) collides with the current state,
 * so it is a conflict.
 */
export function mappedOutcomes(
  requested: readonly RequestedUid[],
  answer: BulkOutcome<never>,
): UserOutcomeValue[] {
  const byUid = new Map(Object.entries(answer).map(([uid, item]) => [uid.toLowerCase(), item]));
  return requested.map(({ uid, index }) => {
    const item = byUid.get(uid);
    if (item?.success) return { uid, error: null, loadUser: true };
    const error = itemFailure(item, uidPath(index), {
      missing: {
        kind: 'not_found',
        message: `CometChat reported no outcome for ${uid}; read the current state before retrying.`,
      },
      refused: 'CometChat refused this item.',
      otherwise: 'conflict',
    });
    return { uid, error, loadUser: false };
  });
}
