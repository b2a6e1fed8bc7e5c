/**
 * Apollo Client 4 against the gateway, set up as docs/clients.md says: `possibleTypes` from
 * client/generated (so `... on UserError` selections are kept) and `relayStylePagination` on
 * `Conversation.messages` (so pages of a conversation accumulate in the cache).
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { describe, expect, it, vi } from 'vitest';
import {
  ConversationMessagesDocument,
  MessageSendDocument,
} from '../../client/generated/graphql.js';
import possibleTypes from '../../client/generated/possible-types.js';
import {
  directConversationId,
  headersFor,
  sendTexts,
  U2,
  U4,
  useClientGateway,
} from './support.js';

const gateway = useClientGateway();

function clientAs(uid: string, options: { possibleTypes?: boolean } = {}): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: gateway().info.graphqlUrl, headers: headersFor(uid) }),
    cache: new InMemoryCache({
      ...(options.possibleTypes === false ? {} : { possibleTypes: possibleTypes.possibleTypes }),
      typePolicies: {
        Conversation: { fields: { messages: relayStylePagination(['filter']) } },
      },
    }),
  });
}

describe('Apollo Client 4', () => {
  const input = { receiverUids: ['no-such-user-anywhere'], text: 'Hello?' };

  it('keeps the ... on UserError selection of a typed error, with possibleTypes', async () => {
    const result = await clientAs(U2).mutate({
      mutation: MessageSendDocument,
      variables: { input },
    });
    expect(result.error).toBeUndefined();
    expect(result.data?.messageSend).toEqual({
      __typename: 'NotFoundError',
      errorMessage: expect.stringContaining('no-such-user-anywhere'),
      code: 'ERR_UID_NOT_FOUND',
      path: ['input', 'receiverUids', '0'],
    });
  });

  it('drops that selection without possibleTypes (why the setup needs them)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await clientAs(U2, { possibleTypes: false }).mutate({
        mutation: MessageSendDocument,
        variables: { input },
      });
      expect(result.data?.messageSend).toEqual({ __typename: 'NotFoundError' });
      expect(JSON.stringify([...warn.mock.calls, ...error.mock.calls])).toContain('possibleTypes');
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('accumulates the pages of a conversation with relayStylePagination and fetchMore', async () => {
    const sent = await sendTexts(gateway(), U2, U4, 7, 'apollo');
    const client = clientAs(U2);
    const by = { conversationId: directConversationId(U2, U4) };
    const observable = client.watchQuery({
      query: ConversationMessagesDocument,
      variables: { by, first: 3 },
    });
    const subscription = observable.subscribe(() => {});
    try {
      const first = await firstValueFrom(
        observable.pipe(filter((result) => result.dataState === 'complete')),
      );
      // What the query reads from the cache now (what a watching component renders next).
      const current = () =>
        client.readQuery({ query: ConversationMessagesDocument, variables: { by, first: 3 } })
          ?.conversation?.messages;
      const ids = () => current()?.edges.map((edge) => edge.node.cometchatId) ?? [];
      expect(ids()).toHaveLength(3);
      const conversationRef = client.cache.identify({
        __typename: 'Conversation',
        id: first.data?.conversation?.id,
      });
      expect(conversationRef).toBeDefined();

      for (const expected of [6, 7]) {
        const pageInfo = current()?.pageInfo;
        expect(pageInfo?.hasNextPage).toBe(true);
        await observable.fetchMore({ variables: { after: pageInfo?.endCursor } });
        expect(ids()).toHaveLength(expected);
      }
      expect([...ids()].sort()).toEqual([...sent].sort());
      expect(current()?.pageInfo.hasNextPage).toBe(false);
    } finally {
      subscription.unsubscribe();
    }
  });
});
