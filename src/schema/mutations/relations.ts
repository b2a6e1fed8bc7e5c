/**
 * Friends and blocked users: add and remove friends, block and unblock users, each with one outcome
 * per uid. An admin names the user whose relations change (`uid`); a user caller may only change
 * their own.
 */
import '../mutation.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import type { BulkOutcome } from '../../upstream/records.js';
import { addFriends, blockUsers, removeFriends, unblockUsers } from '../../upstream/relations.js';
import { NotFoundFailure, PermissionDeniedFailure, ValidationFailure } from '../errors.js';
import { inputObject, key } from '../input.js';
import { runMutation } from '../mutation-support.js';
import { UserRef } from '../refs.js';
import { assertActsAs } from './acting.js';
import {
  distinctUids,
  mappedOutcomes,
  UserBulkOutcome,
  type UserOutcomeValue,
} from './user/bulk.js';
import { uidBatch } from './user/inputs.js';

interface RelationValue {
  uid: string;
  outcomes: UserOutcomeValue[];
}

/** The input and payload types of one relation mutation. */
function relationTypes(
  stem: string,
  texts: { input: string; owner: string; uids: string; payload: string; outcomes: string },
) {
  const input = inputObject(`${stem}Input`, {
    description: texts.input,
    fields: { uid: key.required(texts.owner), uids: uidBatch.required(texts.uids) },
  });
  const payload = builder.objectRef<RelationValue>(`${stem}Payload`).implement({
    description: texts.payload,
    fields: (t) => ({
      user: t.field({
        type: UserRef,
        nullable: true,
        description:
          'The user whose relations changed, as it is now; null only if it was deleted meanwhile. Costs one upstream call.',
        resolve: (value, _args, context) => context.view().loaders.users.load(value.uid),
      }),
      outcomes: t.field({
        type: [UserBulkOutcome],
        description: texts.outcomes,
        resolve: (value) => value.outcomes,
      }),
    }),
  });
  return { input, payload };
}

const UIDS = 'case-insensitive; duplicates count once';

const UserFriendsAdd = relationTypes('UserFriendsAdd', {
  input: 'Whom to befriend with whom. Friendship is mutual and takes effect at once.',
  owner: 'The user who gains friends (case-insensitive). A user caller may only name themself.',
  uids: `The users who become friends with \`uid\` (${UIDS}).`,
  payload: 'The friendships that were made.',
  outcomes:
    'One outcome per distinct uid, in input order: ConflictError when already friends, NotFoundError for an unknown user, ValidationError for `uid` itself.',
});

const UserFriendsRemove = relationTypes('UserFriendsRemove', {
  input: 'Which friendships to end.',
  owner: 'The user who loses friends (case-insensitive). A user caller may only name themself.',
  uids: `The users who stop being friends with \`uid\` (${UIDS}).`,
  payload: 'The friendships that were ended.',
  outcomes:
    'One outcome per distinct uid, in input order. CometChat confirms the whole removal at once, so every uid is ok, including one that was not a friend.',
});

const UsersBlock = relationTypes('UsersBlock', {
  input: 'Who blocks whom. Blocking is one-way.',
  owner: 'The user who blocks (case-insensitive). A user caller may only name themself.',
  uids: `The users to block (${UIDS}).`,
  payload: 'The blocks that were made.',
  outcomes:
    'One outcome per distinct uid, in input order. Blocking an already blocked user is ok; NotFoundError for an unknown user, ValidationError for `uid` itself.',
});

const UsersUnblock = relationTypes('UsersUnblock', {
  input: 'Who unblocks whom.',
  owner: 'The user who unblocks (case-insensitive). A user caller may only name themself.',
  uids: `The users to unblock (${UIDS}).`,
  payload: 'The blocks that were lifted.',
  outcomes:
    'One outcome per distinct uid, in input order. Unblocking a user who was not blocked is ok; NotFoundError for an unknown user.',
});

type RelationInput = ReturnType<typeof relationTypes>['input'];

/** Validates, checks who may act, then makes the one upstream call. */
async function changeRelations(
  context: GatewayContext,
  declared: RelationInput,
  rawInput: unknown,
  call: (uid: string, uids: string[]) => Promise<UserOutcomeValue[] | BulkOutcome<never>>,
): Promise<RelationValue> {
  const input = declared.parse(rawInput);
  assertActsAs(context, input.uid, ['uid']);
  const requested = distinctUids(input.uids);
  const answer = await runMutation(
    context,
    () =>
      call(
        input.uid,
        requested.map(({ uid }) => uid),
      ),
    { targetPath: ['uid'] },
  );
  return {
    uid: input.uid,
    outcomes: Array.isArray(answer) ? answer : mappedOutcomes(requested, answer),
  };
}

const RELATION_ERRORS = [ValidationFailure, NotFoundFailure, PermissionDeniedFailure];

builder.mutationFields((t) => ({
  userFriendsAdd: t.field({
    type: UserFriendsAdd.payload,
    description:
      'Makes users friends of a user (mutual, no request to accept). One outcome per uid; NotFoundError when `uid` itself does not exist.',
    nullable: true,
    errors: {
      types: RELATION_ERRORS,
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({
        type: UserFriendsAdd.input.ref,
        required: true,
        description: 'Who and whom.',
      }),
    },
    resolve: (_root, args, context) =>
      changeRelations(context, UserFriendsAdd.input, args.input, (uid, uids) =>
        addFriends(context.upstream, uid, uids, context.view().options),
      ),
  }),
  userFriendsRemove: t.field({
    type: UserFriendsRemove.payload,
    description:
      'Ends friendships of a user (for both sides). NotFoundError when `uid` itself does not exist.',
    nullable: true,
    errors: {
      types: RELATION_ERRORS,
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({
        type: UserFriendsRemove.input.ref,
        required: true,
        description: 'Who and whom.',
      }),
    },
    resolve: (_root, args, context) =>
      changeRelations(context, UserFriendsRemove.input, args.input, async (uid, uids) => {
        await removeFriends(context.upstream, uid, uids, context.view().options);
        return uids.map((friend) => ({ uid: friend, error: null, loadUser: true }));
      }),
  }),
  usersBlock: t.field({
    type: UsersBlock.payload,
    description:
      'A user blocks other users: no messages flow between them until unblocked. One outcome per uid; NotFoundError when `uid` itself does not exist.',
    nullable: true,
    errors: {
      types: RELATION_ERRORS,
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({ type: UsersBlock.input.ref, required: true, description: 'Who and whom.' }),
    },
    resolve: (_root, args, context) =>
      changeRelations(context, UsersBlock.input, args.input, (uid, uids) =>
        blockUsers(context.upstream, uid, uids, context.view().options),
      ),
  }),
  usersUnblock: t.field({
    type: UsersUnblock.payload,
    description:
      'A user unblocks other users. One outcome per uid; NotFoundError when `uid` itself does not exist.',
    nullable: true,
    errors: {
      types: RELATION_ERRORS,
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({ type: UsersUnblock.input.ref, required: true, description: 'Who and whom.' }),
    },
    resolve: (_root, args, context) =>
      changeRelations(context, UsersUnblock.input, args.input, (uid, uids) =>
        unblockUsers(context.upstream, uid, uids, context.view().options),
      ),
  }),
}));
