/**
 * What the member mutations share: the typed failure of one user CometChat did not add, the
 * membership an action message describes, and the loaders primed or read after a change.
 */
import type { GatewayContext } from '../../../context.js';
import { gatewayError } from '../../../errors.js';
import { memberKey, type View } from '../../../loaders/index.js';
import type {
  BulkOutcomeItem,
  GroupMemberRecord,
  MemberScope,
  MessageRecord,
} from '../../../upstream/records.js';
import type { ItemFailure } from '../../errors.js';
import { itemFailure } from '../outcomes.js';

/** A user of CometChat's per-uid answer that was not added or banned, as a typed error. */
export function memberItemFailure(
  item: BulkOutcomeItem<unknown> | undefined,
  path: string[],
): ItemFailure {
  return itemFailure(item, path, {
    missing: {
      kind: 'not_applied',
      message: 'CometChat reported no outcome for this user; check the group before retrying.',
    },
    refused: `CometChat refused this user (${item?.code ?? 'no code given'}).`,
    otherwise: 'not_applied',
  });
}

/** A membership from the `added`/`joined` action message: its `on` entity is the user. */
export function memberFromAction(
  guid: string,
  scope: MemberScope,
  message: MessageRecord | undefined,
): GroupMemberRecord | null {
  const on = message?.entities.on;
  if (!message || !on || on.kind !== 'user') return null;
  return { guid, scope, joinedAt: message.sentAt, user: on };
}

/**
 * Fills the acting view's fresh loaders with the new memberships, read from action messages (whose
 * user entities CometChat renders without a viewer). The action messages' embedded group is not
 * used: each is a snapshot from the moment of that one addition (its member count is already
 * behind by the time the next uid is added).
 */
export function primeMembers(view: View, members: readonly GroupMemberRecord[]): void {
  for (const member of members) view.prime.member(member, null);
}

/** Reads a membership back after a change that answered without it. */
export async function readBack(
  context: GatewayContext,
  guid: string,
  uid: string,
): Promise<GroupMemberRecord> {
  const member = await context.view().loaders.members.load(memberKey(guid, uid));
  if (member === null) {
    throw gatewayError(
      'INTERNAL',
      'The change was made, but the membership could not be read back.',
    );
  }
  return member;
}
