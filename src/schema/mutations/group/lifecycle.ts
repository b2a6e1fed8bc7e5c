/**
 * groupCreate (optionally with an owner and initial members), groupUpdate (with unsetting and
 * ownership transfer) and groupDelete.
 */
import '../../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../builder.js';
import {
  type CreateGroupInput,
  createGroup,
  deleteGroup,
  type UpdateGroupInput,
  updateGroup,
} from '../../../upstream/groups.js';
import { MUTATION_ERRORS, PermissionDeniedFailure } from '../../errors.js';
import { GroupRef } from '../../refs.js';
import { objectPayload } from '../fields.js';
import { assertGroupAction } from '../member/rules.js';
import { toMemberBuckets } from './buckets.js';
import { GroupCreate, GroupDelete, GroupUpdate } from './inputs.js';
import { runGroupWrite } from './refusals.js';

const GroupCreatePayload = objectPayload('GroupCreatePayload', 'The group that was created.', {
  name: 'group',
  type: GroupRef,
  description: 'The new group, as CometChat stored it.',
});

const GroupUpdatePayload = objectPayload('GroupUpdatePayload', 'The group after the change.', {
  name: 'group',
  type: GroupRef,
  description: 'The group as it is now.',
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
      input: t.arg({ type: GroupCreate.ref, required: true, description: 'The new group.' }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupCreate.parse(args.input);
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
      const view = context.view();
      const group = await runGroupWrite(
        context,
        () => createGroup(context.upstream, request, view.options),
        { uid: ['ownerUid'], fieldMap: ownerFieldMap },
      );
      view.prime.group(group);
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
      input: t.arg({ type: GroupUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupUpdate.parse(args.input);
      const view = context.view();
      const asUser = view.perspective !== null;
      if (input.ownerUid !== undefined && asUser) {
        throw new PermissionDeniedFailure(
          'Only an admin caller can transfer the ownership: CometChat ignores a transfer made on a user’s behalf.',
          ['input', 'ownerUid'],
        );
      }
      if (asUser) await assertGroupAction(context, input.guid, { kind: 'update' });
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
        () => updateGroup(context.upstream, input.guid, change, view.options),
        { uid: ['ownerUid'], notAMember: asUser ? 'actor' : 'owner', fieldMap: ownerFieldMap },
      );
      view.prime.group(group);
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
      input: t.arg({ type: GroupDelete.ref, required: true, description: 'The group.' }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupDelete.parse(args.input);
      const view = context.view();
      const asUser = view.perspective !== null;
      if (asUser) await assertGroupAction(context, input.guid, { kind: 'delete' });
      await runGroupWrite(context, () => deleteGroup(context.upstream, input.guid, view.options), {
        acting: asUser,
        notAMember: 'actor',
      });
      return { guid: input.guid };
    },
  }),
}));
