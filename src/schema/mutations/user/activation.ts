/**
 * Bulk deactivate and reactivate, with one outcome per uid. CometChat answers with the uids it
 * applied the change to; any other uid does not exist. Admin only.
 */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import type { GatewayContext } from '../../../context.js';
import { deactivateUsers, reactivateUsers } from '../../../upstream/users.js';
import { ValidationFailure } from '../../errors.js';
import { inputObject } from '../../input.js';
import { runMutation } from '../../mutation-support.js';
import { distinctUids, listedOutcomes, UserBulkOutcome, type UserOutcomeValue } from './bulk.js';
import { uidBatch } from './inputs.js';

/** The input and payload types of one activation mutation. */
function activationTypes(
  stem: string,
  texts: { input: string; uids: string; payload: string; outcomes: string },
) {
  const input = inputObject(`${stem}Input`, {
    description: texts.input,
    fields: { uids: uidBatch.required(`${texts.uids} (case-insensitive; duplicates count once).`) },
  });
  const payload = builder.objectRef<UserOutcomeValue[]>(`${stem}Payload`).implement({
    description: texts.payload,
    fields: (t) => ({
      outcomes: t.field({
        type: [UserBulkOutcome],
        description: texts.outcomes,
        resolve: (outcomes) => outcomes,
      }),
    }),
  });
  return { input, payload };
}

const UsersDeactivate = activationTypes('UsersDeactivate', {
  input: 'The users to deactivate.',
  uids: 'The users to deactivate',
  payload: 'What happened to each user of a bulk deactivation.',
  outcomes:
    'One outcome per distinct uid, in input order. A user that was already deactivated counts as deactivated; an unknown uid fails with NotFoundError. Deactivated users are hidden from lookups, so `user` is null here.',
});

const UsersReactivate = activationTypes('UsersReactivate', {
  input: 'The users to reactivate.',
  uids: 'The deactivated users to reactivate',
  payload: 'What happened to each user of a bulk reactivation.',
  outcomes:
    'One outcome per distinct uid, in input order. A user that was already active counts as reactivated; an unknown uid fails with NotFoundError.',
});

type ActivationInput = ReturnType<typeof activationTypes>['input'];

/** Validates, makes the one upstream call, and gives each distinct uid its outcome. */
async function changeActivation(
  context: GatewayContext,
  declared: ActivationInput,
  rawInput: unknown,
  call: typeof deactivateUsers | typeof reactivateUsers,
  loadUser: boolean,
): Promise<UserOutcomeValue[]> {
  const requested = distinctUids(declared.parse(rawInput).uids);
  const applied = await runMutation(context, () =>
    call(
      context.upstream,
      requested.map(({ uid }) => uid),
      context.view().options,
    ),
  );
  return listedOutcomes(requested, applied, loadUser);
}

builder.mutationFields((t) => ({
  usersDeactivate: t.field({
    type: UsersDeactivate.payload,
    description:
      'Deactivates users: they can no longer log in and are hidden from lists and lookups until reactivated. One outcome per uid. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({
        type: UsersDeactivate.input.ref,
        required: true,
        description: 'The users to deactivate.',
      }),
    },
    resolve: (_root, args, context) =>
      changeActivation(context, UsersDeactivate.input, args.input, deactivateUsers, false),
  }),
  usersReactivate: t.field({
    type: UsersReactivate.payload,
    description: 'Reactivates deactivated users. One outcome per uid. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({
        type: UsersReactivate.input.ref,
        required: true,
        description: 'The users to reactivate.',
      }),
    },
    resolve: (_root, args, context) =>
      changeActivation(context, UsersReactivate.input, args.input, reactivateUsers, true),
  }),
}));
