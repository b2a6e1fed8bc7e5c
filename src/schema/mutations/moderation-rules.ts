/**
 * Moderation rule and keyword-list writes, on CometChat's Management API like the webhooks: a
 * gateway without management credentials answers FORBIDDEN before looking at the input. Keyword
 * lists are sent as the multipart form CometChat takes, their terms comma-separated. Admin only.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import type { KeywordListRecord, ModerationRuleRecord } from '../../upstream/moderation.js';
import {
  createKeywordList,
  createModerationRule,
  deleteKeywordList,
  deleteModerationRule,
  type RuleWrite,
  updateKeywordList,
  updateModerationRule,
} from '../../upstream/moderation-rules.js';
import { ConflictFailure, NotFoundFailure, ValidationFailure } from '../errors.js';
import {
  choice,
  displayName,
  flag,
  type InputOf,
  inputObject,
  key,
  kind,
  longText,
} from '../input.js';
import { LIMITS } from '../limits.js';
import { KeywordList, ModerationRule } from '../moderation.js';
import { checkChanges, runMutation } from '../mutation-support.js';
import { assertManagement } from '../webhook.js';

/** Conditions per rule, terms per list, and a term's length: gateway limits (CometChat documents none). */
export const MAX_RULE_CONDITIONS = LIMITS.moderationRuleConditions;
export const MAX_RULE_ACTIONS = 10;
export const MAX_KEYWORD_TERMS = LIMITS.keywordListTerms;
export const MAX_TERM_LENGTH = 200;
const ADMIN_NOTE =
  "Admin only (FORBIDDEN for end users); on CometChat's Management API, so a gateway without management credentials answers FORBIDDEN.";

const KeywordCategory = builder.enumType('ModerationKeywordCategory', {
  description: 'What the entries of a keyword list are.',
  values: {
    WORD: { value: 'word', description: 'Words matched in messages.' },
    PATTERN: { value: 'pattern', description: 'Regular expressions.' },
    SENTENCE_SIMILARITY: {
      value: 'sentence-similarity',
      description: 'Sentences matched by similarity.',
    },
  } as const,
});

/** The longest word (entity, operand, operator, category, action) of a rule. */
const MAX_WORD_LENGTH = 100;
/** The longest value of a rule's condition. */
const MAX_CONDITION_VALUE = 200;

const wordSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_WORD_LENGTH, `must be at most ${MAX_WORD_LENGTH} characters`);
const word = kind('String', wordSchema, `1 to ${MAX_WORD_LENGTH} characters.`);

const Condition = inputObject('ModerationRuleConditionInput', {
  description:
    "One condition of a rule, in CometChat's terms (e.g. entity `message`, operand `text`, operator `contains`, category `word`, value a keyword list id).",
  fields: {
    entity: word.required('What is checked, e.g. `message`.'),
    operand: word.required('Which part, e.g. `text` or `image`.'),
    operator: word.required('How, e.g. `contains`.'),
    category: word.required('The kind of match, e.g. `word`.'),
    value: kind(
      'String',
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(MAX_CONDITION_VALUE, `must be at most ${MAX_CONDITION_VALUE} characters`),
      `1 to ${MAX_CONDITION_VALUE} characters.`,
    ).required(
      'What to match: a keyword list id, or a threshold such as `violence_greaterThan_30`.',
    ),
    referencesKeywordList: flag.optional(
      'Whether `value` names a keyword list (`isKeywordReferencePresent`).',
    ),
    hasMedia: flag.optional('Whether the condition checks media (`isMediaPresent`).'),
  },
});

const conditions = kind(
  [Condition.ref],
  z
    .array(Condition.schema)
    .min(1, 'must hold at least one condition')
    .max(MAX_RULE_CONDITIONS, `must hold at most ${MAX_RULE_CONDITIONS} conditions`),
  `1 to ${MAX_RULE_CONDITIONS} conditions.`,
);

const actions = kind(
  ['String'],
  z
    .array(wordSchema)
    .min(1, 'must hold at least one action')
    .max(MAX_RULE_ACTIONS, `must hold at most ${MAX_RULE_ACTIONS} actions`)
    .refine((list) => new Set(list).size === list.length, 'must not repeat an action'),
  `1 to ${MAX_RULE_ACTIONS} actions, none repeated; each: 1 to ${MAX_WORD_LENGTH} characters.`,
);

const terms = kind(
  ['String'],
  z
    .array(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(MAX_TERM_LENGTH, `must be at most ${MAX_TERM_LENGTH} characters`)
        .refine(
          (term) => !term.includes(','),
          'must not contain a comma (terms are sent comma-separated)',
        ),
    )
    .min(1, 'must hold at least one term')
    .max(MAX_KEYWORD_TERMS, `must hold at most ${MAX_KEYWORD_TERMS} terms`),
  `1 to ${MAX_KEYWORD_TERMS.toLocaleString('en')} terms; each: 1 to ${MAX_TERM_LENGTH} characters, without commas.`,
);

const RuleCreate = inputObject('ModerationRuleCreateInput', {
  description: 'A new moderation rule.',
  fields: {
    ruleId: key.required('Its identifier.'),
    name: displayName.required('The display name.'),
    description: longText.optional('What it is for.'),
    isEnabled: flag.optional('Whether it applies (default true).'),
    actions: actions.required('What to do on a match, e.g. `blockMessage` (an open set).'),
    conditions: conditions.required('Its conditions.'),
  },
});

const RuleUpdate = inputObject('ModerationRuleUpdateInput', {
  description: 'Changes to a rule; omitted fields stay. At least one change is required.',
  fields: {
    ruleId: key.required('The id of the rule to change.'),
    name: displayName.optional('A new display name.'),
    description: longText.optional('A new description.'),
    isEnabled: flag.optional('Turn the rule on or off.'),
    actions: actions.optional('The new actions (replace the old).'),
    conditions: conditions.optional('The new conditions (replace the old).'),
  },
  check: (input, ctx) => checkChanges(input, 'ruleId', ctx),
});

const RuleDelete = inputObject('ModerationRuleDeleteInput', {
  description: 'The rule to delete.',
  fields: { ruleId: key.required('The id of the rule to delete.') },
});

const ListCreate = inputObject('ModerationKeywordListCreateInput', {
  description: 'A new keyword list.',
  fields: {
    listId: key.required('Its identifier.'),
    name: displayName.optional('The display name.'),
    description: longText.optional('What it is for.'),
    category: choice(KeywordCategory).required('What its entries are.'),
    terms: terms.required('Its words or patterns.'),
  },
});

const ListUpdate = inputObject('ModerationKeywordListUpdateInput', {
  description: 'Changes to a keyword list; omitted fields stay. At least one change is required.',
  fields: {
    listId: key.required('The id of the list to change.'),
    name: displayName.optional('A new display name.'),
    description: longText.optional('A new description.'),
    category: choice(KeywordCategory).optional('A new category.'),
    terms: terms.optional('The new terms (replace the old).'),
  },
  check: (input, ctx) => checkChanges(input, 'listId', ctx),
});

const ListDelete = inputObject('ModerationKeywordListDeleteInput', {
  description: 'The keyword list to delete.',
  fields: { listId: key.required('The id of the list to delete.') },
});

const RuleCreatePayload = builder
  .objectRef<{ rule: ModerationRuleRecord }>('ModerationRuleCreatePayload')
  .implement({
    description: 'The rule that was created.',
    fields: (t) => ({
      moderationRule: t.field({
        type: ModerationRule,
        description: 'The new rule, as CometChat answered it.',
        resolve: (v) => v.rule,
      }),
    }),
  });
const RuleUpdatePayload = builder
  .objectRef<{ rule: ModerationRuleRecord }>('ModerationRuleUpdatePayload')
  .implement({
    description: 'The rule that was changed.',
    fields: (t) => ({
      moderationRule: t.field({
        type: ModerationRule,
        description: 'The rule as it is now.',
        resolve: (v) => v.rule,
      }),
    }),
  });
const RuleDeletePayload = builder
  .objectRef<{ ruleId: string }>('ModerationRuleDeletePayload')
  .implement({
    description: 'The rule that was deleted.',
    fields: (t) => ({
      ruleId: t.exposeString('ruleId', { description: 'The id of the deleted rule.' }),
    }),
  });
const ListCreatePayload = builder
  .objectRef<{ list: KeywordListRecord }>('ModerationKeywordListCreatePayload')
  .implement({
    description: 'The keyword list that was created.',
    fields: (t) => ({
      moderationKeywordList: t.field({
        type: KeywordList,
        description: 'The new list, as CometChat answered it.',
        resolve: (v) => v.list,
      }),
    }),
  });
const ListUpdatePayload = builder
  .objectRef<{ list: KeywordListRecord }>('ModerationKeywordListUpdatePayload')
  .implement({
    description: 'The keyword list that was changed.',
    fields: (t) => ({
      moderationKeywordList: t.field({
        type: KeywordList,
        description: 'The list as it is now.',
        resolve: (v) => v.list,
      }),
    }),
  });
const ListDeletePayload = builder
  .objectRef<{ listId: string }>('ModerationKeywordListDeletePayload')
  .implement({
    description: 'The keyword list that was deleted.',
    fields: (t) => ({
      listId: t.exposeString('listId', { description: 'The id of the deleted list.' }),
    }),
  });

type RuleInput = {
  name?: string | undefined;
  description?: string | undefined;
  isEnabled?: boolean | undefined;
  actions?: string[] | undefined;
  conditions?: InputOf<typeof Condition>[] | undefined;
};

function ruleWrite(input: RuleInput): RuleWrite {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.isEnabled !== undefined ? { enabled: input.isEnabled } : {}),
    ...(input.actions !== undefined ? { action: input.actions } : {}),
    ...(input.conditions !== undefined
      ? {
          conditions: input.conditions.map((c, index) => ({
            id: index + 1,
            entity: c.entity,
            operand: c.operand,
            operator: c.operator,
            category: c.category,
            isKeywordReferencePresent: c.referencesKeywordList ?? false,
            isMediaPresent: c.hasMedia ?? false,
            value: c.value,
          })),
        }
      : {}),
  };
}

/** Where CometChat's field names (and the emulator's `conditions.N.field`) land in the input. */
const RULE_FIELDS: Record<string, string[]> = {
  id: ['ruleId'],
  enabled: ['isEnabled'],
  action: ['actions'],
};
const LIST_FIELDS: Record<string, string[]> = { id: ['listId'], searchTerms: ['terms'] };

function management(context: GatewayContext) {
  assertManagement(context);
  return context.view(null).options;
}

builder.mutationFields((t) => ({
  moderationRuleCreate: t.field({
    type: RuleCreatePayload,
    description: `Creates a moderation rule (\`POST /apps/{appId}/moderation/rules\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, ConflictFailure],
      union: { description: 'The new rule, or why it was not created.' },
    },
    args: { input: t.arg({ type: RuleCreate.ref, required: true, description: 'The rule.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const input = RuleCreate.parse(args.input);
      const rule = await runMutation(
        context,
        () =>
          createModerationRule(
            context.upstream,
            { id: input.ruleId, enabled: true, ...ruleWrite(input) },
            opts,
          ),
        { targetPath: ['ruleId'], fieldMap: RULE_FIELDS },
      );
      return { rule };
    },
  }),
  moderationRuleUpdate: t.field({
    type: RuleUpdatePayload,
    description: `Changes a moderation rule (\`PUT /apps/{appId}/moderation/rules/{ruleId}\`), sending only the fields given. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed rule, or why nothing changed.' },
    },
    args: { input: t.arg({ type: RuleUpdate.ref, required: true, description: 'The changes.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { ruleId, ...changes } = RuleUpdate.parse(args.input);
      const rule = await runMutation(
        context,
        () => updateModerationRule(context.upstream, ruleId, ruleWrite(changes), opts),
        { targetPath: ['ruleId'], fieldMap: RULE_FIELDS },
      );
      return { rule };
    },
  }),
  moderationRuleDelete: t.field({
    type: RuleDeletePayload,
    description: `Deletes a moderation rule (\`DELETE /apps/{appId}/moderation/rules/{ruleId}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted rule, or why it was not deleted.' },
    },
    args: { input: t.arg({ type: RuleDelete.ref, required: true, description: 'The rule.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { ruleId } = RuleDelete.parse(args.input);
      await runMutation(context, () => deleteModerationRule(context.upstream, ruleId, opts), {
        targetPath: ['ruleId'],
      });
      return { ruleId };
    },
  }),
  moderationKeywordListCreate: t.field({
    type: ListCreatePayload,
    description: `Creates a keyword list (\`POST /apps/{appId}/moderation/keywords\`, sent as a multipart form with the terms comma-separated). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, ConflictFailure],
      union: { description: 'The new list, or why it was not created.' },
    },
    args: { input: t.arg({ type: ListCreate.ref, required: true, description: 'The list.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const input = ListCreate.parse(args.input);
      const list = await runMutation(
        context,
        () =>
          createKeywordList(
            context.upstream,
            {
              id: input.listId,
              name: input.name,
              description: input.description,
              category: input.category,
              terms: input.terms,
            },
            opts,
          ),
        { targetPath: ['listId'], fieldMap: LIST_FIELDS },
      );
      return { list };
    },
  }),
  moderationKeywordListUpdate: t.field({
    type: ListUpdatePayload,
    description: `Changes a keyword list (\`PUT /apps/{appId}/moderation/keywords/{keywordId}\`, a multipart form of the fields given). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed list, or why nothing changed.' },
    },
    args: { input: t.arg({ type: ListUpdate.ref, required: true, description: 'The changes.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { listId, ...changes } = ListUpdate.parse(args.input);
      const list = await runMutation(
        context,
        () => updateKeywordList(context.upstream, listId, changes, opts),
        { targetPath: ['listId'], fieldMap: LIST_FIELDS },
      );
      return { list };
    },
  }),
  moderationKeywordListDelete: t.field({
    type: ListDeletePayload,
    description: `Deletes a keyword list (\`DELETE /apps/{appId}/moderation/keywords/{keywordId}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted list, or why it was not deleted.' },
    },
    args: { input: t.arg({ type: ListDelete.ref, required: true, description: 'The list.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { listId } = ListDelete.parse(args.input);
      await runMutation(context, () => deleteKeywordList(context.upstream, listId, opts), {
        targetPath: ['listId'],
      });
      return { listId };
    },
  }),
}));
