/**
 * Relay: the compiler accepts the sample documents in examples/relay (pagination and refetchable
 * fragments, which need `Node` and `node(id:)`), the committed artifacts are what it writes, and
 * the artifacts run with relay-runtime against the gateway: records normalize under their global
 * IDs, and a reaction refetches through `node(id:)`.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Environment,
  fetchQuery,
  Network,
  RecordSource,
  type RequestParameters,
  Store,
  type Variables,
} from 'relay-runtime';
import { describe, expect, it } from 'vitest';
import ConversationMessagesPaginationQuery from '../../examples/relay/src/__generated__/ConversationMessagesPaginationQuery.graphql.js';
import ConversationMessagesQuery from '../../examples/relay/src/__generated__/ConversationMessagesQuery.graphql.js';
import ReactionListQuery from '../../examples/relay/src/__generated__/ReactionListQuery.graphql.js';
import ReactionRefetchQuery from '../../examples/relay/src/__generated__/ReactionRefetchQuery.graphql.js';
import {
  directConversationId,
  headersFor,
  post,
  sendTexts,
  U2,
  U4,
  useClientGateway,
} from './support.js';

const require = createRequire(import.meta.url);
const COMPILER = require.resolve('relay-compiler/cli.js');
const EXAMPLE = new URL('../../examples/relay/', import.meta.url).pathname;
const SCHEMA = new URL('../../schema/schema.graphql', import.meta.url).pathname;

const gateway = useClientGateway();

function relayCompile(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [COMPILER, ...args], { cwd, encoding: 'utf8' });
}

function environmentAs(uid: string): Environment {
  const network = Network.create(async (params: RequestParameters, variables: Variables) => {
    const response = await fetch(gateway().info.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersFor(uid) },
      body: JSON.stringify({ query: params.text, variables }),
    });
    return response.json();
  });
  return new Environment({ network, store: new Store(new RecordSource()) });
}

/** Copies examples/relay and the schema into a temporary tree of the same layout, no artifacts. */
function copyExample(work: string): string {
  const copy = join(work, 'examples', 'relay');
  cpSync(join(EXAMPLE, 'src'), join(copy, 'src'), {
    recursive: true,
    filter: (source) => !source.includes('__generated__'),
  });
  mkdirSync(join(copy, 'src', '__generated__'));
  cpSync(join(EXAMPLE, 'relay.config.json'), join(copy, 'relay.config.json'));
  cpSync(SCHEMA, join(work, 'schema', 'schema.graphql'));
  return copy;
}

describe('the Relay compiler over examples/relay', () => {
  it('compiles the sample documents and writes exactly the committed artifacts', () => {
    const work = mkdtempSync(join(tmpdir(), 'relay-example-'));
    try {
      const copy = copyExample(work);
      const result = relayCompile(copy);
      expect(result.stderr + result.stdout).toContain('Compilation completed');
      expect(result.status).toBe(0);
      const generated = join(copy, 'src', '__generated__');
      const committed = join(EXAMPLE, 'src', '__generated__');
      const written = readdirSync(generated).sort();
      expect(written).toEqual(readdirSync(committed).sort());
      for (const file of written) {
        expect(readFileSync(join(generated, file), 'utf8'), `${file}: run npm run relay`).toBe(
          readFileSync(join(committed, file), 'utf8'),
        );
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses the same refetchable fragment on a type that is not a Node', () => {
    const work = mkdtempSync(join(tmpdir(), 'relay-negative-'));
    try {
      const copy = copyExample(work);
      // ReactionSummary has no global ID: @refetchable there must fail.
      writeFileSync(
        join(copy, 'src', 'Summary.ts'),
        'import { graphql } from \'relay-runtime\';\n\nexport const summaryFragment = graphql`\n  fragment Summary_summary on ReactionSummary @refetchable(queryName: "SummaryRefetchQuery") {\n    emoji\n    count\n  }\n`;\n',
      );
      const result = relayCompile(copy);
      expect(result.status).not.toBe(0);
      expect(result.stderr + result.stdout).toContain('Invalid use of @refetchable');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('the Relay artifacts against the gateway', () => {
  it('pages a conversation with the pagination query, by the conversation global ID', async () => {
    await sendTexts(gateway(), U2, U4, 5, 'relay');
    const environment = environmentAs(U2);
    const by = { conversationId: directConversationId(U2, U4) };
    const first = (await fetchQuery(environment, ConversationMessagesQuery, {
      by,
      first: 3,
    }).toPromise()) as { conversation: { id: string } | null };
    const conversationId = first.conversation?.id;
    expect(typeof conversationId).toBe('string');

    const source = environment.getStore().getSource();
    /** The record `field` of record `id` links to. */
    const linked = (id: string, field: string) => {
      const ref = source.get(id)?.[field] as { __ref?: string } | undefined;
      if (typeof ref?.__ref !== 'string') throw new Error(`${id} has no ${field}`);
      return ref.__ref;
    };
    expect(source.get(conversationId as string)?.__typename).toBe('Conversation');
    const connectionKey = Object.keys(source.get(conversationId as string) ?? {}).find((key) =>
      key.startsWith('__ConversationMessages_messages_connection'),
    );
    if (!connectionKey) throw new Error('no @connection record on the conversation');

    // The next page through node(id:), as usePaginationFragment's loadNext does.
    const pageInfo = source.get(
      linked(linked(conversationId as string, connectionKey), 'pageInfo'),
    );
    expect(pageInfo?.hasNextPage).toBe(true);
    const next = (await fetchQuery(environment, ConversationMessagesPaginationQuery, {
      id: conversationId as string,
      first: 3,
      after: pageInfo?.endCursor as string,
    }).toPromise()) as { node: object | null };
    expect(next.node).not.toBeNull();

    // Relay's connection handler appended the second page to the first.
    const connection = source.get(linked(conversationId as string, connectionKey));
    const edges = (connection?.edges as { __refs?: string[] } | undefined)?.__refs ?? [];
    const texts = edges.map((edge) => source.get(linked(edge, 'node'))?.text);
    expect(texts).toHaveLength(5);
    expect(new Set(texts).size).toBe(5);

    // Every message is one record under its global ID.
    const stored = source
      .getRecordIDs()
      .map((id) => source.get(id))
      .filter((record) => record?.__typename === 'TextMessage')
      .map((record) => record?.text);
    expect(stored.sort()).toEqual(['relay 1', 'relay 2', 'relay 3', 'relay 4', 'relay 5']);
  });

  it('normalizes reactions under their global IDs and refetches one through node(id:)', async () => {
    const [messageId] = await sendTexts(gateway(), U2, U4, 1, 'react');
    for (const [uid, emoji] of [
      [U4, '👍'],
      [U2, '🎉'],
    ] as const) {
      await post(
        gateway(),
        'mutation ($input: MessageReactionAddInput!) { messageReactionAdd(input: $input) { __typename } }',
        { input: { messageId, emoji } },
        uid,
      );
    }
    const environment = environmentAs(U4);
    const data = (await fetchQuery(environment, ReactionListQuery, {
      messageId: messageId as string,
    }).toPromise()) as {
      message: { reactionsConnection: { edges: { node: { id: string } }[] } | null } | null;
    };
    const ids = data.message?.reactionsConnection?.edges.map((edge) => edge.node.id) ?? [];
    expect(ids).toHaveLength(2);
    const source = environment.getStore().getSource();
    const records = ids.map((id) => source.get(id));
    expect(records.map((record) => record?.__typename)).toEqual(['Reaction', 'Reaction']);
    expect(records.map((record) => record?.emoji)).toEqual(['👍', '🎉']);

    // A fresh store: only the refetch through node(id:) can fill it.
    const fresh = environmentAs(U4);
    const refetched = (await fetchQuery(fresh, ReactionRefetchQuery, {
      id: ids[1] as string,
    }).toPromise()) as { node: object | null };
    expect(refetched.node).not.toBeNull();
    const record = fresh
      .getStore()
      .getSource()
      .get(ids[1] as string);
    expect(record).toMatchObject({ __typename: 'Reaction', emoji: '🎉' });
  });
});
