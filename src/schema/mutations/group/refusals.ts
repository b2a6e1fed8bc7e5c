/**
 * CometChat's refusals of group and member calls, pointed at the input field at fault; shared by
 * the group and member mutations.
 */
import type { GatewayContext } from '../../../context.js';
import { isUpstreamError } from '../../../upstream/errors.js';
import {
  ConflictFailure,
  NotFoundFailure,
  PermissionDeniedFailure,
  ValidationFailure,
} from '../../errors.js';
import { mutationFailure, runMutation } from '../../mutation-support.js';

export interface RefusalPaths {
  /** Where the user of an `ERR_UID_NOT_FOUND` is in the input. */
  uid?: string[];
  /**
   * What `ERR_NOT_A_MEMBER` means here: the target user is not a member (`target`), the new owner
   * is not one (`owner`), or the acting user is not one (`actor`, a permission problem).
   */
  notAMember?: 'target' | 'owner' | 'actor';
  /** The call carried `onBehalfOf`, so `ERR_NOT_A_MEMBER` may be about the acting user. */
  acting?: boolean;
  /** CometChat's per-field `details` keys, where they differ from the input's paths. */
  fieldMap?: Record<string, string[]>;
  /** Where the object the call changes is named, for conflicts and other not-found codes. */
  target?: string[];
}

/**
 * CometChat's refusals of group and member calls as typed errors whose `path` names the input field
 * at fault: a missing group points at `guid`, a missing user at the uid field, a password problem at
 * `password`. Anything else goes through the shared mapping.
 */
function groupRefusal(error: unknown, paths: RefusalPaths = {}): unknown {
  if (!isUpstreamError(error) || error.outcomeUnknown) return mutationFailure(error);
  const code = error.code ?? null;
  const at = (...path: string[]) => ['input', ...path];
  switch (code) {
    case 'ERR_GUID_NOT_FOUND':
      return new NotFoundFailure(error.message, at('guid'), code);
    case 'ERR_UID_NOT_FOUND':
      return new NotFoundFailure(error.message, at(...(paths.uid ?? ['uid'])), code);
    case 'ERR_EMPTY_GROUP_PASS':
    case 'ERR_WRONG_GROUP_PASS':
      return new ValidationFailure(error.message, at('password'), code, [
        { path: at('password'), message: error.message },
      ]);
    case 'ERR_NOT_A_MEMBER': {
      // App-level calls have no acting member, so the refusal is about the named user; with
      // onBehalfOf CometChat answers 404 for a missing target and 403 for an outsider acting.
      const aboutActor =
        paths.notAMember === 'actor' || (paths.acting === true && error.status !== 404);
      if (aboutActor) return new PermissionDeniedFailure(error.message, at('guid'), code);
      if (paths.notAMember === 'owner') {
        return new ConflictFailure(
          `${error.message} Only a member can become the owner: add them first.`,
          at('ownerUid'),
          code,
        );
      }
      return new NotFoundFailure(error.message, at(...(paths.uid ?? ['uid'])), code);
    }
    default:
      return mutationFailure(error, {
        fieldMap: paths.fieldMap ?? {},
        targetPath: error.kind === 'forbidden' ? ['guid'] : (paths.target ?? ['guid']),
      });
  }
}

/** Runs one group or member write with {@link groupRefusal} mapping its refusals. */
export function runGroupWrite<T>(
  context: GatewayContext,
  body: () => Promise<T>,
  paths: RefusalPaths = {},
): Promise<T> {
  return runMutation(context, async () => {
    try {
      return await body();
    } catch (error) {
      throw groupRefusal(error, paths);
    }
  });
}
