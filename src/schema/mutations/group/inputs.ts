/** The inputs of groupCreate, groupUpdate and groupDelete, with the checks made before any call. */
import { builder } from '../../../builder.js';
import { LIMITS } from '../../../cometchat/limits.js';
import { GroupType } from '../../group.js';
import {
  choice,
  displayName,
  inputObject,
  key,
  listOf,
  longText,
  metadata,
  password,
  tags,
  url,
} from '../../input.js';
import { checkChanges } from '../../mutation-support.js';
import { bucketFields, bucketsOf, checkBuckets } from './buckets.js';

const GroupInitialMembers = inputObject('GroupInitialMembersInput', {
  description: `Users to put into a new group, by scope; at most ${LIMITS.membersPerAdd} users across all four lists, each named once.`,
  fields: bucketFields({
    admins: 'Uids that join as admins.',
    moderators: 'Uids that join as moderators.',
    participants: 'Uids that join as participants.',
    usersToBan: 'Uids banned from the group from the start (they cannot join until unbanned).',
  }),
  check: checkBuckets,
  map: bucketsOf,
});

export const GroupCreate = inputObject('GroupCreateInput', {
  description: 'A new group.',
  fields: {
    guid: key.required("The new group's identifier."),
    name: displayName.required('The display name.'),
    type: choice(GroupType).withDefault(
      'public',
      'Who may see and join the group; PUBLIC unless given.',
    ),
    password: password.optional(
      'The password to join with. Required for PASSWORD groups and refused for the other types.',
    ),
    description: longText.optional('A longer text about the group.'),
    icon: url.optional("URL of the group's picture."),
    metadata: metadata.optional('Free-form JSON stored with the group.'),
    tags: tags.optional('Labels.'),
    ownerUid: key.optional(
      'The uid of the user who owns the group (and joins it as an admin). Without it the caller owns it: the app itself for an admin caller (no user owner), the user for a user caller.',
    ),
    members: GroupInitialMembers.kind.optional(
      'Users to put into the group right away. CometChat skips users it cannot add (unknown, say) without reporting them: check `group.members`, or use `groupMembersAdd` for per-user outcomes.',
    ),
  },
  check: (input, ctx) => {
    if (input.type === 'password' && input.password === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'is required for PASSWORD groups',
      });
    }
    if (input.type !== 'password' && input.password !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'is only for PASSWORD groups; leave it out or set `type: PASSWORD`',
      });
    }
  },
});

const GroupUnsetField = builder.enumType('GroupUnsetField', {
  description: 'An optional group field that `groupUpdate` can clear.',
  values: {
    ICON: { value: 'icon', description: "The group's picture." },
    DESCRIPTION: { value: 'description', description: "The group's description." },
    METADATA: { value: 'metadata', description: "The group's metadata." },
  } as const,
});

export const GroupUpdate = inputObject('GroupUpdateInput', {
  description:
    'Changes to a group. Only the fields given change; `unset` clears optional ones. At least one change is required.',
  fields: {
    guid: key.required('The guid of the group to change.'),
    name: displayName.optional('A new display name.'),
    type: choice(GroupType).optional(
      'A new type. Switching to PASSWORD needs `password` unless the group already has one.',
    ),
    password: password.optional('A new password; only for PASSWORD groups.'),
    description: longText.optional('A new description.'),
    icon: url.optional('A new picture URL.'),
    metadata: metadata.optional('New metadata, replacing the old.'),
    tags: tags.optional('New tags, replacing the old.'),
    ownerUid: key.optional(
      'Transfers the ownership to this user, who must be a member (and becomes an admin). Admin callers only: CometChat ignores a transfer made on a user’s behalf.',
    ),
    unset: listOf(choice(GroupUnsetField)).optional(
      'Optional fields to clear. A field cannot be set and cleared at once.',
    ),
  },
  check: (input, ctx) => {
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
  },
});

export const GroupDelete = inputObject('GroupDeleteInput', {
  description: 'The group to delete.',
  fields: {
    guid: key.required('The guid of the group to delete, with its members and messages.'),
  },
});
