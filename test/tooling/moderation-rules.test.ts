/**
 * Moderation rule and keyword-list writes through GraphQL against the emulator's management
 * surface: each write lands (the list reads show it), bad input is refused before any call,
 * CometChat's refusals come back typed, end users are refused, and a gateway without management
 * credentials answers FORBIDDEN.
 */
import { describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  mutationDocument,
  USER_ERROR_FIELDS,
  type UserErrorShape,
  useHarness,
  VIOLATION_FIELDS,
} from '../support/harness.js';

const ERRORS = `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`;
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
    const cases: [string, Record<string, unknown>, string[]][] = [
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
    ];
    for (const [document, input, path] of cases) {
      const outcome = await h.mutate<UserErrorShape>(document, { input });
      expect(outcome.calls, JSON.stringify(input)).toBe(0);
      expect(outcome.result.__typename).toBe('ValidationError');
      expect(outcome.result.path).toEqual(path);
    }
  });

  it("maps CometChat's refusals onto the input", async () => {
    const missing = await h.mutate<UserErrorShape>(RULE_UPDATE, {
      input: { ruleId: 'nope', name: 'x' },
    });
    expect(missing.calls).toBe(1);
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'ruleId'],
      code: 'ERR_RULE_NOT_FOUND',
    });
    const taken = await h.mutate<UserErrorShape>(RULE_CREATE, {
      input: { ruleId: 'profanity', name: 'x', actions: ['blockMessage'], conditions: [CONDITION] },
    });
    expect(taken.result).toMatchObject({ __typename: 'ConflictError', path: ['input', 'ruleId'] });
    const gone = await h.mutate<UserErrorShape>(LIST_DELETE, { input: { listId: 'nope' } });
    expect(gone.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'listId'],
      code: 'ERR_KEYWORD_NOT_FOUND',
    });
    const listTaken = await h.mutate<UserErrorShape>(LIST_CREATE, {
      input: { listId: 'profanity-list', category: 'WORD', terms: ['x'] },
    });
    expect(listTaken.result).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'listId'],
    });
  });

  it('refuses end users without an upstream call', async () => {
    h.emulator.clearRequests();
    for (const [document, input] of [
      [RULE_CREATE, { ruleId: 'x', name: 'x', actions: ['blockMessage'], conditions: [CONDITION] }],
      [RULE_UPDATE, { ruleId: 'profanity', name: 'x' }],
      [RULE_DELETE, { ruleId: 'profanity' }],
      [LIST_CREATE, { listId: 'x', category: 'WORD', terms: ['x'] }],
      [LIST_UPDATE, { listId: 'profanity-list', name: 'x' }],
      [LIST_DELETE, { listId: 'profanity-list' }],
    ] as const) {
      const response = await h.asUser(u(1), document, { input });
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(h.emulator.requests()).toEqual([]);
  });
});

describe('without management credentials', () => {
  const h = useHarness({}, { client: { management: undefined } });

  it('answers FORBIDDEN before looking at the input', async () => {
    h.emulator.clearRequests();
    const response = await h.query(RULE_DELETE, { input: { ruleId: 'bad id!' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await h.query(LIST_CREATE, {
      input: { listId: 'x', category: 'WORD', terms: ['x'] },
    });
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.emulator.requests()).toEqual([]);
  });
});
