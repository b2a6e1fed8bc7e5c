/** The inputs of userCreate, userUpdate and userDelete, with the checks made before any call. */
import { builder } from '../../../builder.js';
import { renamedTo, sameUnderBothNames } from '../../deprecation.js';
import {
  choice,
  displayName,
  flag,
  inputObject,
  key,
  kind,
  listOf,
  longText,
  metadata,
  tags,
  url,
} from '../../input.js';
import { MAX_UIDS_PER_CALL, uidBatchSchema } from '../../limits.js';
import { checkChanges } from '../../mutation-support.js';

/**
 * The uids of a bulk user mutation (activation, friends, blocks): each checked and lowercased,
 * duplicates kept so that an outcome can point at a uid's first position.
 */
export const uidBatch = kind(
  ['String'],
  uidBatchSchema(),
  listOf(key, { min: 1, max: MAX_UIDS_PER_CALL, noun: 'uids' }).rule,
);

const UserUnsetField = builder.enumType('UserUnsetField', {
  description: 'A user field that `userUpdate` can clear.',
  values: {
    AVATAR: { value: 'avatar', description: 'The picture URL (`avatar` becomes null).' },
    LINK: { value: 'link', description: 'The profile page URL (`link` becomes null).' },
    METADATA: { value: 'metadata', description: 'The free-form JSON (`metadata` becomes null).' },
    STATUS_MESSAGE: {
      value: 'statusMessage',
      description:
        'The status text. CometChat cannot unset it, so it is stored as the empty string and `statusMessage` then reads null.',
    },
  } as const,
});

export const UserCreate = inputObject('UserCreateInput', {
  description: 'A new user.',
  fields: {
    uid: key.required("The new user's identifier."),
    name: displayName.required('The display name.'),
    avatar: url.optional('URL of the picture.'),
    link: url.optional('URL of the profile page.'),
    role: key.optional('The key of an existing role; the `default` role when omitted.'),
    statusMessage: longText.optional('A short status text.'),
    metadata: metadata.optional(
      'Free-form JSON kept with the user. Put contact details under `@private`.',
    ),
    tags: tags.optional('Labels.'),
    withAuthToken: flag.optional(
      'Also issue an auth token for the new user, returned in `authToken` (default false).',
    ),
  },
});

export const UserUpdate = inputObject('UserUpdateInput', {
  description:
    'Changes to a user. Omitted fields stay as they are; `unset` clears fields. At least one change is required.',
  fields: {
    uid: key.required('The user to change (case-insensitive).'),
    name: displayName.optional('A new display name.'),
    avatar: url.optional('A new picture URL.'),
    link: url.optional('A new profile page URL.'),
    role: key.optional('The key of an existing role to give the user.'),
    statusMessage: longText.optional('A new status text.'),
    metadata: metadata.optional('New free-form JSON, replacing the old.'),
    tags: tags.optional('New labels, replacing the old.'),
    unset: listOf(choice(UserUnsetField)).optional(
      'Fields to clear. A field cannot be set and cleared in the same call.',
    ),
  },
  check: (input, ctx) => checkChanges(input, 'uid', ctx),
});

const samePermanence = sameUnderBothNames('isPermanent', 'permanent');

export const UserDelete = inputObject('UserDeleteInput', {
  description: 'The user to delete.',
  fields: {
    uid: key.required('The user to delete (case-insensitive).'),
    isPermanent: flag.optional(
      "Also delete the user's messages and conversations, irreversibly (default false: only the user goes).",
    ),
    permanent: flag.optional('The old name of `isPermanent`; give one of them.', {
      deprecationReason: renamedTo('isPermanent'),
    }),
  },
  check: (input, ctx) => {
    if (!samePermanence(input)) {
      ctx.addIssue({
        code: 'custom',
        path: ['isPermanent'],
        message: 'give `isPermanent` only (`permanent` is its deprecated name)',
      });
    }
  },
});
