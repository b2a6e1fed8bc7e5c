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
import { descriptionSchema, idSchema, LIMITS, nameSchema, optional } from '../limits.js';
import { KeywordList, ModerationRule } from '../moderation.js';
import { checkChanges, runMutation, validateInput } from '../mutation-support.js';
import { assertManagement } from '../webhook.js';

/** Conditions per rule, terms per list, and a term's length: gateway limits (CometChat documents none). */
export const MAX_RULE_CONDITIONS = LIMITS.moderationRuleConditions;
export const MAX_RULE_ACTIONS = 10;
export const MAX_KEYWORD_TERMS = LIMITS.keywordListTerms;
export const MAX_TERM_LENGTH = 200;
const ADMIN_NOTE =
  "Admin only (FORBIDDEN for end users); on CometChat's Management API, so a gateway without management credentials answers FORBIDDEN.";

const word = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');
const conditionSchema = z.object({
  entity: word,
  operand: word,
  operator: word,
  category: word,
  value: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  referencesKeywordList: optional(z.boolean()),
  hasMedia: optional(z.boolean()),
});
const conditionsSchema = z
  .array(conditionSchema)
  .min(1, 'must hold at least one condition')
  .max(MAX_RULE_CONDITIONS, `must hold at most ${MAX_RULE_CONDITIONS} conditions`);
const actionsSchema = z
  .array(word)
  .min(1, 'must hold at least one action')
  .max(MAX_RULE_ACTIONS, `must hold at most ${MAX_RULE_ACTIONS} actions`)
  .refine((list) => new Set(list).size === list.length, 'must not repeat an action');
const ruleCreateSchema = z.object({
  ruleId: idSchema,
  name: nameSchema,
  description: optional(descriptionSchema),
  isEnabled: optional(z.boolean()),
  actions: actionsSchema,
  conditions: conditionsSchema,
});
const ruleUpdateSchema = z
  .object({
    ruleId: idSchema,
    name: optional(nameSchema),
    description: optional(descriptionSchema),
    isEnabled: optional(z.boolean()),
    actions: optional(actionsSchema),
    conditions: optional(conditionsSchema),
  })
  .superRefine((input, ctx) => checkChanges(input, 'ruleId', ctx));
const ruleDeleteSchema = z.object({ ruleId: idSchema });

const termsSchema = z
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
  .max(MAX_KEYWORD_TERMS, `must hold at most ${MAX_KEYWORD_TERMS} terms`);
const categorySchema = z.enum(['word', 'pattern', 'sentence-similarity']);
const listCreateSchema = z.object({
  listId: idSchema,
  name: optional(nameSchema),
  description: optional(descriptionSchema),
  category: categorySchema,
  terms: termsSchema,
});
const listUpdateSchema = z
  .object({
    listId: idSchema,
    name: optional(nameSchema),
    description: optional(descriptionSchema),
    category: optional(categorySchema),
    terms: optional(termsSchema),
  })
  .superRefine((input, ctx) => checkChanges(input, 'listId', ctx));
const listDeleteSchema = z.object({ listId: idSchema });

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

const ConditionInput = builder.inputType('ModerationRuleConditionInput', {
  description:
    "One condition of a rule, in CometChat's terms (e.g. entity `message`, operand `text`, operator `contains`, category `word`, value a keyword list id).",
  fields: (t) => ({
    entity: t.string({ required: true, description: 'What is checked, e.g. `message`.' }),
    operand: t.string({ required: true, description: 'Which part, e.g. `text` or `image`.' }),
    operator: t.string({ required: true, description: 'How, e.g. `contains`.' }),
    category: t.string({ required: true, description: 'The kind of match, e.g. `word`.' }),
    value: t.string({
      required: true,
      description:
        'What to match: a keyword list id, or a threshold such as `violence_greaterThan_30`.',
    }),
    referencesKeywordList: t.boolean({
      description: 'Whether `value` names a keyword list (`isKeywordReferencePresent`).',
    }),
    hasMedia: t.boolean({ description: 'Whether the condition checks media (`isMediaPresent`).' }),
  }),
});

const RuleCreateInput = builder.inputType('ModerationRuleCreateInput', {
  description: 'A new moderation rule.',
  fields: (t) => ({
    ruleId: t.string({
      required: true,
      description: 'Its identifier: 1 to 100 letters, digits, "-" or "_" (stored lowercased).',
    }),
    name: t.string({ required: true, description: 'The display name (1 to 100 characters).' }),
    description: t.string({ description: 'What it is for (at most 255 characters).' }),
    isEnabled: t.boolean({ description: 'Whether it applies (default true).' }),
    actions: t.stringList({
      required: true,
      description: `What to do on a match, e.g. \`blockMessage\` (1 to ${MAX_RULE_ACTIONS}, an open set).`,
    }),
    conditions: t.field({
      type: [ConditionInput],
      required: true,
      description: `Its conditions (1 to ${MAX_RULE_CONDITIONS}).`,
    }),
  }),
});

const RuleUpdateInput = builder.inputType('ModerationRuleUpdateInput', {
  description: 'Changes to a rule; omitted fields stay. At least one change is required.',
  fields: (t) => ({
    ruleId: t.string({ required: true, description: 'The id of the rule to change.' }),
    name: t.string({ description: 'A new display name.' }),
    description: t.string({ description: 'A new description.' }),
    isEnabled: t.boolean({ description: 'Turn the rule on or off.' }),
    actions: t.stringList({ description: 'The new actions (replace the old).' }),
    conditions: t.field({
      type: [ConditionInput],
      description: 'The new conditions (replace the old).',
    }),
  }),
});

const RuleDeleteInput = builder.inputType('ModerationRuleDeleteInput', {
  description: 'The rule to delete.',
  fields: (t) => ({
    ruleId: t.string({ required: true, description: 'The id of the rule to delete.' }),
  }),
});

const ListCreateInput = builder.inputType('ModerationKeywordListCreateInput', {
  description: 'A new keyword list.',
  fields: (t) => ({
    listId: t.string({
      required: true,
      description: 'Its identifier: 1 to 100 letters, digits, "-" or "_" (stored lowercased).',
    }),
    name: t.string({ description: 'The display name (1 to 100 characters).' }),
    description: t.string({ description: 'What it is for (at most 255 characters).' }),
    category: t.field({
      type: KeywordCategory,
      required: true,
      description: 'What its entries are.',
    }),
    terms: t.stringList({
      required: true,
      description: `Its words or patterns (1 to ${MAX_KEYWORD_TERMS}, each 1 to ${MAX_TERM_LENGTH} characters without commas).`,
    }),
  }),
});

const ListUpdateInput = builder.inputType('ModerationKeywordListUpdateInput', {
  description: 'Changes to a keyword list; omitted fields stay. At least one change is required.',
  fields: (t) => ({
    listId: t.string({ required: true, description: 'The id of the list to change.' }),
    name: t.string({ description: 'A new display name.' }),
    description: t.string({ description: 'A new description.' }),
    category: t.field({ type: KeywordCategory, description: 'A new category.' }),
    terms: t.stringList({ description: 'The new terms (replace the old).' }),
  }),
});

const ListDeleteInput = builder.inputType('ModerationKeywordListDeleteInput', {
  description: 'The keyword list to delete.',
  fields: (t) => ({
    listId: t.string({ required: true, description: 'The id of the list to delete.' }),
  }),
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
  conditions?: z.output<typeof conditionsSchema> | undefined;
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
    args: { input: t.arg({ type: RuleCreateInput, required: true, description: 'The rule.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const input = validateInput(ruleCreateSchema, args.input);
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
    args: { input: t.arg({ type: RuleUpdateInput, required: true, description: 'The changes.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { ruleId, ...changes } = validateInput(ruleUpdateSchema, args.input);
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
    args: { input: t.arg({ type: RuleDeleteInput, required: true, description: 'The rule.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { ruleId } = validateInput(ruleDeleteSchema, args.input);
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
    args: { input: t.arg({ type: ListCreateInput, required: true, description: 'The list.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const input = validateInput(listCreateSchema, args.input);
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
    args: { input: t.arg({ type: ListUpdateInput, required: true, description: 'The changes.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { listId, ...changes } = validateInput(listUpdateSchema, args.input);
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
    args: { input: t.arg({ type: ListDeleteInput, required: true, description: 'The list.' }) },
    resolve: async (_root, args, context) => {
      const opts = management(context);
      const { listId } = validateInput(listDeleteSchema, args.input);
      await runMutation(context, () => deleteKeywordList(context.upstream, listId, opts), {
        targetPath: ['listId'],
      });
      return { listId };
    },
  }),
}));
