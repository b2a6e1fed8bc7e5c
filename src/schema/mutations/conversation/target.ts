/**
 * Which conversation a conversation mutation changes, and whose view of it. CometChat keeps read
 * state, tags and resets per participant, so every mutation names whose view it changes (`uid`;
 * a user caller changes their own) and acts as that user.
 */
import type { InputFieldMap } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../../../builder.js';
import type { GatewayContext } from '../../../context.js';
import {
  type ConversationPartnerKey,
  conversationPartner,
  groupConversationId,
  userConversationId,
  type View,
} from '../../../loaders/index.js';
import type { CallOptions } from '../../../upstream/client.js';
import { ConversationSelector, conversationOfGlobalId } from '../../conversation-selector.js';
import { replacedBy } from '../../deprecation.js';
import { NotFoundFailure } from '../../errors.js';
import { idSchema } from '../../limits.js';
import { type IdField, type MutationOptions, rejectField } from '../../mutation-support.js';
import type { ConversationValue } from '../../refs.js';
import { ACTING_FIELD_DEPRECATION, actingView } from '../acting.js';
import type { InputFieldBuilder } from '../fields.js';

const targetShape = {
  uid: idSchema.nullish(),
  conversationId: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(250, 'must be at most 250 characters')
    .transform((value) => value.toLowerCase())
    .nullish(),
  withUser: idSchema.nullish(),
  withGroup: idSchema.nullish(),
  /** The participant a `conversation: { id }` global ID names (it must be the acting user). */
  idOwner: z.string().nullish(),
};

type Selector = 'conversationId' | 'withUser' | 'withGroup';

const SELECTOR_FIELDS = ['conversationId', 'withUser', 'withGroup'] as const;

/**
 * Moves a `conversation` selector's choice to the flat fields the checks read (a global ID to its
 * CometChat id and participant). With both forms given, the flat ones are marked so that the
 * exactly-one check refuses them.
 */
function flattenSelector(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const { conversation, ...rest } = input as Record<string, unknown>;
  if (conversation === null || conversation === undefined) return rest;
  const chosen = conversation as Record<string, unknown>;
  if (SELECTOR_FIELDS.some((field) => rest[field] !== null && rest[field] !== undefined)) {
    return { ...rest, bothForms: true };
  }
  if (typeof chosen.id === 'string' || typeof chosen.id === 'number') {
    const key = conversationOfGlobalId(String(chosen.id));
    return { ...rest, conversationId: key?.conversationId ?? '', idOwner: key?.ownerUid ?? '*' };
  }
  return { ...rest, ...chosen };
}

/** Exactly one of `conversationId`, `withUser` and `withGroup`. */
function checkTarget(
  value: { conversationId?: unknown; withUser?: unknown; withGroup?: unknown; bothForms?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.bothForms === true) {
    ctx.addIssue({
      code: 'custom',
      path: ['conversation'],
      message:
        'name the conversation in `conversation` only: `conversationId`, `withUser` and `withGroup` are its deprecated form',
    });
    return;
  }
  const given = (['conversationId', 'withUser', 'withGroup'] as const).filter(
    (field) => value[field] !== null && value[field] !== undefined,
  );
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: given.length === 0 ? ['conversationId'] : [given[1] ?? 'withUser'],
      message:
        'name the conversation with exactly one of `conversationId`, `withUser` and `withGroup`',
    });
  }
}

export interface Target {
  owner: string;
  conversationId: string;
  partner: ConversationPartnerKey;
  /** The input field that named the conversation. */
  selector: Selector;
  /** The owner's view, which the change acts in. */
  view: View;
  options: CallOptions;
}

/** Whose view (`uid`, or the user caller) and which conversation; checked before any call. */
export function targetOf(
  context: GatewayContext,
  value: {
    uid?: string | null | undefined;
    conversationId?: string | null | undefined;
    withUser?: string | null | undefined;
    withGroup?: string | null | undefined;
    idOwner?: string | null | undefined;
  },
): Target {
  const view = actingView(context, value.uid, 'uid', true);
  const { options } = view;
  const owner = view.perspective ?? '';
  if (value.idOwner != null && value.idOwner !== owner) {
    rejectField(
      ['conversation', 'id'],
      `is not a Conversation ID of ${owner}'s view (IDs from \`Conversation.id\` name the participant; use \`conversationId\` to name the conversation alone)`,
    );
  }
  if (value.withUser) {
    if (value.withUser === owner) {
      rejectField(
        ['withUser'],
        'names the viewing user: a user has no conversation with themselves',
      );
    }
    return {
      owner,
      conversationId: userConversationId(owner, value.withUser),
      partner: { type: 'user', uid: value.withUser },
      selector: 'withUser',
      view,
      options,
    };
  }
  if (value.withGroup) {
    return {
      owner,
      conversationId: groupConversationId(value.withGroup),
      partner: { type: 'group', guid: value.withGroup },
      selector: 'withGroup',
      view,
      options,
    };
  }
  const conversationId = value.conversationId ?? '';
  const partner = conversationPartner(conversationId, owner);
  if (partner === null || (partner.type === 'user' && partner.uid === owner)) {
    rejectField(
      ['conversationId'],
      `is not a conversation ${owner} takes part in (expected \`<uid>_user_<uid>\` with ${owner} as one of the uids, or \`group_<guid>\`)`,
    );
  }
  return { owner, conversationId, partner, selector: 'conversationId', view, options };
}

/**
 * Where a refusal points: at the field whose id it quotes (the message, the partner, the viewing
 * user); a conversation the user cannot see at the field that named the conversation.
 */
export function pathsOf(target: Target, extra: IdField[] = []): MutationOptions {
  const partner = target.partner.type === 'user' ? target.partner.uid : target.partner.guid;
  return {
    ids: [...extra, { id: partner, path: [target.selector] }, { id: target.owner, path: ['uid'] }],
    targetPath: [target.selector],
    codePaths: {
      ERR_CONVERSATION_NOT_ACCESSIBLE: [target.selector],
      ERR_CONVERSATION_NOT_FOUND: [target.selector],
    },
  };
}

/** The conversation as the owner sees it now (after the change), through the owner's view. */
export async function viewOf(target: Target): Promise<ConversationValue> {
  const record = await target.view.loaders.conversations.load(target.conversationId);
  if (record === null) {
    throw new NotFoundFailure(
      `The conversation ${target.conversationId} is not visible to ${target.owner}.`,
      ['input', target.selector],
    );
  }
  return { record, ownerUid: target.owner };
}

/** The `conversation` selector and the deprecated flat fields it replaces. */
export function selectorFields(t: InputFieldBuilder) {
  return {
    conversation: t.field({
      type: ConversationSelector,
      description: 'The conversation, named exactly one way.',
    }),
    conversationId: t.string({
      deprecationReason: replacedBy('Use `conversation: { conversationId }`.'),
      description:
        "The conversation by CometChat's id (`<uid>_user_<uid>` or `group_<guid>`); the deprecated form of `conversation`.",
    }),
    withUser: t.string({
      deprecationReason: replacedBy('Use `conversation: { withUser }`.'),
      description:
        'The 1:1 conversation with this user (uid); the deprecated form of `conversation`.',
    }),
    withGroup: t.string({
      deprecationReason: replacedBy('Use `conversation: { withGroup }`.'),
      description: "The group's conversation (guid); the deprecated form of `conversation`.",
    }),
  };
}

/** The fields that name whose view and which conversation. */
function targetFields(t: InputFieldBuilder) {
  return {
    uid: t.string({
      deprecationReason: ACTING_FIELD_DEPRECATION,
      description:
        'Whose view of the conversation to change: required for admin callers (CometChat acts as that user). A user caller changes their own view and may leave it out.',
    }),
    ...selectorFields(t),
  };
}

/** The checks of a conversation input: the target fields plus `extra`. */
export function conversationSchema<E extends z.ZodRawShape>(extra: E) {
  return z.preprocess(
    flattenSelector,
    z
      .object({ ...targetShape, bothForms: z.boolean().optional(), ...extra })
      .superRefine((value, ctx) => checkTarget(value, ctx)),
  );
}

/** A conversation input: the target fields, then `extra`. */
export function conversationInput<Fields extends InputFieldMap>(
  name: string,
  description: string,
  extra: (t: InputFieldBuilder) => Fields,
) {
  return builder.inputType(name, {
    description: `${description} Name the conversation in \`conversation\`.`,
    fields: (t) => ({ ...targetFields(t), ...extra(t) }),
  });
}
