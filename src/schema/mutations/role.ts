/**
 * Role mutations: create, update (with unsetting), delete. The `default` role cannot be deleted:
 * CometChat refuses (ERR_ROLE_DELETE_DENIED) and the caller gets a PermissionDeniedError. Admin only.
 */
import '../mutation.js';
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
import { choice, displayName, inputObject, json, key, listOf, longText } from '../input.js';
import { checkChanges, runMutation } from '../mutation-support.js';
import { RoleRef } from '../refs.js';
import { RoleAudience } from '../role.js';
import { objectPayload } from './fields.js';

/** A role record CometChat returned from a write primes the caller's view. */
function freshRole(context: GatewayContext, role: RoleRecord): { role: RoleRecord } {
  context.view().prime.role(role);
  return { role };
}

// ---------------------------------------------------------------------------------------------
// Inputs

const RoleSettings = inputObject('RoleSettingsInput', {
  description: 'What users with a role may do. Omitted settings stay as they are.',
  fields: {
    listUsers: choice(RoleAudience).optional('Which users they see when listing users.'),
    sendMessagesTo: choice(RoleAudience).optional('Whom they may send 1:1 messages to.'),
  },
  check: (settings, ctx) => {
    if (settings.listUsers === undefined && settings.sendMessagesTo === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'set listUsers, sendMessagesTo or both' });
    }
  },
  map: (settings) => {
    const out: Record<string, string> = {};
    if (settings.listUsers !== undefined) out.listUsers = settings.listUsers;
    if (settings.sendMessagesTo !== undefined) out.sendMessagesTo = settings.sendMessagesTo;
    return out;
  },
});

const RoleUnsetField = builder.enumType('RoleUnsetField', {
  description: 'A role field that `roleUpdate` can clear.',
  values: {
    SETTINGS: { value: 'settings', description: 'Every setting (`settings` becomes null).' },
    DESCRIPTION: { value: 'description', description: 'The description (becomes null).' },
    METADATA: { value: 'metadata', description: 'The free-form JSON (becomes null).' },
  } as const,
});

const RoleCreate = inputObject('RoleCreateInput', {
  description: 'A new role (an app has at most 25).',
  fields: {
    role: key.required("The new role's key."),
    name: displayName.required('The display name.'),
    description: longText.optional('What the role is for.'),
    // CometChat documents no size limit for role metadata; it must still be a JSON object.
    metadata: json.optional('Free-form JSON kept with the role.'),
    settings: RoleSettings.kind.optional('What its users may do.'),
  },
});

const RoleUpdate = inputObject('RoleUpdateInput', {
  description:
    'Changes to a role. Omitted fields stay as they are; `unset` clears fields. At least one change is required.',
  fields: {
    role: key.required('The key of the role to change.'),
    name: displayName.optional('A new display name.'),
    description: longText.optional('A new description.'),
    metadata: json.optional('New free-form JSON, replacing the old.'),
    settings: RoleSettings.kind.optional('Settings to change; the ones omitted keep their value.'),
    unset: listOf(choice(RoleUnsetField)).optional(
      'Fields to clear. A field cannot be set and cleared in the same call.',
    ),
  },
  check: (input, ctx) => checkChanges(input, 'role', ctx),
});

const RoleDelete = inputObject('RoleDeleteInput', {
  description: 'The role to delete.',
  fields: {
    role: key.required(
      'The key of the role to delete (not `default`). Its users fall back to the `default` role.',
    ),
  },
});

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
      input: t.arg({ type: RoleCreate.ref, required: true, description: 'The new role.' }),
    },
    resolve: async (_root, args, context) => {
      const input = RoleCreate.parse(args.input);
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
      input: t.arg({ type: RoleUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const { role: key, ...changes } = RoleUpdate.parse(args.input);
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
      input: t.arg({ type: RoleDelete.ref, required: true, description: 'The role to delete.' }),
    },
    resolve: async (_root, args, context) => {
      const { role } = RoleDelete.parse(args.input);
      await runMutation(context, () => deleteRole(context.upstream, role, context.view().options), {
        targetPath: ['role'],
      });
      return { role };
    },
  }),
}));
