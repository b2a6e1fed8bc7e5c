/**
 * `Reaction` and `AuthToken` are `Node`s: their connections' nodes carry global IDs that `node`
 * and `nodes` resolve (with the same rules as the lists they come from), an ID that stays the
 * same for the same reaction or token, and an auth token's ID that does not contain the token.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/graphql-http.js';
import { useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';

interface ReactionNode {
  __typename: 'Reaction';
  id: string;
  emoji: string;
  user: { uid: string } | null;
}

async function sendFromU1ToU2(): Promise<string> {
  const sent = await h.asUser<{ messageSend: { message: { cometchatId: string } } }>(
    U1,
    `mutation { messageSend(input: { receiverUids: ["${U2}"], text: "React to me" }) {
      ... on MessageSendPayload { message { cometchatId } } } }`,
  );
  expect(sent.errors).toBeUndefined();
  const id = sent.data?.messageSend.message.cometchatId;
  if (!id) throw new Error('not sent');
  return id;
}

async function react(uid: string, messageId: string, emoji: string, verb = 'Add'): Promise<void> {
  const result = await h.asUser<{ r: { __typename: string } }>(
    uid,
    `mutation ($input: MessageReaction${verb}Input!) { r: messageReaction${verb}(input: $input) { __typename } }`,
    { input: { messageId, emoji } },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data?.r.__typename).toBe(`MessageReaction${verb}Payload`);
}

const NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on Reaction { emoji user { uid } } } }`;

describe('Reaction as a Node', () => {
  it('has a global ID in reactionsConnection that node and nodes resolve to the same reaction', async () => {
    const messageId = await sendFromU1ToU2();
    await react(U2, messageId, '👍');
    await react(U1, messageId, '👍');
    await react(U2, messageId, '🎉');
    const listed = await h.query<{
      message: { reactionsConnection: { edges: { node: ReactionNode }[] } };
    }>(
      `query ($id: String!) { message(id: $id) {
        reactionsConnection { edges { node { __typename id emoji user { uid } } } } } }`,
      { id: messageId },
    );
    expect(listed.errors).toBeUndefined();
    const nodes = listed.data?.message.reactionsConnection.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(3);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(3);

    for (const node of nodes) {
      const fetched = await h.query<{ node: ReactionNode | null }>(NODE, { id: node.id });
      expect(fetched.errors).toBeUndefined();
      expect(fetched.data?.node).toEqual(node);
    }
    const many = await h.query<{ nodes: (ReactionNode | null)[] }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Reaction { emoji user { uid } } } }',
      { ids: [...nodes.map((node) => node.id)].reverse() },
    );
    expect(many.errors).toBeUndefined();
    expect(many.data?.nodes).toEqual([...nodes].reverse());

    // The same reaction listed for one emoji has the same ID.
    const oneEmoji = await h.query<{
      message: { reactionsConnection: { nodes: { id: string; user: { uid: string } }[] } };
    }>(
      `query ($id: String!) { message(id: $id) {
        reactionsConnection(emoji: "🎉") { nodes { id user { uid } } } } }`,
      { id: messageId },
    );
    expect(oneEmoji.data?.message.reactionsConnection.nodes).toEqual([
      { id: nodes.find((node) => node.emoji === '🎉')?.id, user: { uid: U2 } },
    ]);
  });

  it('follows the rules of the message: a participant reads it, another user gets null', async () => {
    const messageId = await sendFromU1ToU2();
    await react(U2, messageId, '👀');
    const listed = await h.asUser<{
      message: { reactionsConnection: { nodes: { id: string }[] } };
    }>(U1, `query ($id: String!) { message(id: $id) { reactionsConnection { nodes { id } } } }`, {
      id: messageId,
    });
    expect(listed.errors).toBeUndefined();
    const id = listed.data?.message.reactionsConnection.nodes[0]?.id;
    if (!id) throw new Error('no reaction listed');

    const asParticipant = await h.asUser<{ node: ReactionNode | null }>(U1, NODE, { id });
    expect(asParticipant.errors).toBeUndefined();
    expect(asParticipant.data?.node).toMatchObject({ id, emoji: '👀', user: { uid: U2 } });

    const asOutsider = await h.asUser<{ node: ReactionNode | null }>(U3, NODE, { id });
    expect(asOutsider.errors).toBeUndefined();
    expect(asOutsider.data?.node).toBeNull();
  });

  it('is null once the reaction is removed, and for an ID this API did not issue', async () => {
    const messageId = await sendFromU1ToU2();
    await react(U2, messageId, '🔥');
    const listed = await h.query<{
      message: { reactionsConnection: { nodes: { id: string }[] } };
    }>(`query ($id: String!) { message(id: $id) { reactionsConnection { nodes { id } } } }`, {
      id: messageId,
    });
    const id = listed.data?.message.reactionsConnection.nodes[0]?.id;
    if (!id) throw new Error('no reaction listed');
    await react(U2, messageId, '🔥', 'Remove');
    const gone = await h.query<{ node: ReactionNode | null }>(NODE, { id });
    expect(gone.errors).toBeUndefined();
    expect(gone.data?.node).toBeNull();

    for (const key of ['not-json', '["1","u"]', JSON.stringify(['abc', U1, '🔥'])]) {
      const forged = await h.query<{ node: ReactionNode | null }>(NODE, {
        id: encodeGlobalID('Reaction', key),
      });
      expect(forged.errors).toBeUndefined();
      expect(forged.data?.node).toBeNull();
    }
  });
});

interface TokenNode {
  id: string;
  token: string;
  platform: string | null;
}

const TOKEN_NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on AuthToken { token platform } } }`;

describe('AuthToken as a Node', () => {
  async function issue(uid: string): Promise<TokenNode> {
    const created = await h.query<{ authTokenCreate: { authToken: TokenNode } }>(
      `mutation ($uid: String!) { authTokenCreate(input: { uid: $uid, force: true }) {
        ... on AuthTokenCreatePayload { authToken { id token platform } } } }`,
      { uid },
    );
    expect(created.errors).toBeUndefined();
    const token = created.data?.authTokenCreate.authToken;
    if (!token) throw new Error('no token');
    return token;
  }

  it('has a global ID that node resolves for an admin, and that does not contain the token', async () => {
    const issued = await issue(U3);
    const decoded = Buffer.from(issued.id, 'base64').toString('utf8');
    expect(decoded.startsWith('AuthToken:')).toBe(true);
    expect(decoded).not.toContain(issued.token);
    expect(issued.id).not.toContain(issued.token);

    const listed = await h.query<{ user: { authTokens: { nodes: TokenNode[] } } }>(
      `query ($uid: String!) { user(uid: $uid) { authTokens { nodes { id token platform } } } }`,
      { uid: U3 },
    );
    expect(listed.errors).toBeUndefined();
    const inList = listed.data?.user.authTokens.nodes.find((node) => node.token === issued.token);
    expect(inList?.id).toBe(issued.id);

    const fetched = await h.query<{ node: (TokenNode & { __typename: string }) | null }>(
      TOKEN_NODE,
      { id: issued.id },
    );
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data?.node).toEqual({ __typename: 'AuthToken', ...issued });
  });

  it('is FORBIDDEN to an end user, even for their own token', async () => {
    const issued = await issue(U2);
    const asUser = await h.asUser(U2, TOKEN_NODE, { id: issued.id });
    expect(errorCodes(asUser.errors)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(asUser)).not.toContain(issued.token);
  });

  it('names the revoked token in deletedAuthTokenId, after which node is null', async () => {
    const issued = await issue(U1);
    const deleted = await h.query<{ authTokenDelete: { deletedAuthTokenId: string } }>(
      `mutation ($uid: String!, $token: String!) { authTokenDelete(input: { uid: $uid, token: $token }) {
        ... on AuthTokenDeletePayload { deletedAuthTokenId } } }`,
      { uid: U1.toUpperCase(), token: issued.token },
    );
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.authTokenDelete.deletedAuthTokenId).toBe(issued.id);
    const gone = await h.query<{ node: TokenNode | null }>(TOKEN_NODE, { id: issued.id });
    expect(gone.errors).toBeUndefined();
    expect(gone.data?.node).toBeNull();

    const forged = await h.query<{ node: TokenNode | null }>(TOKEN_NODE, {
      id: encodeGlobalID('AuthToken', JSON.stringify([U1, 'not-a-fingerprint'])),
    });
    expect(forged.errors).toBeUndefined();
    expect(forged.data?.node).toBeNull();
  });
});
