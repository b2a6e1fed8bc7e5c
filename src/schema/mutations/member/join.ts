/**
 * groupJoin: a user joins a PUBLIC group as a participant, acting as themselves. CometChat has no
 * other REST call to join, so this adds the user through the add-members call made as them.
 */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import { gatewayError } from '../../../errors.js';
import { addMembers } from '../../../upstream/members.js';
import type { GroupMemberRecord } from '../../../upstream/records.js';
import { MUTATION_ERRORS, NotAppliedFailure } from '../../errors.js';
import { inputObject, key } from '../../input.js';
import { GroupMemberRef, GroupRef } from '../../refs.js';
import { ACTING_FIELD_DEPRECATION, actingView } from '../acting.js';
import { runGroupWrite } from '../group/refusals.js';
import { memberFromAction, memberItemFailure, primeMembers, readBack } from './common.js';

const GroupJoin = inputObject('GroupJoinInput', {
  description:
    'A user joining a PUBLIC group as a participant. CometChat offers no REST call to join a PASSWORD or PRIVATE group (a member adds users there with `groupMembersAdd`), nor one for a user to leave a group (`groupMemberKick` removes a member).',
  fields: {
    guid: key.required('The guid of the public group to join.'),
    uid: key.optional(
      'The user who joins. Required for an admin caller; a user caller joins as themselves (leave it out or give their own uid).',
      { deprecationReason: ACTING_FIELD_DEPRECATION },
    ),
  },
});

const GroupJoinPayload = builder
  .objectRef<{ member: GroupMemberRecord }>('GroupJoinPayload')
  .implement({
    description: 'The membership the join created.',
    fields: (t) => ({
      member: t.field({
        type: GroupMemberRef,
        description: 'The new member (a participant).',
        resolve: (payload) => payload.member,
      }),
      group: t.field({
        type: GroupRef,
        nullable: true,
        description: 'The group as it is now; null if it no longer exists.',
        resolve: (payload, _args, context) =>
          context.view().loaders.groups.load(payload.member.guid),
      }),
    }),
  });

builder.mutationFields((t) => ({
  groupJoin: t.field({
    type: GroupJoinPayload,
    description:
      'A user joins a PUBLIC group as a participant, acting as themselves. PASSWORD and PRIVATE groups cannot be joined over the REST API (PermissionDeniedError); a member adds users there with `groupMembersAdd`.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The new membership, or why the user did not join.' },
    },
    args: {
      input: t.arg({
        type: GroupJoin.ref,
        required: true,
        description: 'The group and the user who joins.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupJoin.parse(args.input);
      // The user who joins: named in the input by an admin, the caller themselves otherwise.
      const view = actingView(context, input.uid, 'uid', true);
      const uid = view.perspective ?? '';
      const answer = await runGroupWrite(
        context,
        () => addMembers(context.upstream, input.guid, { participants: [uid] }, view.options),
        { acting: true, notAMember: 'actor', target: ['guid'] },
      );
      const item = answer.participants[uid];
      if (item === undefined) {
        throw gatewayError(
          'UPSTREAM_OUTCOME_UNKNOWN',
          'CometChat did not say whether the user joined; check the group before retrying.',
        );
      }
      if (!item.success) {
        const error = memberItemFailure(item, ['input', 'guid']);
        if (error instanceof NotAppliedFailure) {
          throw gatewayError('UPSTREAM_UNAVAILABLE', error.message, { upstreamCode: error.code });
        }
        throw error;
      }
      const member =
        memberFromAction(input.guid, 'participant', item.data) ??
        (await readBack(context, input.guid, uid));
      primeMembers(view, [member]);
      return { member };
    },
  }),
}));
