/**
 * Moderation rule and keyword-list writes through GraphQL against the emulator's management
 * surface: each write lands (the list reads show it), bad input is refused before any call,
 * CometChat's refusals come back typed, end users are refused, and a gateway without management
 * credentials answers FORBIDDEN.
 */
import { describe, expect, it } from 'vitest';
import {
  ERROR_AND_VIOLATION_FIELDS as ERRORS,
  mutationDocument,
  useHarness,
} from '../support/harness.js';
import {
  expectAdminRefused,
  expectCheckedFirst,
  expectEndUserRefused,
  expectUserError,
} from '../support/tooling.js';

const RULE = 'moderationRule { ruleId name description isEnabled actions conditions }';
const LIST = 'moderationKeywordList { listId name category terms isDefault }';
const RULE_CREATE = mutationDocument('moderationRuleCreate', RULE, ERRORS);
const RULE_UPDATE = mutationDocument('moderationRuleUpdate', RULE, ERRORS);
const RULE_DELETE = mutationDocument('moderationRuleDelete', 'ruleId', ERRORS);
const LIST_CREATE = mutationDocument('moderationKeywordListCreate', LIST, ERRORS);
const LIST_UPDATE = mutationDocument('moderationKeywordListUpdate', LIST, ERRORS);
const LIST_DELETE = mutationDocument('moderationKeywordListDelete', 'listId', ERRORS);

const CONDITION = {
  entity: 'message',
  operand: 'text',
  operator: 'contains',
  category: 'word',
  value: 'spam-words',
  referencesKeywordList: true,
};

describe('moderation rule and keyword-list writes', () => {
  const h = useHarness();

  async function ruleIds(): Promise<string[]> {
    const r = await h.query<{ moderationRules: { nodes: { ruleId: string }[] } }>(
      '{ moderationRules { nodes { ruleId } } }',
    );
    return r.data?.moderationRules.nodes.map((n) => n.ruleId) ?? [];
  }
  async function lists(): Promise<{ listId: string; terms: string[] }[]> {
    const r = await h.query<{
      moderationKeywordLists: { nodes: { listId: string; terms: string[] }[] };
    }>('{ moderationKeywordLists { nodes { listId terms } } }');
    return r.data?.moderationKeywordLists.nodes ?? [];
  }

  it('creates, changes and deletes a keyword list sent as a multipart form', async () => {
    const created = await h.mutate(LIST_CREATE, {
      input: {
        listId: 'Spam-Words',
        name: 'Spam',
        category: 'WORD',
        terms: ['buy now', 'free money'],
      },
    });
    expect(created.writes).toBe(1);
    expect(created.result).toMatchObject({
      moderationKeywordList: {
        listId: 'spam-words',
        name: 'Spam',
        category: 'word',
        terms: ['buy now', 'free money'],
        isDefault: false,
      },
    });
    const sent = h.emulator.requests().find((r) => r.method === 'POST');
    expect(sent?.path).toContain('/moderation/keywords');
    expect(await lists()).toContainEqual({
      listId: 'spam-words',
      terms: ['buy now', 'free money'],
    });

    const updated = await h.mutate(LIST_UPDATE, {
      input: { listId: 'spam-words', terms: ['lottery'] },
    });
    expect(updated.result).toMatchObject({
      moderationKeywordList: { terms: ['lottery'], name: 'Spam' },
    });

    const deleted = await h.mutate(LIST_DELETE, { input: { listId: 'spam-words' } });
    expect(deleted.result).toEqual({
      __typename: 'ModerationKeywordListDeletePayload',
      listId: 'spam-words',
    });
    expect((await lists()).map((l) => l.listId)).not.toContain('spam-words');
  });

  it('creates, changes and deletes a rule', async () => {
    const created = await h.mutate(RULE_CREATE, {
      input: {
        ruleId: 'no-spam',
        name: 'No spam',
        actions: ['blockMessage'],
        conditions: [CONDITION],
      },
    });
    expect(created.writes).toBe(1);
    expect(created.result).toMatchObject({
      moderationRule: {
        ruleId: 'no-spam',
        name: 'No spam',
        isEnabled: true,
        actions: ['blockMessage'],
      },
    });
    expect(
      (created.result as { moderationRule: { conditions: string[] } }).moderationRule.conditions,
    ).toHaveLength(1);
    expect(await ruleIds()).toContain('no-spam');

    const updated = await h.mutate(RULE_UPDATE, { input: { ruleId: 'no-spam', isEnabled: false } });
    expect(updated.result).toMatchObject({
      moderationRule: { ruleId: 'no-spam', isEnabled: false, name: 'No spam' },
    });

    const deleted = await h.mutate(RULE_DELETE, { input: { ruleId: 'no-spam' } });
    expect(deleted.result).toEqual({
      __typename: 'ModerationRuleDeletePayload',
      ruleId: 'no-spam',
    });
    expect(await ruleIds()).not.toContain('no-spam');
  });

  it('checks every input before any call', async () => {
    await expectCheckedFirst(h, [
      [
        RULE_CREATE,
        { ruleId: 'bad id!', name: 'x', actions: ['blockMessage'], conditions: [CONDITION] },
        ['input', 'ruleId'],
      ],
      [
        RULE_CREATE,
        { ruleId: 'ok', name: 'x', actions: [], conditions: [CONDITION] },
        ['input', 'actions'],
      ],
      [RULE_UPDATE, { ruleId: 'profanity' }, ['input']],
      [RULE_DELETE, { ruleId: '' }, ['input', 'ruleId']],
      [LIST_CREATE, { listId: 'ok', category: 'WORD', terms: ['a,b'] }, ['input', 'terms', '0']],
      [LIST_CREATE, { listId: 'ok', category: 'WORD', terms: [] }, ['input', 'terms']],
      [LIST_UPDATE, { listId: 'profanity-list' }, ['input']],
      [LIST_DELETE, { listId: 'no way' }, ['input', 'listId']],
    ]);
  });

  it("maps CometChat's refusals onto the input", async () => {
    await expectUserError(
      h,
      RULE_UPDATE,
      { ruleId: 'nope', name: 'x' },
      { __typename: 'NotFoundError', path: ['input', 'ruleId'], code: 'ERR_RULE_NOT_FOUND' },
      1,
    );
    await expectUserError(
      h,
      RULE_CREATE,
      { ruleId: 'profanity', name: 'x', actions: ['blockMessage'], conditions: [CONDITION] },
      { __typename: 'ConflictError', path: ['input', 'ruleId'] },
    );
    await expectUserError(
      h,
      LIST_DELETE,
      { listId: 'nope' },
      { __typename: 'NotFoundError', path: ['input', 'listId'], code: 'ERR_KEYWORD_NOT_FOUND' },
    );
    await expectUserError(
      h,
      LIST_CREATE,
      { listId: 'profanity-list', category: 'WORD', terms: ['x'] },
      { __typename: 'ConflictError', path: ['input', 'listId'] },
    );
  });

  it('refuses end users without an upstream call', async () => {
    await expectEndUserRefused(h, {
      writes: [
        [
          RULE_CREATE,
          { ruleId: 'x', name: 'x', actions: ['blockMessage'], conditions: [CONDITION] },
        ],
        [RULE_UPDATE, { ruleId: 'profanity', name: 'x' }],
        [RULE_DELETE, { ruleId: 'profanity' }],
        [LIST_CREATE, { listId: 'x', category: 'WORD', terms: ['x'] }],
        [LIST_UPDATE, { listId: 'profanity-list', name: 'x' }],
        [LIST_DELETE, { listId: 'profanity-list' }],
      ],
    });
  });
});

describe('without management credentials', () => {
  const h = useHarness({}, { client: { management: undefined } });

  it('answers FORBIDDEN before looking at the input', async () => {
    await expectAdminRefused(h, {
      writes: [
        [RULE_DELETE, { ruleId: 'bad id!' }],
        [LIST_CREATE, { listId: 'x', category: 'WORD', terms: ['x'] }],
      ],
    });
  });
});
