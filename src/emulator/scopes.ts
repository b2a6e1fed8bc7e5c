/**
 * Group scope rules, enforced when a call acts as a user (`onBehalfOf`); the app itself may do
 * everything. Admins may do all; moderators may update the group, kick and ban participants,
 * unban, and move moderators and participants between those two scopes; participants may only
 * send and receive. The owner's membership is changed only by the owner or the app.
 */
import { noScopeClearance, noSelfAction, notAMember } from './chat-errors.js';
import type { GroupRow, MemberRow, Scope, Store } from './store.js';

export const SCOPES: readonly Scope[] = ['admin', 'moderator', 'participant'];

export function isScope(value: unknown): value is Scope {
  return SCOPES.some((scope) => scope === value);
}

export type GroupAction = 'add' | 'kick' | 'ban' | 'unban' | 'changeScope' | 'update' | 'delete';

export interface ActionTarget {
  uid: string;
  /** The target's current scope, when the target is a member. */
  scope?: Scope;
  /** For scope changes: the requested scope. */
  newScope?: Scope;
}

/**
 * Throws CometChat's error when `actor` may not perform `action` in `group`; returns the actor's
 * membership (undefined for app-level calls).
 */
export function authorise(
  store: Store,
  group: GroupRow,
  actor: string | undefined,
  action: GroupAction,
  target?: ActionTarget,
): MemberRow | undefined {
  if (actor === undefined) return undefined;
  const member = store.member(group.guid, actor);
  if (!member) throw notAMember(actor, group.guid);
  const targetsMembership = action === 'kick' || action === 'ban' || action === 'changeScope';
  if (target && targetsMembership && target.uid === actor) throw noSelfAction(actor);
  const deny = (detail: string): never => {
    throw noScopeClearance(actor, group.guid, detail);
  };
  if (target && targetsMembership && target.uid === group.owner) {
    deny('only the owner can change the owner of a group; transfer the ownership first.');
  }
  switch (member.scope) {
    case 'admin':
      return member;
    case 'moderator':
      if (action === 'update' || action === 'unban') return member;
      if (
        (action === 'kick' || action === 'ban') &&
        (target?.scope ?? 'participant') === 'participant'
      ) {
        return member;
      }
      if (
        action === 'changeScope' &&
        target?.scope !== 'admin' &&
        target?.newScope !== undefined &&
        target.newScope !== 'admin'
      ) {
        return member;
      }
      return deny(`a moderator cannot ${describe(action)}.`);
    default:
      return deny(`a participant cannot ${describe(action)}.`);
  }
}

function describe(action: GroupAction): string {
  switch (action) {
    case 'add':
      return 'add members';
    case 'kick':
      return 'kick this member';
    case 'ban':
      return 'ban this member';
    case 'unban':
      return 'unban members';
    case 'changeScope':
      return 'change the scope of this member to the requested scope';
    case 'update':
      return 'update the group';
    case 'delete':
      return 'delete the group';
  }
}
