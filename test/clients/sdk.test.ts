/**
 * The typed SDK (client/generated/sdk.ts) with the hand-written requester (client/requester.ts)
 * against the gateway over HTTP: one function per operation of client/operations, a query, a
 * mutation's `...Result` union (payload and typed error), and GraphQL errors rejecting as a
 * `GatewayRequestError` with their codes and the partial data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MessageSendMutation } from '../../client/generated/graphql.js';
import { getSdk } from '../../client/generated/sdk.js';
import { createRequester, GatewayRequestError } from '../../client/requester.js';
import {
  directConversationId,
  headersFor,
  post,
  sendTexts,
  U2,
  U3,
  U4,
  useClientGateway,
} from './support.js';

const gateway = useClientGateway();

function sdkWith(headers: Record<string, string>) {
  return getSdk(createRequester({ url: gateway().info.graphqlUrl, headers }));
}

/** The SDK as the admin acting as `uid` (as the admin alone without it). */
function sdkAs(uid?: string) {
  return sdkWith(headersFor(uid));
}

/** What `promise` rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<GatewayRequestError> {
  const outcome = await promise.then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`resolved with ${JSON.stringify(outcome.data)}`);
  expect(outcome.error).toBeInstanceOf(GatewayRequestError);
  return outcome.error as GatewayRequestError;
}

describe('typed SDK over HTTP', () => {
  it('has one function per operation in client/operations', () => {
    const dir = new URL('../../client/operations/', import.meta.url);
    const operations = readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => parse(readFileSync(new URL(file, dir), 'utf8')).definitions)
      .flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.name
          ? [definition.name.value]
          : [],
      );
    expect(operations.length).toBeGreaterThan(0);
    expect(Object.keys(sdkAs()).sort()).toEqual(operations.sort());
  });

  it('runs a typed query as the acting user, with per-call headers over the shared ones', async () => {
    const viewer = await sdkAs(U2).Viewer();
    expectTypeOf(viewer.viewer.user).toEqualTypeOf<{
      id: string;
      uid: string;
      name: string;
    } | null>();
    expect(viewer.viewer).toMatchObject({ kind: 'USER', user: { uid: U2 } });

    // Shared headers may come from a function, called for each request.
    const admin = getSdk(
      createRequester({ url: gateway().info.graphqlUrl, headers: async () => headersFor() }),
    );
    expect((await admin.Viewer()).viewer).toMatchObject({ kind: 'ADMIN', user: null });
    const asU3 = await admin.Viewer({}, { headers: { 'x-act-as': U3 } });
    expect(asU3.viewer.user?.uid).toBe(U3);
  });

  it('pages a conversation with the typed variables and the fragment it selects', async () => {
    const sent = await sendTexts(gateway(), U2, U4, 3, 'sdk page');
    const sdk = sdkAs(U2);
    const by = { conversationId: directConversationId(U2, U4) };
    const first = await sdk.ConversationMessages({ by, first: 2 });
    const page = first.conversation?.messages;
    expect(page?.edges).toHaveLength(2);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    const rest = await sdk.ConversationMessages({ by, first: 10, after: page?.pageInfo.endCursor });
    const nodes = [...(page?.edges ?? []), ...(rest.conversation?.messages?.edges ?? [])].map(
      (edge) => edge.node,
    );
    expect(nodes.map((node) => node.cometchatId).sort()).toEqual([...sent].sort());
    // `... on TextMessage { text }` in the fragment: `text` exists on the text messages' type only.
    const texts = nodes.map((node) => ('text' in node ? node.text : null));
    expect(texts.sort()).toEqual(['sdk page 1', 'sdk page 2', 'sdk page 3']);
  });

  it("returns a mutation's payload or its typed UserError as data", async () => {
    const sdk = sdkAs(U2);
    const sent = (await sdk.MessageSend({ input: { receiverUids: [U3], text: 'Hi from the SDK' } }))
      .messageSend;
    expectTypeOf(sent).toEqualTypeOf<MessageSendMutation['messageSend']>();
    if (sent?.__typename !== 'MessageSendPayload') {
      throw new Error(`expected the payload, got ${sent?.__typename}`);
    }
    expect(sent.message.cometchatId).toMatch(/\S/);

    const result = (
      await sdk.MessageSend({ input: { receiverUids: ['no-such-user'], text: 'Hi' } })
    ).messageSend;
    if (!result || result.__typename === 'MessageSendPayload') throw new Error('sent to no one');
    // Narrowed to the typed errors, all of which select `... on UserError`.
    expectTypeOf(result.code).toEqualTypeOf<string | null>();
    expectTypeOf(result.errorMessage).toEqualTypeOf<string>();
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      code: 'ERR_UID_NOT_FOUND',
      errorMessage: expect.stringMatching(/\S/),
    });
  });

  it('rejects with UNAUTHENTICATED for a bad token, without the token in the error', async () => {
    const token = 'not-a-token-the-gateway-knows-0123456789';
    const error = await rejection(sdkWith({ authorization: `Bearer ${token}` }).Viewer());
    expect(error.status).toBe(401);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error.data).toBeNull();
    expect(error.message).toMatch(/^UNAUTHENTICATED: /);
    for (const text of [error.message, String(error.stack), JSON.stringify(error)]) {
      expect(text).not.toContain(token);
    }
  });

  it('rejects with FORBIDDEN when an end user tries to act as someone else', async () => {
    const created = await post<{ authTokenCreate: { authToken?: { token: string } } }>(
      gateway(),
      `mutation ($uid: String!) { authTokenCreate(input: { uid: $uid, force: true }) {
        ... on AuthTokenCreatePayload { authToken { token } } } }`,
      { uid: U4 },
    );
    const token = created.authTokenCreate.authToken?.token;
    if (!token) throw new Error('no auth token');
    const endUser = sdkWith({ authorization: `CometChat ${token}` });
    expect((await endUser.Viewer()).viewer.user?.uid).toBe(U4);

    const error = await rejection(endUser.Viewer({}, { headers: { 'x-act-as': U2 } }));
    expect(error.status).toBe(403);
    expect(error.code).toBe('FORBIDDEN');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(token);
  });

  it('rejects a response that is not a GraphQL result, with its HTTP status', async () => {
    const url = new URL('/no-such-endpoint', gateway().info.graphqlUrl);
    const error = await rejection(getSdk(createRequester({ url, headers: headersFor() })).Viewer());
    expect(error.status).toBe(404);
    expect(error.errors).toEqual([]);
    expect(error.code).toBeUndefined();
    expect(error.data).toBeNull();
  });

  it('rejects with the field error and keeps the partial data', async () => {
    await sendTexts(gateway(), U2, U4, 1, 'sdk partial');
    const conversationId = directConversationId(U2, U4);
    const error = await rejection(
      sdkAs(U2).ConversationMessages({ by: { conversationId }, first: -1 }),
    );
    expect(error.status).toBe(200);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.errors).toEqual([
      expect.objectContaining({
        path: ['conversation', 'messages'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(error.data).toEqual({
      conversation: { id: expect.any(String), conversationId, messages: null },
    });
  });
});
