/**
 * Role mutations: create, update (with unsetting), delete. The `default` role cannot be deleted:
 * CometChat refuses (ERR_ROLE_DELETE_DENIED) and the caller gets a PermissionDeniedError. Admin only.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import type { RoleRecord } from '../../upstream/records.js';
import { createRole, deleteRole, updateRole } from '../../upstream/roles.js';
import {
  ConflictFailure,
  NotFoundFailure,
  PermissionDeniedFailure,
  ValidationFailure,
} from '../errors.js';
import { descriptionSchema, idSchema, nameSchema, optional } from '../limits.js';
import { checkChanges, runMutation, validateInput } from '../mutation-support.js';
import { RoleRef } from '../refs.js';
import { RoleAudience } from '../role.js';
import { objectPayload } from './fields.js';

/** CometChat documents no size limit for role metadata; it must still be a JSON object. */
const roleMetadataSchema = z.record(z.string(), z.unknown());

const roleSettingsSchema = z
  .object({
    listUsers: optional(z.enum(['all', 'friendsOnly'])),
    sendMessagesTo: optional(z.enum(['all', 'friendsOnly'])),
  })
  .transform((settings) => {
    const out: Record<string, string> = {};
    if (settings.listUsers !== undefined) out.listUsers = settings.listUsers;
    if (settings.sendMessagesTo !== undefined) out.sendMessagesTo = settings.sendMessagesTo;
    return out;
  })
  .refine((settings) => Object.keys(settings).length > 0, {
    message: 'set listUsers, sendMessagesTo or both',
  });

/** A role record CometChat returned from a write primes the caller's view. */
function freshRole(context: GatewayContext, role: RoleRecord): { role: RoleRecord } {
  context.view().prime.role(role);
  return { role };
}

// ---------------------------------------------------------------------------------------------
// Inputs

const RoleSettingsInput = builder.inputType('RoleSettingsInput', {
  description: 'What users with a role may do. Omitted settings stay as they are.',
  fields: (t) => ({
    listUsers: t.field({
      type: RoleAudience,
      description: 'Which users they see when listing users.',
    }),
    sendMessagesTo: t.field({
      type: RoleAudience,
      description: 'Whom they may send 1:1 messages to.',
    }),
  }),
});

const RoleUnsetField = builder.enumType('RoleUnsetField', {
  description: 'A role field that `roleUpdate` can clear.',
  values: {
    SETTINGS: { value: 'settings', description: 'Every setting (`settings` becomes null).' },
    DESCRIPTION: { value: 'description', description: 'The description (becomes null).' },
    METADATA: { value: 'metadata', description: 'The free-form JSON (becomes null).' },
  } as const,
});

const RoleCreateInput = builder.inputType('RoleCreateInput', {
  description: 'A new role (an app has at most 25).',
  fields: (t) => ({
    role: t.string({
      required: true,
      description:
        'The new role\'s key: 1 to 100 letters, digits, "-" or "_"; CometChat stores it lowercased.',
    }),
    name: t.string({ required: true, description: 'The display name (1 to 100 characters).' }),
    description: t.string({ description: 'What the role is for (at most 255 characters).' }),
    metadata: t.field({ type: 'JSONObject', description: 'Free-form JSON kept with the role.' }),
    settings: t.field({ type: RoleSettingsInput, description: 'What its users may do.' }),
  }),
});

/** The optional fields a role is created and changed with. */
const roleShape = {
  description: optional(descriptionSchema),
  metadata: optional(roleMetadataSchema),
  settings: optional(roleSettingsSchema),
};

const roleCreateSchema = z.object({ role: idSchema, name: nameSchema, ...roleShape });

const RoleUpdateInput = builder.inputType('RoleUpdateInput', {
  description:
    'Changes to a role. Omitted fields stay as they are; `unset` clears fields. At least one change is required.',
  fields: (t) => ({
    role: t.string({ required: true, description: 'The key of the role to change.' }),
    name: t.string({ description: 'A new display name (1 to 100 characters).' }),
    description: t.string({ description: 'A new description (at most 255 characters).' }),
    metadata: t.field({
      type: 'JSONObject',
      description: 'New free-form JSON, replacing the old.',
    }),
    settings: t.field({
      type: RoleSettingsInput,
      description: 'Settings to change; the ones omitted keep their value.',
    }),
    unset: t.field({
      type: [RoleUnsetField],
      description: 'Fields to clear. A field cannot be set and cleared in the same call.',
    }),
  }),
});

const roleUpdateSchema = z
  .object({
    role: idSchema,
    name: optional(nameSchema),
    ...roleShape,
    unset: optional(z.array(z.enum(['settings', 'description', 'metadata']))),
  })
  .superRefine((input, ctx) => checkChanges(input, 'role', ctx));

const RoleDeleteInput = builder.inputType('RoleDeleteInput', {
  description: 'The role to delete.',
  fields: (t) => ({
    role: t.string({
      required: true,
      description:
        'The key of the role to delete (not `default`). Its users fall back to the `default` role.',
    }),
  }),
});

const roleDeleteSchema = z.object({ role: idSchema });

// ---------------------------------------------------------------------------------------------
// Payloads

const RoleCreatePayload = objectPayload('RoleCreatePayload', 'The role that was created.', {
  name: 'role',
  type: RoleRef,
  description: 'The new role.',
});

const RoleUpdatePayload = objectPayload('RoleUpdatePayload', 'The role that was changed.', {
  name: 'role',
  type: RoleRef,
  description: 'The role as it is now.',
});

const RoleDeletePayload = builder.objectRef<{ role: string }>('RoleDeletePayload').implement({
  description: 'The role that was deleted.',
  fields: (t) => ({
    deletedRoleId: t.globalID({
      description: 'The global ID the deleted role had, to drop it from client caches.',
      resolve: (value) => ({ type: 'Role', id: value.role }),
    }),
    role: t.exposeString('role', { description: 'The key of the deleted role.' }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Mutations

builder.mutationFields((t) => ({
  roleCreate: t.field({
    type: RoleCreatePayload,
    description:
      'Creates a role. Admin only. A key already taken, or a 26th role, is a ValidationError from CometChat on `role`.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, ConflictFailure],
      union: { description: 'The created role, or why it was not created.' },
    },
    args: {
      input: t.arg({ type: RoleCreateInput, required: true, description: 'The new role.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(roleCreateSchema, args.input);
      const role = await runMutation(
        context,
        () => createRole(context.upstream, input, context.view().options),
        { targetPath: ['role'] },
      );
      return freshRole(context, role);
    },
  }),
  roleUpdate: t.field({
    type: RoleUpdatePayload,
    description:
      'Changes a role: name, description, metadata, settings (merged), and clears fields listed in `unset`. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed role, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: RoleUpdateInput, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const { role: key, ...changes } = validateInput(roleUpdateSchema, args.input);
      const role = await runMutation(
        context,
        () => updateRole(context.upstream, key, changes, context.view().options),
        { targetPath: ['role'] },
      );
      return freshRole(context, role);
    },
  }),
  roleDelete: t.field({
    type: RoleDeletePayload,
    description:
      'Deletes a role; its users fall back to the `default` role. Admin only. The `default` role cannot be deleted: PermissionDeniedError (ERR_ROLE_DELETE_DENIED).',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure, PermissionDeniedFailure],
      union: { description: 'The deleted role, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: RoleDeleteInput, required: true, description: 'The role to delete.' }),
    },
    resolve: async (_root, args, context) => {
      const { role } = validateInput(roleDeleteSchema, args.input);
      await runMutation(context, () => deleteRole(context.upstream, role, context.view().options), {
        targetPath: ['role'],
      });
      return { role };
    },
  }),
}));
