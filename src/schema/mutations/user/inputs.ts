/** The inputs of userCreate, userUpdate and userDelete, with the checks made before any call. */
import { z } from 'zod';
import { builder } from '../../../builder.js';
import { renamedTo, sameUnderBothNames } from '../../deprecation.js';
import {
  descriptionSchema,
  idSchema,
  metadataSchema,
  nameSchema,
  optional,
  tagsSchema,
  urlSchema,
} from '../../limits.js';
import { checkChanges } from '../../mutation-support.js';

/** The optional profile fields a user is created and changed with. */
const profileShape = {
  avatar: optional(urlSchema),
  link: optional(urlSchema),
  role: optional(idSchema),
  statusMessage: optional(descriptionSchema),
  metadata: optional(metadataSchema),
  tags: optional(tagsSchema),
};

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

export const UserCreateInput = builder.inputType('UserCreateInput', {
  description: 'A new user.',
  fields: (t) => ({
    uid: t.string({
      required: true,
      description:
        'The new user\'s identifier: 1 to 100 letters, digits, "-" or "_"; CometChat stores it lowercased.',
    }),
    name: t.string({ required: true, description: 'The display name (1 to 100 characters).' }),
    avatar: t.string({
      description: 'URL of the picture (http or https, at most 3000 characters).',
    }),
    link: t.string({
      description: 'URL of the profile page (http or https, at most 3000 characters).',
    }),
    role: t.string({
      description: 'The key of an existing role; the `default` role when omitted.',
    }),
    statusMessage: t.string({ description: 'A short status text (at most 255 characters).' }),
    metadata: t.field({
      type: 'JSONObject',
      description:
        'Free-form JSON kept with the user (at most 5 KB as JSON). Put contact details under `@private`.',
    }),
    tags: t.stringList({ description: 'Labels (at most 25, each 1 to 100 characters).' }),
    withAuthToken: t.boolean({
      description:
        'Also issue an auth token for the new user, returned in `authToken` (default false).',
    }),
  }),
});

export const userCreateSchema = z.object({
  uid: idSchema,
  name: nameSchema,
  ...profileShape,
  withAuthToken: optional(z.boolean()),
});

export const UserUpdateInput = builder.inputType('UserUpdateInput', {
  description:
    'Changes to a user. Omitted fields stay as they are; `unset` clears fields. At least one change is required.',
  fields: (t) => ({
    uid: t.string({ required: true, description: 'The user to change (case-insensitive).' }),
    name: t.string({ description: 'A new display name (1 to 100 characters).' }),
    avatar: t.string({
      description: 'A new picture URL (http or https, at most 3000 characters).',
    }),
    link: t.string({
      description: 'A new profile page URL (http or https, at most 3000 characters).',
    }),
    role: t.string({ description: 'The key of an existing role to give the user.' }),
    statusMessage: t.string({ description: 'A new status text (at most 255 characters).' }),
    metadata: t.field({
      type: 'JSONObject',
      description: 'New free-form JSON, replacing the old (at most 5 KB as JSON).',
    }),
    tags: t.stringList({
      description: 'New labels, replacing the old (at most 25, each 1 to 100 characters).',
    }),
    unset: t.field({
      type: [UserUnsetField],
      description: 'Fields to clear. A field cannot be set and cleared in the same call.',
    }),
  }),
});

export const userUpdateSchema = z
  .object({
    uid: idSchema,
    name: optional(nameSchema),
    ...profileShape,
    unset: optional(z.array(z.enum(['avatar', 'link', 'metadata', 'statusMessage']))),
  })
  .superRefine((input, ctx) => checkChanges(input, 'uid', ctx));

export const UserDeleteInput = builder.inputType('UserDeleteInput', {
  description: 'The user to delete.',
  fields: (t) => ({
    uid: t.string({ required: true, description: 'The user to delete (case-insensitive).' }),
    isPermanent: t.boolean({
      description:
        "Also delete the user's messages and conversations, irreversibly (default false: only the user goes).",
    }),
    permanent: t.boolean({
      deprecationReason: renamedTo('isPermanent'),
      description: 'The old name of `isPermanent`; give one of them.',
    }),
  }),
});

export const userDeleteSchema = z
  .object({ uid: idSchema, isPermanent: optional(z.boolean()), permanent: optional(z.boolean()) })
  .refine(sameUnderBothNames('isPermanent', 'permanent'), {
    path: ['isPermanent'],
    message: 'give `isPermanent` only (`permanent` is its deprecated name)',
  });
