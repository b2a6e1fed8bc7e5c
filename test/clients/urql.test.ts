/**
 * urql (`@urql/core`) against the gateway with the typed documents from client/generated: a
 * query with the default document cache, and a typed error kept on `result.data`.
 */
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { describe, expect, it } from 'vitest';
import {
  MessageReactionsDocument,
  MessageSendDocument,
  ViewerDocument,
} from '../../client/generated/graphql.js';
import { headersFor, post, sendTexts, U2, U4, useClientGateway } from './support.js';

const gateway = useClientGateway();

function clientAs(uid: string): Client {
  return new Client({
    url: gateway().info.graphqlUrl,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: headersFor(uid) }),
  });
}

describe('urql', () => {
  it('runs a typed query as the acting user', async () => {
    const result = await clientAs(U2).query(ViewerDocument, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.viewer.user).toMatchObject({ uid: U2 });
  });

  it('reads who reacted to a message, each reaction with its global ID', async () => {
    const [messageId] = await sendTexts(gateway(), U2, U4, 1, 'urql');
    await post(
      gateway(),
      'mutation ($input: MessageReactionAddInput!) { messageReactionAdd(input: $input) { __typename } }',
      { input: { messageId, emoji: '👍' } },
      U4,
    );
    const result = await clientAs(U2)
      .query(MessageReactionsDocument, { messageId: messageId as string })
      .toPromise();
    expect(result.error).toBeUndefined();
    const nodes = result.data?.message?.reactionsConnection?.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toEqual([
      expect.objectContaining({ emoji: '👍', user: expect.objectContaining({ uid: U4 }) }),
    ]);
    expect(typeof nodes[0]?.id).toBe('string');
  });

  it('returns a typed error as data, not as a failed request', async () => {
    const result = await clientAs(U2)
      .mutation(MessageSendDocument, { input: { receiverUids: ['no-such-user'], text: 'Hi' } })
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.messageSend).toMatchObject({
      __typename: 'NotFoundError',
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});
