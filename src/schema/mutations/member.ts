import '../mutation.js';
import { wrapOrThrow } from '@pothos/plugin-errors';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { type GatewayContext, upstreamOptions } from '../../context.js';
import { gatewayError, toClientError } from '../../errors.js';
import { memberKey } from '../../loaders/members.js';
import { primeUser } from '../../loaders/prime.js';
import type { CallOptions } from '../../upstream/client.js';
import { errorKindFor } from '../../upstream/errors.js';
import {
  type AddMembersOutcome,
  addMembers,
  banMember,
  changeMemberScope,
  kickMember,
  unbanMember,
} from '../../upstream/members.js';
import type {
  BulkOutcomeItem,
  GroupMemberRecord,
  MemberScope,
  MessageRecord,
  UserRecord,
} from '../../upstream/records.js';
import {
  ConflictFailure,
  MUTATION_ERRORS,
  NotAppliedFailure,
  NotFoundFailure,
  PermissionDeniedFailure,
  UserError,
  ValidationFailure,
} from '../errors.js';
import { GroupMemberScope } from '../group-member.js';
import { idSchema, LIMITS } from '../limits.js';
import { rejectField, validateInput } from '../mutation-support.js';
import { GroupMemberRef, GroupRef, MessageRef, UserRef } from '../refs.js';
import {
  BUCKETS,
  type Bucket,
  bucketsSchema,
  bucketsTotal,
  runGroupWrite,
  toMemberBuckets,
} from './group.js';

type ItemError =
  | ValidationFailure
  | NotFoundFailure
  | ConflictFailure
  | PermissionDeniedFailure
  | NotAppliedFailure;

/** A failed item of CometChat's per-uid answer as the typed error its code stands for. */
function itemError(item: BulkOutcomeItem<unknown> | undefined, path: string[]): ItemError {
  if (item === undefined) {
    return new NotAppliedFailure(
      'CometChat reported no outcome for this user; check the group before retrying.',
      path,
      null,
    );
  }
  const code = item.code;
  const message = item.message ?? `CometChat refused this user (${code ?? 'no code given'}).`;
  switch (errorKindFor(undefined, code ?? undefined)) {
    case 'not_found':
      return new NotFoundFailure(message, path, code);
    case 'conflict':
      return new ConflictFailure(message, path, code);
    case 'forbidden':
      return new PermissionDeniedFailure(message, path, code);
    case 'invalid':
      return new ValidationFailure(message, path, code, [{ path, message }]);
    default:
      return new NotAppliedFailure(message, path, code);
  }
}

const ITEM_ERROR_TYPES = [
  ValidationFailure,
  NotFoundFailure,
  ConflictFailure,
  PermissionDeniedFailure,
  NotAppliedFailure,
];

/**
 * An item error as a field value. GraphQL treats a returned Error as a field failure, so it is
 * handed over the way the errors plugin hands over a caught one: branded with its GraphQL type.
 */
function asErrorValue(error: ItemError | null): ItemError | null {
  if (error === null) return null;
  return wrapOrThrow(error, ITEM_ERROR_TYPES) as ItemError; // a branded proxy of the same error
}

// ---------------------------------------------------------------------------------------------
// Inputs

const uidField = (description: string) => ({ required: true as const, description });

const GroupMembersAddInput = builder.inputType('GroupMembersAddInput', {
  description: `Users to add to a group, by scope, and users to ban from it: at most ${LIMITS.membersPerAdd} users across the four lists, each named once.`,
  fields: (t) => ({
    guid: t.string({ required: true, description: 'The guid of the group.' }),
    admins: t.stringList({ description: 'Uids to add as admins.' }),
    moderators: t.stringList({ description: 'Uids to add as moderators.' }),
    participants: t.stringList({ description: 'Uids to add as participants.' }),
    usersToBan: t.stringList({
      description: 'Uids to ban (members among them are removed from the group).',
    }),
  }),
});

const GroupMemberScopeChangeInput = builder.inputType('GroupMemberScopeChangeInput', {
  description: "A member and the scope they get. The owner's scope cannot be changed.",
  fields: (t) => ({
    guid: t.string({ required: true, description: 'The guid of the group.' }),
    uid: t.string(uidField('The uid of the member.')),
    scope: t.field({
      type: GroupMemberScope,
      required: true,
      description: 'The new scope; it must differ from the current one.',
    }),
  }),
});

const GroupMemberKickInput = builder.inputType('GroupMemberKickInput', {
  description: 'A member to remove from a group. They may join (or be added) again.',
  fields: (t) => ({
    guid: t.string({ required: true, description: 'The guid of the group.' }),
    uid: t.string(uidField('The uid of the member to remove.')),
  }),
});

const GroupMemberBanInput = builder.inputType('GroupMemberBanInput', {
  description:
    'A user to ban from a group: a member is removed, and nobody can add them until they are unbanned.',
  fields: (t) => ({
    guid: t.string({ required: true, description: 'The guid of the group.' }),
    uid: t.string(uidField('The uid of the user to ban (a member or not).')),
  }),
});

const GroupMemberUnbanInput = builder.inputType('GroupMemberUnbanInput', {
  description: 'A banned user to allow back. Unbanning does not make them a member again.',
  fields: (t) => ({
    guid: t.string({ required: true, description: 'The guid of the group.' }),
    uid: t.string(uidField('The uid of the banned user.')),
  }),
});

const GroupJoinInput = builder.inputType('GroupJoinInput', {
  description:
    'A user joining a PUBLIC group as a participant. CometChat offers no REST call to join a PASSWORD or PRIVATE group (a member adds users there with `groupMembersAdd`), nor one for a user to leave a group (`groupMemberKick` removes a member).',
  fields: (t) => ({
    guid: t.string({ required: true, description: 'The guid of the public group to join.' }),
    uid: t.string({
      description:
        'The user who joins. Required for an admin caller; a user caller joins as themselves (leave it out or give their own uid).',
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Validation

const addSchema = z.object({ guid: idSchema }).and(bucketsSchema);

const targetSchema = z.object({ guid: idSchema, uid: idSchema });
const scopeSchema = targetSchema.extend({ scope: z.enum(['admin', 'moderator', 'participant']) });
const joinSchema = z.object({
  guid: idSchema,
  uid: idSchema.nullish().transform((uid) => uid ?? undefined),
});

// ---------------------------------------------------------------------------------------------
// Payloads

interface AddOutcome {
  guid: string;
  uid: string;
  ok: boolean;
  /** The membership built from the action message; null when it was not readable. */
  member: GroupMemberRecord | null;
  message: MessageRecord | null;
  error: ItemError | null;
}

interface BanOutcome {
  uid: string;
  ok: boolean;
  error: ItemError | null;
}

interface AddResult {
  guid: string;
  buckets: Record<Exclude<Bucket, 'usersToBan'>, AddOutcome[]>;
  usersToBan: BanOutcome[];
}

interface TargetResult {
  guid: string;
  uid: string;
}

function loadOrError<T>(load: Promise<T>): Promise<T> {
  return load.catch((error: unknown) => {
    throw toClientError(error);
  });
}

const GroupMemberAddOutcome = builder.objectRef<AddOutcome>('GroupMemberAddOutcome').implement({
  description: 'What happened to one user of `groupMembersAdd`: added, or why not.',
  fields: (t) => ({
    uid: t.exposeString('uid', { description: 'The uid, as sent (lowercased).' }),
    ok: t.exposeBoolean('ok', { description: 'Whether the user is now a member with that scope.' }),
    member: t.field({
      type: GroupMemberRef,
      nullable: true,
      description: 'The new membership; null when the user was not added.',
      resolve: (outcome, _args, context) => {
        if (!outcome.ok) return null;
        if (outcome.member) return outcome.member;
        return loadOrError(context.loaders.members.load(memberKey(outcome.guid, outcome.uid)));
      },
    }),
    message: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The `added` action message CometChat posted in the group; null when the user was not added or CometChat sent none.',
      resolve: (outcome) => outcome.message,
    }),
    error: t.field({
      type: UserError,
      nullable: true,
      description:
        'Why the user was not added (already a member, banned, unknown, ...); null on success.',
      resolve: (outcome) => asErrorValue(outcome.error),
    }),
  }),
});

const GroupBanOutcome = builder.objectRef<BanOutcome>('GroupBanOutcome').implement({
  description: 'What happened to one user of `usersToBan`: banned, or why not.',
  fields: (t) => ({
    uid: t.exposeString('uid', { description: 'The uid, as sent (lowercased).' }),
    ok: t.exposeBoolean('ok', { description: 'Whether the user is now banned from the group.' }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The user; null when no such user exists.',
      resolve: (outcome, _args, context) => loadOrError(context.loaders.users.load(outcome.uid)),
    }),
    error: t.field({
      type: UserError,
      nullable: true,
      description: 'Why the user was not banned (already banned, unknown, ...); null on success.',
      resolve: (outcome) => asErrorValue(outcome.error),
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
      resolve: (result, _args, context) => loadOrError(context.loaders.groups.load(result.guid)),
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

const GroupMemberScopeChangePayload = builder
  .objectRef<{ member: GroupMemberRecord }>('GroupMemberScopeChangePayload')
  .implement({
    description: 'The membership with its new scope.',
    fields: (t) => ({
      member: t.field({
        type: GroupMemberRef,
        description: 'The member, with the scope they have now.',
        resolve: (payload) => payload.member,
      }),
    }),
  });

const targetPayload = (name: string, description: string, removes: boolean) =>
  builder.objectRef<TargetResult>(name).implement({
    description,
    fields: (t) => ({
      guid: t.exposeString('guid', { description: 'The guid of the group.' }),
      uid: t.exposeString('uid', { description: 'The uid of the user.' }),
      group: t.field({
        type: GroupRef,
        nullable: true,
        description: 'The group as it is now; null if it no longer exists.',
        resolve: (result, _args, context) => loadOrError(context.loaders.groups.load(result.guid)),
      }),
      user: t.field({
        type: UserRef,
        nullable: true,
        description: 'The user; null if they no longer exist.',
        resolve: (result, _args, context) => loadOrError(context.loaders.users.load(result.uid)),
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
          loadOrError(context.loaders.groups.load(payload.member.guid)),
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------
// Outcome assembly

const BUCKET_SCOPE: Record<Exclude<Bucket, 'usersToBan'>, MemberScope> = {
  admins: 'admin',
  moderators: 'moderator',
  participants: 'participant',
};

/** A membership from the `added`/`joined` action message: its `on` entity is the user. */
function memberFromAction(
  guid: string,
  scope: MemberScope,
  message: MessageRecord | undefined,
): GroupMemberRecord | null {
  const on = message?.entities.on;
  if (!message || !on || on.kind !== 'user') return null;
  return { guid, scope, joinedAt: message.sentAt, user: on };
}

/** Where `uid` was in the caller's list (before lowercasing and de-duplication). */
function inputIndex(raw: readonly string[] | null | undefined, uid: string): number {
  const index = (raw ?? []).findIndex((value) => value.trim().toLowerCase() === uid);
  return Math.max(index, 0);
}

function addOutcomes(
  guid: string,
  sent: Record<Bucket, string[]>,
  raw: Partial<Record<Bucket, readonly string[] | null | undefined>>,
  answer: AddMembersOutcome,
): AddResult {
  const path = (bucket: Bucket, uid: string) => [
    'input',
    bucket,
    String(inputIndex(raw[bucket], uid)),
  ];
  const memberBucket = (bucket: Exclude<Bucket, 'usersToBan'>): AddOutcome[] =>
    sent[bucket].map((uid) => {
      const item = answer[bucket][uid];
      if (item?.success) {
        return {
          guid,
          uid,
          ok: true,
          member: memberFromAction(guid, BUCKET_SCOPE[bucket], item.data),
          message: item.data ?? null,
          error: null,
        };
      }
      return {
        guid,
        uid,
        ok: false,
        member: null,
        message: null,
        error: itemError(item, path(bucket, uid)),
      };
    });
  return {
    guid,
    buckets: {
      admins: memberBucket('admins'),
      moderators: memberBucket('moderators'),
      participants: memberBucket('participants'),
    },
    usersToBan: sent.usersToBan.map((uid) => {
      const item = answer.usersToBan[uid];
      return item?.success
        ? { uid, ok: true, error: null }
        : { uid, ok: false, error: itemError(item, path('usersToBan', uid)) };
    }),
  };
}

/**
 * Fills the request's fresh loaders with the new memberships. The action messages' embedded group
 * is not used: each is a snapshot from the moment of that one addition (its member count is
 * already behind by the time the next uid is added).
 */
function primeMembers(context: GatewayContext, members: readonly GroupMemberRecord[]): void {
  for (const member of members) {
    context.loaders.members.prime(memberKey(member.guid, member.user.uid), member);
    primeUser(context, member.user, null);
  }
}

/** The acting user of a join: named in the input by an admin, the caller themselves otherwise. */
function joiningUser(context: GatewayContext, uid: string | undefined): string {
  const { caller } = context;
  if (caller.kind === 'user') {
    if (uid !== undefined && uid !== caller.uid) {
      throw new PermissionDeniedFailure('A user caller can only join a group as themselves.', [
        'input',
        'uid',
      ]);
    }
    return caller.uid;
  }
  if (uid === undefined) {
    throw new ValidationFailure(
      'uid: is required for an admin caller (the user who joins)',
      ['input', 'uid'],
      null,
      [{ path: ['input', 'uid'], message: 'is required for an admin caller (the user who joins)' }],
    );
  }
  return uid;
}

/** Reads a membership back after a change that answered without it. */
async function readBack(context: GatewayContext, guid: string, uid: string) {
  const member = await loadOrError(context.loaders.members.load(memberKey(guid, uid)));
  if (member === null) {
    throw gatewayError(
      'INTERNAL',
      'The change was made, but the membership could not be read back.',
    );
  }
  return member;
}

// ---------------------------------------------------------------------------------------------
// Mutations

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
        type: GroupMembersAddInput,
        required: true,
        description: 'The group and the users, by scope.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(addSchema, args.input);
      if (bucketsTotal(input) === 0) {
        rejectField(
          ['participants'],
          'name at least one user in admins, moderators, participants or usersToBan',
        );
      }
      const sent: Record<Bucket, string[]> = {
        admins: input.admins,
        moderators: input.moderators,
        participants: input.participants,
        usersToBan: input.usersToBan,
      };
      const answer = await runGroupWrite(
        context,
        () =>
          addMembers(context.upstream, input.guid, toMemberBuckets(sent), upstreamOptions(context)),
        { acting: context.caller.kind === 'user', notAMember: 'actor', fieldMap: bucketFieldMap },
      );
      const result = addOutcomes(input.guid, sent, args.input, answer);
      primeMembers(
        context,
        Object.values(result.buckets).flatMap((outcomes) =>
          outcomes.flatMap((outcome) => (outcome.member ? [outcome.member] : [])),
        ),
      );
      return result;
    },
  }),

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
        type: GroupMemberScopeChangeInput,
        required: true,
        description: 'The member and the new scope.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(scopeSchema, args.input);
      const answer = await runGroupWrite(
        context,
        () =>
          changeMemberScope(
            context.upstream,
            input.guid,
            input.uid,
            input.scope,
            upstreamOptions(context),
          ),
        { acting: context.caller.kind === 'user', target: ['uid'] },
      );
      // CometChat answers with the scope and join time only; the user comes from the loader.
      const user: UserRecord | null = await loadOrError(context.loaders.users.load(answer.uid));
      const member: GroupMemberRecord =
        user !== null && answer.joinedAt !== null
          ? { guid: input.guid, scope: answer.scope, joinedAt: answer.joinedAt, user }
          : await readBack(context, input.guid, answer.uid);
      context.loaders.members.prime(memberKey(input.guid, answer.uid), member);
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
        type: GroupMemberKickInput,
        required: true,
        description: 'The group and the member.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(targetSchema, args.input);
      await runGroupWrite(
        context,
        () => kickMember(context.upstream, input.guid, input.uid, upstreamOptions(context)),
        { acting: context.caller.kind === 'user', target: ['uid'] },
      );
      return { guid: input.guid, uid: input.uid };
    },
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
        type: GroupMemberBanInput,
        required: true,
        description: 'The group and the user.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(targetSchema, args.input);
      await runGroupWrite(
        context,
        () => banMember(context.upstream, input.guid, input.uid, upstreamOptions(context)),
        { acting: context.caller.kind === 'user', target: ['uid'] },
      );
      return { guid: input.guid, uid: input.uid };
    },
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
        type: GroupMemberUnbanInput,
        required: true,
        description: 'The group and the banned user.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(targetSchema, args.input);
      await runGroupWrite(
        context,
        () => unbanMember(context.upstream, input.guid, input.uid, upstreamOptions(context)),
        { acting: context.caller.kind === 'user', target: ['uid'] },
      );
      return { guid: input.guid, uid: input.uid };
    },
  }),

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
        type: GroupJoinInput,
        required: true,
        description: 'The group and the user who joins.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(joinSchema, args.input);
      const uid = joiningUser(context, input.uid);
      const options: CallOptions = { onBehalfOf: uid, signal: context.signal };
      const answer = await runGroupWrite(
        context,
        () => addMembers(context.upstream, input.guid, { participants: [uid] }, options),
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
        const error = itemError(item, ['input', 'guid']);
        if (error instanceof NotAppliedFailure) {
          throw gatewayError('UPSTREAM_UNAVAILABLE', error.message, { upstreamCode: error.code });
        }
        throw error;
      }
      const member =
        memberFromAction(input.guid, 'participant', item.data) ??
        (await readBack(context, input.guid, uid));
      primeMembers(context, [member]);
      return { member };
    },
  }),
}));
