/** The inputs of groupCreate, groupUpdate and groupDelete, with the checks made before any call. */
import { z } from 'zod';
import { builder } from '../../../builder.js';
import { GroupType } from '../../group.js';
import {
  descriptionSchema,
  idSchema,
  LIMITS,
  metadataSchema,
  nameSchema,
  optional,
  passwordSchema,
  tagsSchema,
  urlSchema,
} from '../../limits.js';
import { checkChanges } from '../../mutation-support.js';
import { bucketsSchema } from './buckets.js';

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

export const GroupCreateInput = builder.inputType('GroupCreateInput', {
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

export const GroupUpdateInput = builder.inputType('GroupUpdateInput', {
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

export const GroupDeleteInput = builder.inputType('GroupDeleteInput', {
  description: 'The group to delete.',
  fields: (t) => ({
    guid: t.string({
      required: true,
      description: 'The guid of the group to delete, with its members and messages.',
    }),
  }),
});

const groupTypeSchema = z.enum(['public', 'private', 'password']);

/** The optional fields a group is created and changed with. */
const groupShape = {
  password: optional(passwordSchema),
  description: optional(descriptionSchema),
  icon: optional(urlSchema),
  metadata: optional(metadataSchema),
  tags: optional(tagsSchema),
  ownerUid: optional(idSchema),
};

export const groupCreateSchema = z
  .object({
    guid: idSchema,
    name: nameSchema,
    type: groupTypeSchema.nullish(),
    ...groupShape,
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

export const groupUpdateSchema = z
  .object({
    guid: idSchema,
    name: optional(nameSchema),
    type: optional(groupTypeSchema),
    ...groupShape,
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
    checkChanges(input, 'guid', ctx, {
      clash: (field) => `cannot clear ${field} while also setting it`,
      nothing: 'names no change to make',
    });
  });

export const groupDeleteSchema = z.object({ guid: idSchema });
