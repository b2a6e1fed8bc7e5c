/**
 * Which conversation a conversation mutation changes, and whose view of it. CometChat keeps read
 * state, tags and resets per participant, so every mutation names whose view it changes (`uid`;
 * a user caller changes their own) and acts as that user.
 */
import type { InputType } from '@pothos/core';
import { z } from 'zod';
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
import { type InputField, inputObject, key, kind, type Parsed } from '../../input.js';
import { idSchema, LIMITS, optional } from '../../limits.js';
import { type IdField, type MutationOptions, rejectField } from '../../mutation-support.js';
import type { ConversationValue } from '../../refs.js';
import { ACTING_FIELD_DEPRECATION, actingView } from '../acting.js';
import type { Types } from '../fields.js';

/** Characters of CometChat's id of a conversation (`<uid>_user_<uid>` or `group_<guid>`). */
const MAX_CONVERSATION_ID = 250;

const conversationIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_CONVERSATION_ID, `must be at most ${MAX_CONVERSATION_ID} characters`)
  .transform((value) => value.toLowerCase());

/** CometChat's id of a conversation, lowercased as CometChat stores it. */
const conversationIdKind = kind(
  'String',
  conversationIdSchema,
  `1 to ${MAX_CONVERSATION_ID} characters (read lowercased).`,
);

/** The value of a `ConversationSelector` (GraphQL has made sure exactly one field is given). */
interface SelectorValue {
  id?: string | number | null;
  conversationId?: string | null;
  withUser?: string | null;
  withGroup?: string | null;
}

/**
 * The `conversation` selector. Its choice is checked as the deprecated flat fields are (and a
 * violation points at that flat field, as it did when the flat fields were the only form).
 */
const selector = kind(
  ConversationSelector as unknown as InputType<Types>,
  z.custom<SelectorValue>(() => true),
  `Its \`conversationId\` is 1 to ${MAX_CONVERSATION_ID} characters; its \`withUser\` and \`withGroup\` are 1 to ${LIMITS.id} letters, digits, "-" or "_".`,
);

/** The checks of a conversation named by `conversation`, each reported at its flat field. */
const selectorChoice = z.object({
  conversationId: optional(conversationIdSchema),
  withUser: optional(idSchema),
  withGroup: optional(idSchema),
});

const SELECTOR_FIELDS = ['conversationId', 'withUser', 'withGroup'] as const;

type Selector = (typeof SELECTOR_FIELDS)[number];

/** The conversation an input names, in the flat form the checks and `targetOf` read. */
interface NamedConversation {
  conversationId?: string | undefined;
  withUser?: string | undefined;
  withGroup?: string | undefined;
  /** The participant a `conversation: { id }` global ID names (it must be the acting user). */
  idOwner?: string | undefined;
}

type GivenSelector = Parsed<typeof selectorFields>;

/**
 * The conversation `value` names: the flat fields, or the `conversation` selector's choice (a
 * global ID to its CometChat id and participant), checked. Both forms at once is refused.
 */
function namedConversation(
  value: GivenSelector,
): { named: NamedConversation } | { issues: { path: PropertyKey[]; message: string }[] } {
  const { conversation, conversationId, withUser, withGroup } = value;
  if (conversation === undefined) return { named: { conversationId, withUser, withGroup } };
  if (SELECTOR_FIELDS.some((field) => value[field] !== undefined)) {
    return {
      issues: [
        {
          path: ['conversation'],
          message:
            'name the conversation in `conversation` only: `conversationId`, `withUser` and `withGroup` are its deprecated form',
        },
      ],
    };
  }
  let choice: unknown = conversation;
  let idOwner: string | undefined;
  if (typeof conversation.id === 'string' || typeof conversation.id === 'number') {
    const decoded = conversationOfGlobalId(String(conversation.id));
    choice = { conversationId: decoded?.conversationId ?? '' };
    idOwner = decoded?.ownerUid ?? '*';
  }
  const checked = selectorChoice.safeParse(choice);
  if (!checked.success) {
    return {
      issues: checked.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    };
  }
  return { named: { ...checked.data, ...(idOwner === undefined ? {} : { idOwner }) } };
}

/** Exactly one of `conversationId`, `withUser` and `withGroup`. */
function checkTarget(value: NamedConversation, ctx: z.RefinementCtx): void {
  const given = SELECTOR_FIELDS.filter((field) => value[field] !== undefined);
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
export const selectorFields = {
  conversation: selector.optional('The conversation, named exactly one way.'),
  conversationId: conversationIdKind.optional(
    "The conversation by CometChat's id (`<uid>_user_<uid>` or `group_<guid>`); the deprecated form of `conversation`.",
    { deprecationReason: replacedBy('Use `conversation: { conversationId }`.') },
  ),
  withUser: key.optional(
    'The 1:1 conversation with this user (uid); the deprecated form of `conversation`.',
    { deprecationReason: replacedBy('Use `conversation: { withUser }`.') },
  ),
  withGroup: key.optional(
    "The group's conversation (guid); the deprecated form of `conversation`.",
    { deprecationReason: replacedBy('Use `conversation: { withGroup }`.') },
  ),
};

/** The fields that name whose view and which conversation. */
export const targetFields = {
  uid: key.optional(
    'Whose view of the conversation to change: required for admin callers (CometChat acts as that user). A user caller changes their own view and may leave it out.',
    { deprecationReason: ACTING_FIELD_DEPRECATION },
  ),
  ...selectorFields,
};

/** A checked conversation input: its fields, the conversation named in the flat form. */
export type ConversationInputValue<Fields> = Omit<Parsed<Fields>, 'conversation'> &
  NamedConversation;

/** The rules of the conversation an input names: one form, exactly one way, checked. */
function checkConversation(value: GivenSelector, ctx: z.RefinementCtx): void {
  const result = namedConversation(value);
  if ('issues' in result) {
    for (const issue of result.issues) ctx.addIssue({ code: 'custom', ...issue });
    return;
  }
  checkTarget(result.named, ctx);
}

/** A checked input with the conversation it names in the flat form `targetOf` reads. */
function withNamedConversation<V extends GivenSelector>(
  value: V,
): Omit<V, 'conversation'> & NamedConversation {
  const result = namedConversation(value);
  // `checkConversation` has refused every input that names no conversation.
  const named = 'named' in result ? result.named : {};
  const { conversation: _selector, ...rest } = value;
  return { ...rest, ...named };
}

/**
 * A conversation input: `fields` (`selectorFields` or `targetFields`, plus its own), checked, with
 * the conversation named exactly one way.
 */
export function conversationInput<
  Fields extends typeof selectorFields & Record<string, InputField<unknown, boolean>>,
>(name: string, description: string, fields: Fields) {
  return inputObject<Fields, ConversationInputValue<Fields>>(name, {
    description: `${description} Name the conversation in \`conversation\`.`,
    fields,
    check: (value, ctx) => checkConversation(value as GivenSelector, ctx),
    map: (value) =>
      withNamedConversation(
        value as Parsed<Fields> & GivenSelector,
      ) as ConversationInputValue<Fields>,
  });
}

/**
 * The checks of a conversation input declared by hand: whose view (`uid`), the conversation (the
 * `conversation` selector or its deprecated flat fields), then `extra`.
 */
export function conversationSchema<E extends z.ZodRawShape>(extra: E) {
  return z
    .object({
      uid: optional(idSchema),
      conversation: optional(z.custom<SelectorValue>(() => true)),
      conversationId: optional(conversationIdSchema),
      withUser: optional(idSchema),
      withGroup: optional(idSchema),
      ...extra,
    })
    .superRefine((value, ctx) => checkConversation(value as GivenSelector, ctx))
    .transform((value) => withNamedConversation(value as typeof value & GivenSelector));
}
