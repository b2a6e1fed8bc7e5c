/**
 * groupMembersAdd: adds users to a group by scope and bans others in one call, with one outcome
 * per user named.
 */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import { LIMITS } from '../../../cometchat/limits.js';
import { memberKey } from '../../../loaders/index.js';
import { type AddMembersOutcome, addMembers } from '../../../upstream/members.js';
import type { GroupMemberRecord, MemberScope, MessageRecord } from '../../../upstream/records.js';
import { type ItemFailure, MUTATION_ERRORS } from '../../errors.js';
import { inputObject, key } from '../../input.js';
import { rejectField } from '../../mutation-support.js';
import { GroupMemberRef, GroupRef, MessageRef, UserRef } from '../../refs.js';
import {
  BUCKETS,
  type Bucket,
  bucketFields,
  bucketsOf,
  bucketsTotal,
  checkBuckets,
  toMemberBuckets,
} from '../group/buckets.js';
import { runGroupWrite } from '../group/refusals.js';
import { itemPath, outcomeFields } from '../outcomes.js';
import { memberFromAction, memberItemFailure, primeMembers } from './common.js';
import { assertGroupAction } from './rules.js';

type MemberBucket = Exclude<Bucket, 'usersToBan'>;

const BUCKET_SCOPE: Record<MemberBucket, MemberScope> = {
  admins: 'admin',
  moderators: 'moderator',
  participants: 'participant',
};

const GroupMembersAdd = inputObject('GroupMembersAddInput', {
  description: `Users to add to a group, by scope, and users to ban from it: at most ${LIMITS.membersPerAdd} users across the four lists, each named once.`,
  fields: {
    guid: key.required('The guid of the group.'),
    ...bucketFields({
      admins: 'Uids to add as admins.',
      moderators: 'Uids to add as moderators.',
      participants: 'Uids to add as participants.',
      usersToBan: 'Uids to ban (members among them are removed from the group).',
    }),
  },
  check: checkBuckets,
  map: ({ guid, ...buckets }) => ({ guid, ...bucketsOf(buckets) }),
});

interface AddOutcome {
  guid: string;
  uid: string;
  /** The membership built from the action message; null when it was not readable. */
  member: GroupMemberRecord | null;
  message: MessageRecord | null;
  error: ItemFailure | null;
}

interface BanOutcome {
  uid: string;
  error: ItemFailure | null;
}

interface AddResult {
  guid: string;
  buckets: Record<MemberBucket, AddOutcome[]>;
  usersToBan: BanOutcome[];
}

const GroupMemberAddOutcome = builder.objectRef<AddOutcome>('GroupMemberAddOutcome').implement({
  description: 'What happened to one user of `groupMembersAdd`: added, or why not.',
  fields: (t) => ({
    uid: t.exposeString('uid', { description: 'The uid, as sent (lowercased).' }),
    ...outcomeFields(t, {
      ok: 'Whether the user is now a member with that scope.',
      error:
        'Why the user was not added (already a member, banned, unknown, ...); null on success.',
    }),
    member: t.field({
      type: GroupMemberRef,
      nullable: true,
      description: 'The new membership; null when the user was not added.',
      resolve: (outcome, _args, context) => {
        if (outcome.error !== null) return null;
        if (outcome.member) return outcome.member;
        return context.view().loaders.members.load(memberKey(outcome.guid, outcome.uid));
      },
    }),
    message: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The `added` action message CometChat posted in the group; null when the user was not added or CometChat sent none.',
      resolve: (outcome) => outcome.message,
    }),
  }),
});

const GroupBanOutcome = builder.objectRef<BanOutcome>('GroupBanOutcome').implement({
  description: 'What happened to one user of `usersToBan`: banned, or why not.',
  fields: (t) => ({
    uid: t.exposeString('uid', { description: 'The uid, as sent (lowercased).' }),
    ...outcomeFields(t, {
      ok: 'Whether the user is now banned from the group.',
      error: 'Why the user was not banned (already banned, unknown, ...); null on success.',
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The user; null when no such user exists.',
      resolve: (outcome, _args, context) => context.view().loaders.users.load(outcome.uid),
    }),
  }),
});

const GroupMembersAddPayload = builder.objectRef<AddResult>('GroupMembersAddPayload').implement({
  description:
    'One outcome per user named, in the order given, by list. Users in one list can fail while others succeed; nothing is rolled back.',
  fields: (t) => ({
    guid: t.exposeString('guid', { description: 'The guid of the group.' }),
    group: t.field({
      type: GroupRef,
      nullable: true,
      description: 'The group as it is now; null if it no longer exists.',
      resolve: (result, _args, context) => context.view().loaders.groups.load(result.guid),
    }),
    admins: t.field({
      type: [GroupMemberAddOutcome],
      description: 'The outcome for each uid of `admins`.',
      resolve: (result) => result.buckets.admins,
    }),
    moderators: t.field({
      type: [GroupMemberAddOutcome],
      description: 'The outcome for each uid of `moderators`.',
      resolve: (result) => result.buckets.moderators,
    }),
    participants: t.field({
      type: [GroupMemberAddOutcome],
      description: 'The outcome for each uid of `participants`.',
      resolve: (result) => result.buckets.participants,
    }),
    usersToBan: t.field({
      type: [GroupBanOutcome],
      description: 'The outcome for each uid of `usersToBan`.',
      resolve: (result) => result.usersToBan,
    }),
  }),
});

/** One outcome per uid sent, each failure pointing at where the caller listed that uid. */
function addOutcomes(
  guid: string,
  sent: Record<Bucket, string[]>,
  raw: Partial<Record<Bucket, readonly string[] | null | undefined>>,
  answer: AddMembersOutcome,
): AddResult {
  const failure = (bucket: Bucket, uid: string) =>
    memberItemFailure(
      answer[bucket][uid],
      itemPath(bucket, raw[bucket], (value) => value.trim().toLowerCase() === uid),
    );
  const memberBucket = (bucket: MemberBucket): AddOutcome[] =>
    sent[bucket].map((uid) => {
      const item = answer[bucket][uid];
      if (item?.success) {
        const member = memberFromAction(guid, BUCKET_SCOPE[bucket], item.data);
        return { guid, uid, member, message: item.data ?? null, error: null };
      }
      return { guid, uid, member: null, message: null, error: failure(bucket, uid) };
    });
  return {
    guid,
    buckets: {
      admins: memberBucket('admins'),
      moderators: memberBucket('moderators'),
      participants: memberBucket('participants'),
    },
    usersToBan: sent.usersToBan.map((uid) => ({
      uid,
      error: answer.usersToBan[uid]?.success ? null : failure('usersToBan', uid),
    })),
  };
}

const bucketFieldMap = Object.fromEntries(BUCKETS.map((bucket) => [bucket, [bucket]]));

builder.mutationFields((t) => ({
  groupMembersAdd: t.field({
    type: GroupMembersAddPayload,
    description: `Adds up to ${LIMITS.membersPerAdd} users to a group as admins, moderators or participants, and bans others, in one call. Each user gets an outcome: which were added or banned, which were not and why.`,
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({
        type: GroupMembersAdd.ref,
        required: true,
        description: 'The group and the users, by scope.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupMembersAdd.parse(args.input);
      if (bucketsTotal(input) === 0) {
        rejectField(
          ['participants'],
          'name at least one user in admins, moderators, participants or usersToBan',
        );
      }
      await assertGroupAction(context, input.guid, { kind: 'add' });
      const sent: Record<Bucket, string[]> = {
        admins: input.admins,
        moderators: input.moderators,
        participants: input.participants,
        usersToBan: input.usersToBan,
      };
      const view = context.view();
      const answer = await runGroupWrite(
        context,
        () => addMembers(context.upstream, input.guid, toMemberBuckets(sent), view.options),
        { acting: view.perspective !== null, notAMember: 'actor', fieldMap: bucketFieldMap },
      );
      const result = addOutcomes(input.guid, sent, args.input, answer);
      primeMembers(
        view,
        Object.values(result.buckets).flatMap((outcomes) =>
          outcomes.flatMap((outcome) => (outcome.member ? [outcome.member] : [])),
        ),
      );
      return result;
    },
  }),
}));
