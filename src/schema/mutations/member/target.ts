/**
 * The mutations that name one user of a group: change a member's scope, kick a member, ban and
 * unban a user.
 */
import '../../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../builder.js';
import type { GatewayContext } from '../../../context.js';
import { memberKey } from '../../../loaders/index.js';
import {
  banMember,
  changeMemberScope,
  kickMember,
  unbanMember,
} from '../../../upstream/members.js';
import type { GroupMemberRecord, UserRecord } from '../../../upstream/records.js';
import { MUTATION_ERRORS } from '../../errors.js';
import { GroupMemberScope } from '../../group-member.js';
import { choice, inputObject, key } from '../../input.js';
import { GroupMemberRef, GroupRef, UserRef } from '../../refs.js';
import { objectPayload } from '../fields.js';
import { runGroupWrite } from '../group/refusals.js';
import { readBack } from './common.js';
import { assertGroupAction } from './rules.js';

const GroupMemberScopeChange = inputObject('GroupMemberScopeChangeInput', {
  description: "A member and the scope they get. The owner's scope cannot be changed.",
  fields: {
    guid: key.required('The guid of the group.'),
    uid: key.required('The uid of the member.'),
    scope: choice(GroupMemberScope).required('The new scope; it must differ from the current one.'),
  },
});

/** The input of a mutation that names a group and one user of it. */
function targetInput(name: string, description: string, uid: string) {
  return inputObject(name, {
    description,
    fields: {
      guid: key.required('The guid of the group.'),
      uid: key.required(uid),
    },
  });
}

type TargetInput = ReturnType<typeof targetInput>;

const GroupMemberKick = targetInput(
  'GroupMemberKickInput',
  'A member to remove from a group. They may join (or be added) again.',
  'The uid of the member to remove.',
);
const GroupMemberBan = targetInput(
  'GroupMemberBanInput',
  'A user to ban from a group: a member is removed, and nobody can add them until they are unbanned.',
  'The uid of the user to ban (a member or not).',
);
const GroupMemberUnban = targetInput(
  'GroupMemberUnbanInput',
  'A banned user to allow back. Unbanning does not make them a member again.',
  'The uid of the banned user.',
);

const GroupMemberScopeChangePayload = objectPayload(
  'GroupMemberScopeChangePayload',
  'The membership with its new scope.',
  {
    name: 'member',
    type: GroupMemberRef,
    description: 'The member, with the scope they have now.',
  },
);

interface TargetResult {
  guid: string;
  uid: string;
}

/** The payload of a kick, ban or unban; `removes` when the membership (if any) ends. */
function targetPayload(name: string, description: string, removes: boolean) {
  return builder.objectRef<TargetResult>(name).implement({
    description,
    fields: (t) => ({
      guid: t.exposeString('guid', { description: 'The guid of the group.' }),
      uid: t.exposeString('uid', { description: 'The uid of the user.' }),
      group: t.field({
        type: GroupRef,
        nullable: true,
        description: 'The group as it is now; null if it no longer exists.',
        resolve: (result, _args, context) => context.view().loaders.groups.load(result.guid),
      }),
      user: t.field({
        type: UserRef,
        nullable: true,
        description: 'The user; null if they no longer exist.',
        resolve: (result, _args, context) => context.view().loaders.users.load(result.uid),
      }),
      ...(removes
        ? {
            removedMemberId: t.id({
              description:
                'The global ID of the membership that ended, to drop it from client caches and member lists.',
              resolve: (result) =>
                encodeGlobalID('GroupMember', memberKey(result.guid, result.uid)),
            }),
          }
        : {}),
    }),
  });
}

const GroupMemberKickPayload = targetPayload(
  'GroupMemberKickPayload',
  'The member that was removed from the group.',
  true,
);
const GroupMemberBanPayload = targetPayload(
  'GroupMemberBanPayload',
  'The user that was banned (and removed, if they were a member).',
  true,
);
const GroupMemberUnbanPayload = targetPayload(
  'GroupMemberUnbanPayload',
  'The user that was unbanned.',
  false,
);

/** Validates, then makes the one upstream call that kicks, bans or unbans. */
async function changeTarget(
  context: GatewayContext,
  declared: TargetInput,
  rawInput: unknown,
  call: typeof kickMember | typeof banMember | typeof unbanMember,
  kind: 'kick' | 'ban' | 'unban',
): Promise<TargetResult> {
  const input = declared.parse(rawInput);
  await assertGroupAction(context, input.guid, { kind, target: input.uid });
  const view = context.view();
  await runGroupWrite(context, () => call(context.upstream, input.guid, input.uid, view.options), {
    acting: view.perspective !== null,
    target: ['uid'],
  });
  return { guid: input.guid, uid: input.uid };
}

builder.mutationFields((t) => ({
  groupMemberScopeChange: t.field({
    type: GroupMemberScopeChangePayload,
    description:
      "Changes a member's scope (admin, moderator, participant). The owner's scope cannot be changed.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The member with the new scope, or why it did not change.' },
    },
    args: {
      input: t.arg({
        type: GroupMemberScopeChange.ref,
        required: true,
        description: 'The member and the new scope.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupMemberScopeChange.parse(args.input);
      await assertGroupAction(context, input.guid, {
        kind: 'scope',
        target: input.uid,
        scope: input.scope,
      });
      const view = context.view();
      const answer = await runGroupWrite(
        context,
        () => changeMemberScope(context.upstream, input.guid, input.uid, input.scope, view.options),
        { acting: view.perspective !== null, target: ['uid'] },
      );
      // CometChat answers with the scope and join time only; the user comes from the view.
      const user: UserRecord | null = await view.loaders.users.load(answer.uid);
      const member: GroupMemberRecord =
        user !== null && answer.joinedAt !== null
          ? { guid: input.guid, scope: answer.scope, joinedAt: answer.joinedAt, user }
          : await readBack(context, input.guid, answer.uid);
      view.prime.member(member);
      return { member };
    },
  }),

  groupMemberKick: t.field({
    type: GroupMemberKickPayload,
    description:
      'Removes a member from a group; they may join or be added again. The owner cannot be removed.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The removed member, or why they were not removed.' },
    },
    args: {
      input: t.arg({
        type: GroupMemberKick.ref,
        required: true,
        description: 'The group and the member.',
      }),
    },
    resolve: (_root, args, context) =>
      changeTarget(context, GroupMemberKick, args.input, kickMember, 'kick'),
  }),

  groupMemberBan: t.field({
    type: GroupMemberBanPayload,
    description:
      'Bans a user from a group, removing them if they are a member; nobody can add them until they are unbanned.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The banned user, or why they were not banned.' },
    },
    args: {
      input: t.arg({
        type: GroupMemberBan.ref,
        required: true,
        description: 'The group and the user.',
      }),
    },
    resolve: (_root, args, context) =>
      changeTarget(context, GroupMemberBan, args.input, banMember, 'ban'),
  }),

  groupMemberUnban: t.field({
    type: GroupMemberUnbanPayload,
    description:
      'Lifts a ban, so the user can join or be added again (it does not make them a member).',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The unbanned user, or why the ban stays.' },
    },
    args: {
      input: t.arg({
        type: GroupMemberUnban.ref,
        required: true,
        description: 'The group and the banned user.',
      }),
    },
    resolve: (_root, args, context) =>
      changeTarget(context, GroupMemberUnban, args.input, unbanMember, 'unban'),
  }),
}));
