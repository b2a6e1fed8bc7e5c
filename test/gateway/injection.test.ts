/**
 * Who CometChat is asked as comes from the verified identity only. An end user's requests, whatever
 * they put in headers (`onBehalfOf`, `apikey`, `X-Act-As`), variables or extensions, reach CometChat
 * on that user's behalf, every one of them: counted in the emulator's request log.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const SECRET = 'injection-tests-secret-0123456789abcdefgh';
const ME = 'cometchat-uid-4';
const OTHER = 'cometchat-uid-1';

let t: TestGateway;
let jwt: string;

beforeAll(async () => {
  t = await startTestGateway({ env: { GATEWAY_JWT_SECRET: SECRET } });
  jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(ME)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
});
afterAll(async () => {
  await t.close();
});

async function send(
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await t.inProcess('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Operations that name other users through variables; some are refused, some read as ME. */
const ATTEMPTS: { query: string; variables: Record<string, unknown> }[] = [
  {
    query: 'query($uid: String) { conversations(first: 5, uid: $uid) { totalCount } }',
    variables: { uid: OTHER },
  },
  {
    query: 'query($uid: String) { messages(first: 5, uid: $uid) { nodes { id } } }',
    variables: { uid: OTHER },
  },
  {
    query: 'query($s: String) { messages(first: 5, sender: $s) { nodes { id sender { uid } } } }',
    variables: { s: OTHER },
  },
  {
    query: 'query($u: String!) { user(uid: $u) { name conversations(first: 2) { totalCount } } }',
    variables: { u: OTHER },
  },
  {
    query: 'query($u: String!) { user(uid: $u) { messages(first: 3) { nodes { id } } } }',
    variables: { u: OTHER },
  },
  {
    query:
      'query($c: String) { conversation(conversationId: $c) { conversationId lastMessage { id } } }',
    variables: { c: `${OTHER}_user_cometchat-uid-3` },
  },
  {
    query: 'query { viewer { user { uid conversations(first: 5) { nodes { conversationId } } } } }',
    variables: { onBehalfOf: OTHER, uid: OTHER },
  },
  {
    query:
      'mutation($s: String) { messageSend(input: { senderUid: $s, receiverUids: ["cometchat-uid-5"], text: "x" }) { __typename } }',
    variables: { s: OTHER },
  },
  {
    query:
      'mutation($u: String) { conversationMarkRead(input: { uid: $u, withUser: "cometchat-uid-5" }) { __typename } }',
    variables: { u: OTHER },
  },
];

describe('an end user is always asked for as themselves', () => {
  it.each([
    ['no extra headers', {}],
    ['onBehalfOf and apikey headers', { onBehalfOf: OTHER, apikey: 'someone-elses-key' }],
  ])('with %s', async (_label, headers) => {
    t.emulator.clearRequests();
    for (const attempt of ATTEMPTS) {
      const { status } = await send(
        { ...attempt, extensions: { onBehalfOf: OTHER, actAs: OTHER, uid: OTHER } },
        headers,
      );
      expect(status, attempt.query).toBeLessThan(500);
    }
    const calls = t.emulator.requests();
    expect(calls.length).toBeGreaterThan(3);
    const strays = calls.filter((call) => call.onBehalfOf !== ME);
    expect(strays).toEqual([]);
  });

  it('refuses X-Act-As from an end user before anything reaches CometChat', async () => {
    t.emulator.clearRequests();
    const { status, json } = await send(
      { query: '{ viewer { user { uid } } }' },
      { 'x-act-as': OTHER },
    );
    expect(status).toBe(403);
    expect(json.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect(t.emulator.requests().filter((call) => call.onBehalfOf !== ME)).toEqual([]);
  });

  it('fills the viewer fields for the end user', async () => {
    const { json } = await send({
      query: `{
        group(guid: "cometchat-guid-4") { viewerMembership { scope } }
        user(uid: "cometchat-uid-5") { blockedByViewer hasBlockedViewer }
        viewer { user { conversations(first: 3) { nodes { unreadMessageCount } } } }
      }`,
    });
    expect(json.errors).toBeUndefined();
    const data = json.data as {
      group: { viewerMembership: { scope: string } | null };
      user: { blockedByViewer: boolean | null; hasBlockedViewer: boolean | null };
      viewer: { user: { conversations: { nodes: { unreadMessageCount: number }[] } } };
    };
    expect(data.group.viewerMembership).toEqual({ scope: 'ADMIN' });
    expect(typeof data.user.blockedByViewer).toBe('boolean');
    expect(typeof data.user.hasBlockedViewer).toBe('boolean');
    expect(data.viewer.user.conversations.nodes.length).toBeGreaterThan(0);
  });
});
