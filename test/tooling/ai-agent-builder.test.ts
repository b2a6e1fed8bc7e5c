/**
 * The Agent Builder's knowledge base and custom variables through GraphQL against the emulator:
 * sources listed (also as nodes), text entries created, read, changed and deleted, sources attached
 * to and detached from an agent, variables created and changed; bad input refused before any
 * call, CometChat's refusals typed, end users refused, and a constant value never shown or logged.
 */
import { describe, expect, it } from 'vitest';
import { agentBuilderStateOf } from '../../src/emulator/ai-agent-builder.js';
import {
  ERROR_AND_VIOLATION_FIELDS as ERRORS,
  mutationDocument,
  useHarness,
} from '../support/harness.js';
import {
  expectCheckedFirst,
  expectEndUserRefused,
  expectUserError,
  nodeOf,
  withSecretsKept,
} from '../support/tooling.js';

const h = useHarness();
const TEXT = 'id sourceId title text fileName status vectorizationStatus isActive createdAt';
const VARIABLE =
  'id variableId name reference description sourceType sourcePath hasConstantValue defaultValue';
const TEXT_CREATE = mutationDocument(
  'aiKnowledgeTextCreate',
  `sourceId aiKnowledgeText { ${TEXT} }`,
  ERRORS,
);
const TEXT_UPDATE = mutationDocument(
  'aiKnowledgeTextUpdate',
  `sourceId aiKnowledgeText { ${TEXT} }`,
  ERRORS,
);
const TEXT_DELETE = mutationDocument('aiKnowledgeTextDelete', 'sourceId', ERRORS);
const ATTACH = mutationDocument('aiAgentKnowledgeAttach', 'agentUid aiAgent { name }', ERRORS);
const DETACH = mutationDocument('aiAgentKnowledgeDetach', 'agentUid', ERRORS);
const VAR_CREATE = mutationDocument(
  'aiAgentVariableCreate',
  `aiAgentVariable { ${VARIABLE} }`,
  ERRORS,
);
const VAR_UPDATE = mutationDocument(
  'aiAgentVariableUpdate',
  `aiAgentVariable { ${VARIABLE} }`,
  ERRORS,
);

interface Text {
  id: string;
  sourceId: string;
  title: string;
  text: string;
  [key: string]: unknown;
}

function attachedTo(uid: string, kind = 'text'): string[] {
  return [...(agentBuilderStateOf(h.emulator.store).attached.get(uid)?.get(kind) ?? [])];
}

describe('knowledge base', () => {
  it('lists the seeded source, with its text entry, and reads it as a node', async () => {
    const list = await h.query<{
      aiKnowledgeSources: {
        totalCount: number;
        nodes: {
          id: string;
          sourceId: string;
          name: string;
          kind: string;
          status: string;
          textEntry: Text | null;
        }[];
      };
    }>(
      '{ aiKnowledgeSources(first: 10) { totalCount nodes { id sourceId name kind status lastSyncedAt textEntry { title text } } } }',
    );
    expect(list.errors).toBeUndefined();
    const faq = list.data?.aiKnowledgeSources.nodes.find((s) => s.sourceId === 'kb-faq');
    expect(faq).toMatchObject({
      name: 'FAQ',
      kind: 'text',
      status: 'indexed',
      textEntry: { title: 'FAQ', text: 'Opening hours are 9 to 5.' },
    });
    expect(await nodeOf(h, 'AiKnowledgeSource', 'sourceId name', faq?.id)).toEqual({
      sourceId: 'kb-faq',
      name: 'FAQ',
    });
    const missing = await h.query<{ aiKnowledgeText: Text | null }>(
      '{ aiKnowledgeText(sourceId: "nope") { title } }',
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.aiKnowledgeText).toBeNull();
  });

  it('creates, changes and deletes a text entry', async () => {
    const created = await h.mutate<{ sourceId: string; aiKnowledgeText: Text }>(TEXT_CREATE, {
      input: { title: 'Refund policy', text: 'Refunds within 30 days.' },
    });
    expect(created.writes).toBe(1);
    expect(created.result.aiKnowledgeText).toMatchObject({
      title: 'Refund policy',
      text: 'Refunds within 30 days.',
      fileName: 'refund-policy.md',
      isActive: true,
    });
    const id = created.result.sourceId;
    const byNode = await nodeOf(
      h,
      'AiKnowledgeText',
      'sourceId title',
      created.result.aiKnowledgeText.id,
    );
    expect(byNode).toEqual({ sourceId: id, title: 'Refund policy' });
    const updated = await h.mutate<{ aiKnowledgeText: Text }>(TEXT_UPDATE, {
      input: { sourceId: id, text: 'Refunds within 60 days.' },
    });
    expect(updated.writes).toBe(1);
    expect(updated.result.aiKnowledgeText).toMatchObject({
      title: 'Refund policy',
      text: 'Refunds within 60 days.',
    });
    const deleted = await h.mutate(TEXT_DELETE, { input: { sourceId: id } });
    expect(deleted.result).toEqual({ __typename: 'AiKnowledgeTextDeletePayload', sourceId: id });
    const gone = await h.query<{ aiKnowledgeText: Text | null }>(
      `{ aiKnowledgeText(sourceId: "${id}") { title } }`,
    );
    expect(gone.data?.aiKnowledgeText).toBeNull();
  });

  it('attaches sources to an agent and detaches them, one call per kind', async () => {
    const extra = await h.mutate<{ sourceId: string }>(TEXT_CREATE, {
      input: { title: 'Shipping', text: 'Ships in 2 days.' },
    });
    const ids = ['kb-faq', extra.result.sourceId];
    const attached = await h.mutate(ATTACH, {
      input: { agentUid: 'support-agent', sourceIds: ids },
    });
    expect(attached.result).toMatchObject({
      agentUid: 'support-agent',
      aiAgent: { name: 'Support Agent' },
    });
    expect(attached.writes).toBe(1); // both are text entries
    expect(attached.calls).toBe(3); // the knowledge base, the attach, the agent for the payload
    expect(attachedTo('support-agent').sort()).toEqual([...ids].sort());
    const detached = await h.mutate(DETACH, {
      input: { agentUid: 'support-agent', sourceIds: ['kb-faq'] },
    });
    expect(detached.result).toEqual({
      __typename: 'AiAgentKnowledgeDetachPayload',
      agentUid: 'support-agent',
    });
    expect(attachedTo('support-agent')).toEqual([extra.result.sourceId]);
  });

  it('checks the input before any call and maps unknown entries, sources and agents', async () => {
    await expectCheckedFirst(h, [
      [TEXT_CREATE, { title: ' ', text: 'x' }, ['input', 'title']],
      [TEXT_CREATE, { title: 'x', text: 'y'.repeat(5001) }, ['input', 'text']],
      [TEXT_UPDATE, { sourceId: 'kb-faq' }, ['input']],
      [TEXT_DELETE, { sourceId: '' }, ['input', 'sourceId']],
      [ATTACH, { agentUid: 'support-agent', sourceIds: [] }, ['input', 'sourceIds']],
      [ATTACH, { agentUid: 'support-agent', sourceIds: ['a', 'a'] }, ['input', 'sourceIds']],
      [DETACH, { agentUid: '', sourceIds: ['kb-faq'] }, ['input', 'agentUid']],
    ]);
    await expectUserError(
      h,
      TEXT_UPDATE,
      { sourceId: 'nope', title: 'x' },
      { __typename: 'NotFoundError', path: ['input', 'sourceId'], code: 'ERR_NOT_FOUND' },
      1,
    );
    await expectUserError(
      h,
      TEXT_DELETE,
      { sourceId: 'nope' },
      { __typename: 'NotFoundError', code: 'ERR_NOT_FOUND' },
    );
    const noSource = await expectUserError(
      h,
      ATTACH,
      { agentUid: 'support-agent', sourceIds: ['kb-faq', 'nope'] },
      { __typename: 'NotFoundError', path: ['input', 'sourceIds', '1'] },
      1,
    );
    expect(noSource.writes).toBe(0);
    await expectUserError(
      h,
      ATTACH,
      { agentUid: 'nope', sourceIds: ['kb-faq'] },
      { __typename: 'NotFoundError', path: ['input', 'agentUid'], code: 'ERR_AGENT_NOT_FOUND' },
      2,
    );
  });
});

describe('custom variables', () => {
  it('lists the seeded variable, creates and changes one', async () => {
    const list = await h.query<{ aiAgentVariables: { nodes: { id: string; name: string }[] } }>(
      `{ aiAgentVariables { totalCount nodes { ${VARIABLE} } } }`,
    );
    expect(list.errors).toBeUndefined();
    const plan = list.data?.aiAgentVariables.nodes.find((v) => v.name === 'user.plan');
    expect(plan).toMatchObject({
      reference: '@var-custom:user.plan',
      sourceType: 'USER_METADATA',
      sourcePath: 'metadata.plan',
      defaultValue: 'free',
      hasConstantValue: false,
    });
    expect(await nodeOf(h, 'AiAgentVariable', 'name', plan?.id)).toEqual({ name: 'user.plan' });

    const created = await h.mutate<{ aiAgentVariable: { variableId: string } }>(VAR_CREATE, {
      input: { name: 'company', sourceType: 'CONSTANT', constantValue: 'Acme', description: 'Us' },
    });
    expect(created.writes).toBe(1);
    expect(created.result.aiAgentVariable).toMatchObject({
      name: 'company',
      reference: '@var-custom:company',
      sourceType: 'CONSTANT',
      hasConstantValue: true,
      description: 'Us',
    });
    const updated = await h.mutate(VAR_UPDATE, {
      input: {
        variableId: created.result.aiAgentVariable.variableId,
        sourceType: 'MESSAGE_METADATA',
        sourcePath: 'orderId',
        defaultValue: 'none',
      },
    });
    expect(updated.writes).toBe(1);
    expect(updated.result).toMatchObject({
      aiAgentVariable: {
        name: 'company',
        sourceType: 'MESSAGE_METADATA',
        sourcePath: 'orderId',
        defaultValue: 'none',
      },
    });
  });

  it('checks the input before any call and maps CometChat refusals', async () => {
    await expectCheckedFirst(h, [
      [VAR_CREATE, { name: '1abc', sourceType: 'CONSTANT', constantValue: 'x' }, ['input', 'name']],
      [
        VAR_CREATE,
        { name: 'a'.repeat(51), sourceType: 'CONSTANT', constantValue: 'x' },
        ['input', 'name'],
      ],
      [VAR_CREATE, { name: 'k', sourceType: 'CONSTANT' }, ['input', 'constantValue']],
      [VAR_CREATE, { name: 'k', sourceType: 'USER_METADATA' }, ['input', 'sourcePath']],
      [VAR_UPDATE, { variableId: 'var-plan' }, ['input']],
      [
        VAR_UPDATE,
        { variableId: 'var-plan', description: 'd'.repeat(201) },
        ['input', 'description'],
      ],
    ]);
    await expectUserError(
      h,
      VAR_CREATE,
      { name: 'user.plan', sourceType: 'USER_METADATA', sourcePath: 'plan' },
      { __typename: 'ConflictError', path: ['input', 'name'], code: 'ERR_CONFLICT' },
      1,
    );
    await expectUserError(
      h,
      VAR_UPDATE,
      { variableId: 'nope', defaultValue: 'x' },
      { __typename: 'NotFoundError', path: ['input', 'variableId'], code: 'ERR_NOT_FOUND' },
      1,
    );
  });

  it('never shows or logs a constant value', async () => {
    const secret = 'sk-live-constant-secret-77';
    await withSecretsKept([secret], async (t) => {
      type Answer = Record<string, { aiAgentVariable?: { variableId: string } }>;
      const created = await t.query<Answer>(VAR_CREATE, {
        input: { name: 'apiKey', sourceType: 'CONSTANT', constantValue: secret },
      });
      const id = created.data?.aiAgentVariableCreate?.aiAgentVariable?.variableId;
      expect(id).toBeDefined();
      await t.query(VAR_CREATE, {
        input: { name: 'apiKey', sourceType: 'CONSTANT', constantValue: secret },
      }); // a ConflictError
      await t.query(VAR_UPDATE, { input: { variableId: id, constantValue: `${secret}-2` } });
      await t.query(VAR_UPDATE, { input: { variableId: 'nope', constantValue: secret } });
      await t.query(VAR_CREATE, {
        input: { name: 'bad name', sourceType: 'CONSTANT', constantValue: secret },
      }); // checked
      const read = await t.query(`{ aiAgentVariables { nodes { ${VARIABLE} } } }`);
      expect(read.errors).toBeUndefined();
      const stored = [...agentBuilderStateOf(t.emulator.store).variables.values()];
      expect(stored.find((v) => v.name === 'apiKey')?.constantValue).toBe(`${secret}-2`);
    });
  });
});

it('refuses end users, reading and writing, without an upstream call', async () => {
  await expectEndUserRefused(h, {
    reads: [
      '{ aiKnowledgeSources { totalCount } }',
      '{ aiKnowledgeText(sourceId: "kb-faq") { title } }',
      '{ aiAgentVariables { totalCount } }',
    ],
    writes: [
      [TEXT_CREATE, { title: 'x', text: 'y' }],
      [TEXT_UPDATE, { sourceId: 'kb-faq', title: 'x' }],
      [TEXT_DELETE, { sourceId: 'kb-faq' }],
      [ATTACH, { agentUid: 'support-agent', sourceIds: ['kb-faq'] }],
      [DETACH, { agentUid: 'support-agent', sourceIds: ['kb-faq'] }],
      [VAR_CREATE, { name: 'x', sourceType: 'CONSTANT', constantValue: 'y' }],
      [VAR_UPDATE, { variableId: 'var-plan', defaultValue: 'x' }],
    ],
  });
});
