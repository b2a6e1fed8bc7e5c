/**
 * Group management rules (docs/cometchat-facts.md 7.4), checked before the change is sent, so a refusal is a typed
 * `PermissionDeniedError` and CometChat is never asked to do what it would refuse:
 *
 * - admin: changes scopes, adds members, kicks and bans anyone, updates and deletes the group;
 * - moderator: changes the scope of moderators and participants (never to admin), updates the
 *   group, kicks and bans participants, lifts bans;
 * - participant: sends and receives only.
 *
 * The owner can be neither kicked, banned nor given another scope, by anyone (an app admin
 * included): that would leave the group without its owner. Transfer ownership first.
 *
 * An app admin (no `X-Act-As`) is not a member of anything and passes the scope rules; a user
 * caller is checked against their own membership, read as themselves. A group the caller cannot see
 * is a NotFoundError, indistinguishable from one that does not exist.
 */
import type { GatewayContext } from '../../../context.js';
import { memberKey } from '../../../loaders/index.js';
import type { GroupRecord, MemberScope } from '../../../upstream/records.js';
import { NotFoundFailure, PermissionDeniedFailure } from '../../errors.js';

export type GroupAction =
  | { kind: 'scope'; target: string; scope: MemberScope }
  | { kind: 'kick'; target: string }
  | { kind: 'ban'; target: string }
  | { kind: 'unban'; target: string }
  | { kind: 'add' }
  | { kind: 'update' }
  | { kind: 'delete' };

const ACTION_WORDS: Record<GroupAction['kind'], string> = {
  scope: "change a member's scope",
  kick: 'kick members',
  ban: 'ban users',
  unban: 'lift bans',
  add: 'add members',
  update: 'update the group',
  delete: 'delete the group',
};

async function loadGroup(context: GatewayContext, guid: string): Promise<GroupRecord> {
  const group = await context.view().loaders.groups.load(guid);
  if (group === null) {
    throw new NotFoundFailure(`No group ${guid}.`, ['input', 'guid'], 'ERR_GUID_NOT_FOUND');
  }
  return group;
}

// The codes CometChat gives for the same refusals, so clients handle one set of codes.
const NO_CLEARANCE = 'ERR_GROUP_NO_SCOPE_CLEARANCE';

function denied(message: string, field = 'guid', code: string = NO_CLEARANCE): never {
  throw new PermissionDeniedFailure(message, ['input', field], code);
}

/** Throws a typed failure when the caller may not do `action` in group `guid`; returns the group. */
export async function assertGroupAction(
  context: GatewayContext,
  guid: string,
  action: GroupAction,
): Promise<GroupRecord> {
  const group = await loadGroup(context, guid);
  if ('target' in action && action.kind !== 'unban' && group.owner === action.target) {
    denied(
      `The owner of ${guid} cannot be ${
        action.kind === 'scope'
          ? 'given another scope'
          : action.kind === 'kick'
            ? 'kicked'
            : 'banned'
      }; transfer the ownership first.`,
      'uid',
    );
  }
  const actor = context.view().perspective;
  if (actor === null) return group;

  const scope = group.hasJoined === false ? null : group.scope;
  const words = ACTION_WORDS[action.kind];
  if (scope === null) denied(`Only members of ${guid} may ${words}.`, 'guid', 'ERR_NOT_A_MEMBER');
  if ('target' in action && action.kind !== 'unban' && action.target === actor) {
    denied(
      `A member cannot ${action.kind === 'scope' ? 'change their own scope' : `${action.kind} themselves`} in ${guid}.`,
      'uid',
      'ERR_GROUP_NO_SELF_ACTION',
    );
  }
  if (scope === 'admin') return group;
  if (scope === 'participant') denied(`A participant of ${guid} may not ${words}.`);

  // A moderator.
  switch (action.kind) {
    case 'update':
    case 'unban':
      return group;
    case 'add':
    case 'delete':
      return denied(`Only an admin of ${guid} may ${words}.`);
    case 'scope': {
      if (action.scope === 'admin') {
        denied(`A moderator of ${guid} may not make anyone an admin.`, 'scope');
      }
      const target = await targetScope(context, guid, action.target);
      if (target === 'admin')
        denied(`A moderator of ${guid} may not change an admin's scope.`, 'uid');
      return group;
    }
    case 'kick':
    case 'ban': {
      const target = await targetScope(context, guid, action.target);
      if (target !== null && target !== 'participant') {
        denied(`A moderator of ${guid} may ${action.kind} participants only.`, 'uid');
      }
      return group;
    }
  }
}

async function targetScope(
  context: GatewayContext,
  guid: string,
  uid: string,
): Promise<MemberScope | null> {
  const member = await context.view().loaders.members.load(memberKey(guid, uid));
  return member?.scope ?? null;
}
