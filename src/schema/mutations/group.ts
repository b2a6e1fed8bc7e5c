import '../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { type GatewayContext, upstreamOptions } from '../../context.js';
import { primeGroup } from '../../loaders/prime.js';
import { isUpstreamError } from '../../upstream/errors.js';
import {
  type CreateGroupInput,
  createGroup,
  deleteGroup,
  type MemberBuckets,
  type UpdateGroupInput,
  updateGroup,
} from '../../upstream/groups.js';
import type { GroupRecord } from '../../upstream/records.js';
import {
  ConflictFailure,
  MUTATION_ERRORS,
  NotFoundFailure,
  PermissionDeniedFailure,
  ValidationFailure,
} from '../errors.js';
import { GroupType } from '../group.js';
import {
  descriptionSchema,
  idSchema,
  LIMITS,
  metadataSchema,
  nameSchema,
  passwordSchema,
  tagsSchema,
  urlSchema,
} from '../limits.js';
import { mutationFailure, runMutation, validateInput } from '../mutation-support.js';
import { GroupRef } from '../refs.js';

// ---------------------------------------------------------------------------------------------
// Shared with the member mutations

export const BUCKETS = ['admins', 'moderators', 'participants', 'usersToBan'] as const;
export type Bucket = (typeof BUCKETS)[number];

const bucketSchema = z
  .array(idSchema)
  .max(LIMITS.membersPerAdd, `at most ${LIMITS.membersPerAdd} users per call`)
  .nullish();

/**
 * The four member buckets: each uid checked and lowercased, repeats within a bucket dropped, a uid
 * in two buckets refused (CometChat would silently keep one, so the caller could not tell which
 * outcome belongs to it), and at most 25 users across all buckets (CometChat's per-call limit).
 */
export const bucketsSchema = z
  .object({
    admins: bucketSchema,
    moderators: bucketSchema,
    participants: bucketSchema,
    usersToBan: bucketSchema,
  })
  .superRefine((buckets, ctx) => {
    const seenIn = new Map<string, Bucket>();
    for (const bucket of BUCKETS) {
      (buckets[bucket] ?? []).forEach((uid, index) => {
        const first = seenIn.get(uid);
        if (first !== undefined && first !== bucket) {
          ctx.addIssue({
            code: 'custom',
            path: [bucket, index],
            message: `${uid} is also listed in ${first}; name each user in one list only`,
          });
        } else seenIn.set(uid, bucket);
      });
    }
    if (seenIn.size > LIMITS.membersPerAdd) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `at most ${LIMITS.membersPerAdd} users per call across admins, moderators, participants and usersToBan (got ${seenIn.size})`,
      });
    }
  })
  .transform(
    (buckets): Record<Bucket, string[]> => ({
      admins: [...new Set(buckets.admins ?? [])],
      moderators: [...new Set(buckets.moderators ?? [])],
      participants: [...new Set(buckets.participants ?? [])],
      usersToBan: [...new Set(buckets.usersToBan ?? [])],
    }),
  );

/** The buckets in CometChat's request shape, leaving out empty ones. */
export function toMemberBuckets(buckets: Record<Bucket, string[]>): MemberBuckets {
  const out: MemberBuckets = {};
  for (const bucket of BUCKETS) if (buckets[bucket].length > 0) out[bucket] = buckets[bucket];
  return out;
}

export function bucketsTotal(buckets: Record<Bucket, string[]>): number {
  return BUCKETS.reduce((sum, bucket) => sum + buckets[bucket].length, 0);
}

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
export function groupRefusal(error: unknown, paths: RefusalPaths = {}): Error {
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

/** Who CometChat rendered an answer for: the acting user, or nobody for app-level calls. */
export function renderedFor(context: GatewayContext): string | null {
  return context.caller.kind === 'user' ? context.caller.uid : null;
}

const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

// ---------------------------------------------------------------------------------------------
// Inputs

const GroupInitialMembersInput = builder.inputType('GroupInitialMembersInput', {
  description: `Users to put into a new group, by scope; at most ${LIMITS.membersPerAdd} users across all four lists, each named once.`,
  fields: (t) => ({
    admins: t.stringList({ description: 'Uids that join as admins.' }),
    moderators: t.stringList({ description: 'Uids that join as moderators.' }),
    participants: t.stringList({ description: 'Uids that join as participants.' }),
    usersToBan: t.stringList({
      description: 'Uids banned from the group from the start (they cannot join until unbanned).',
    }),
  }),
});

const GroupCreateInput = builder.inputType('GroupCreateInput', {
  description: 'A new group.',
  fields: (t) => ({
    guid: t.string({
      required: true,
      description: `The new group's identifier: 1 to ${LIMITS.id} letters, digits, "-" or "_". CometChat stores it lowercased.`,
    }),
    name: t.string({
      required: true,
      description: `The display name, 1 to ${LIMITS.name} characters.`,
    }),
    type: t.field({
      type: GroupType,
      defaultValue: 'public',
      description: 'Who may see and join the group; PUBLIC unless given.',
    }),
    password: t.string({
      description: `The password to join with, 1 to ${LIMITS.password} characters. Required for PASSWORD groups and refused for the other types.`,
    }),
    description: t.string({
      description: `A longer text about the group, at most ${LIMITS.description} characters.`,
    }),
    icon: t.string({
      description: `URL of the group's picture (http or https, at most ${LIMITS.url} characters).`,
    }),
    metadata: t.field({
      type: 'JSONObject',
      description: `Free-form JSON stored with the group, at most ${LIMITS.metadataBytes} bytes once serialised.`,
    }),
    tags: t.stringList({
      description: `Labels, at most ${LIMITS.tags} of 1 to ${LIMITS.tagLength} characters each.`,
    }),
    ownerUid: t.string({
      description:
        'The uid of the user who owns the group (and joins it as an admin). Without it the caller owns it: the app itself for an admin caller (no user owner), the user for a user caller.',
    }),
    members: t.field({
      type: GroupInitialMembersInput,
      description:
        'Users to put into the group right away. CometChat skips users it cannot add (unknown, say) without reporting them: check `group.members`, or use `groupMembersAdd` for per-user outcomes.',
    }),
  }),
});

const GroupUnsetField = builder.enumType('GroupUnsetField', {
  description: 'An optional group field that `groupUpdate` can clear.',
  values: {
    ICON: { value: 'icon', description: "The group's picture." },
    DESCRIPTION: { value: 'description', description: "The group's description." },
    METADATA: { value: 'metadata', description: "The group's metadata." },
  } as const,
});

const GroupUpdateInput = builder.inputType('GroupUpdateInput', {
  description:
    'Changes to a group. Only the fields given change; `unset` clears optional ones. At least one change is required.',
  fields: (t) => ({
    guid: t.string({ required: true, description: 'The guid of the group to change.' }),
    name: t.string({ description: `A new display name, 1 to ${LIMITS.name} characters.` }),
    type: t.field({
      type: GroupType,
      description:
        'A new type. Switching to PASSWORD needs `password` unless the group already has one.',
    }),
    password: t.string({
      description: `A new password, 1 to ${LIMITS.password} characters; only for PASSWORD groups.`,
    }),
    description: t.string({
      description: `A new description, at most ${LIMITS.description} characters.`,
    }),
    icon: t.string({
      description: `A new picture URL (http or https, at most ${LIMITS.url} characters).`,
    }),
    metadata: t.field({
      type: 'JSONObject',
      description: `New metadata, replacing the old, at most ${LIMITS.metadataBytes} bytes once serialised.`,
    }),
    tags: t.stringList({
      description: `New tags, replacing the old: at most ${LIMITS.tags} of 1 to ${LIMITS.tagLength} characters each.`,
    }),
    ownerUid: t.string({
      description:
        'Transfers the ownership to this user, who must be a member (and becomes an admin). Admin callers only: CometChat ignores a transfer made on a user’s behalf.',
    }),
    unset: t.field({
      type: [GroupUnsetField],
      description: 'Optional fields to clear. A field cannot be set and cleared at once.',
    }),
  }),
});

const GroupDeleteInput = builder.inputType('GroupDeleteInput', {
  description: 'The group to delete.',
  fields: (t) => ({
    guid: t.string({
      required: true,
      description: 'The guid of the group to delete, with its members and messages.',
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Validation

const createSchema = z
  .object({
    guid: idSchema,
    name: nameSchema,
    type: z.enum(['public', 'private', 'password']).nullish(),
    password: optional(passwordSchema),
    description: optional(descriptionSchema),
    icon: optional(urlSchema),
    metadata: optional(metadataSchema),
    tags: optional(tagsSchema),
    ownerUid: optional(idSchema),
    members: optional(bucketsSchema),
  })
  .superRefine((input, ctx) => {
    const type = input.type ?? 'public';
    if (type === 'password' && input.password === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'is required for PASSWORD groups',
      });
    }
    if (type !== 'password' && input.password !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'is only for PASSWORD groups; leave it out or set `type: PASSWORD`',
      });
    }
  });

const updateSchema = z
  .object({
    guid: idSchema,
    name: optional(nameSchema),
    type: optional(z.enum(['public', 'private', 'password'])),
    password: optional(passwordSchema),
    description: optional(descriptionSchema),
    icon: optional(urlSchema),
    metadata: optional(metadataSchema),
    tags: optional(tagsSchema),
    ownerUid: optional(idSchema),
    unset: optional(z.array(z.enum(['icon', 'description', 'metadata']))),
  })
  .superRefine((input, ctx) => {
    if (input.type !== undefined && input.type !== 'password' && input.password !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: `is only for PASSWORD groups, not ${input.type.toUpperCase()} ones`,
      });
    }
    (input.unset ?? []).forEach((field, index) => {
      if (input[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['unset', index],
          message: `cannot clear ${field} while also setting it`,
        });
      }
    });
    const { guid: _guid, unset, ...changes } = input;
    const changed = Object.values(changes).some((value) => value !== undefined);
    if (!changed && (unset ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'names no change to make' });
    }
  });

const deleteSchema = z.object({ guid: idSchema });

// ---------------------------------------------------------------------------------------------
// Payloads

interface GroupChange {
  group: GroupRecord;
}

const GroupCreatePayload = builder.objectRef<GroupChange>('GroupCreatePayload').implement({
  description: 'The group that was created.',
  fields: (t) => ({
    group: t.field({
      type: GroupRef,
      description: 'The new group, as CometChat stored it.',
      resolve: (payload) => payload.group,
    }),
  }),
});

const GroupUpdatePayload = builder.objectRef<GroupChange>('GroupUpdatePayload').implement({
  description: 'The group after the change.',
  fields: (t) => ({
    group: t.field({
      type: GroupRef,
      description: 'The group as it is now.',
      resolve: (payload) => payload.group,
    }),
  }),
});

const GroupDeletePayload = builder.objectRef<{ guid: string }>('GroupDeletePayload').implement({
  description: 'The group that was deleted.',
  fields: (t) => ({
    guid: t.exposeString('guid', { description: 'The guid of the deleted group.' }),
    deletedGroupId: t.id({
      description: 'The global ID the deleted group had, to drop it from client caches and lists.',
      resolve: (payload) => encodeGlobalID('Group', payload.guid),
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Mutations

const ownerFieldMap = {
  owner: ['ownerUid'],
  'members.admins': ['members', 'admins'],
  'members.moderators': ['members', 'moderators'],
  'members.participants': ['members', 'participants'],
  'members.usersToBan': ['members', 'usersToBan'],
  members: ['members'],
};

builder.mutationFields((t) => ({
  groupCreate: t.field({
    type: GroupCreatePayload,
    description:
      'Creates a group of any type, optionally with an owner and initial members by scope. A PASSWORD group needs its password.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The created group, or why it was not created.' },
    },
    args: {
      input: t.arg({ type: GroupCreateInput, required: true, description: 'The new group.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(createSchema, args.input);
      const request: CreateGroupInput = {
        guid: input.guid,
        name: input.name,
        type: input.type ?? 'public',
        password: input.password,
        icon: input.icon,
        description: input.description,
        metadata: input.metadata,
        tags: input.tags,
        owner: input.ownerUid,
      };
      if (input.members && Object.keys(toMemberBuckets(input.members)).length > 0) {
        request.members = toMemberBuckets(input.members);
      }
      const group = await runGroupWrite(
        context,
        () => createGroup(context.upstream, request, upstreamOptions(context)),
        { uid: ['ownerUid'], fieldMap: ownerFieldMap },
      );
      primeGroup(context, group, renderedFor(context));
      return { group };
    },
  }),

  groupUpdate: t.field({
    type: GroupUpdatePayload,
    description:
      'Changes a group: name, type, password, description, icon, metadata, tags; clears optional fields; transfers the ownership (admin callers).',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The changed group, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: GroupUpdateInput, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(updateSchema, args.input);
      if (input.ownerUid !== undefined && context.caller.kind === 'user') {
        throw new PermissionDeniedFailure(
          'Only an admin caller can transfer the ownership: CometChat ignores a transfer made on a user’s behalf.',
          ['input', 'ownerUid'],
        );
      }
      const change: UpdateGroupInput = {
        name: input.name,
        type: input.type,
        password: input.password,
        icon: input.icon,
        description: input.description,
        metadata: input.metadata,
        tags: input.tags,
        owner: input.ownerUid,
        unset: input.unset && input.unset.length > 0 ? [...new Set(input.unset)] : undefined,
      };
      const group = await runGroupWrite(
        context,
        () => updateGroup(context.upstream, input.guid, change, upstreamOptions(context)),
        {
          uid: ['ownerUid'],
          notAMember: context.caller.kind === 'user' ? 'actor' : 'owner',
          fieldMap: ownerFieldMap,
        },
      );
      primeGroup(context, group, renderedFor(context));
      return { group };
    },
  }),

  groupDelete: t.field({
    type: GroupDeletePayload,
    description: 'Deletes a group for good, with its memberships and messages.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The deleted group, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: GroupDeleteInput, required: true, description: 'The group.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(deleteSchema, args.input);
      await runGroupWrite(
        context,
        () => deleteGroup(context.upstream, input.guid, upstreamOptions(context)),
        { acting: context.caller.kind === 'user', notAMember: 'actor' },
      );
      return { guid: input.guid };
    },
  }),
}));
