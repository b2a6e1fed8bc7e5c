/**
 * An end user's message list with its senders: the users CometChat embeds in the answer serve
 * `sender` without a lookup each (so a chat screen's "last 50 messages with sender names" fits an
 * end user's call budget), while the viewer fields of those users (`blockedByViewer`,
 * `hasBlockedViewer`) are still the viewer's own, read on demand.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chat } from '../support/emulator-http.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { JWT_SECRET, userToken } from '../support/realtime.js';

const VIEWER = 'cometchat-uid-1';
const GROUP = 'cometchat-guid-1';

let t: TestGateway;
let jwt: string;

beforeAll(async () => {
  t = await startTestGateway({ env: { GATEWAY_JWT_SECRET: JWT_SECRET } });
  jwt = await userToken(VIEWER);
});
afterAll(async () => {
  await t.close();
});

interface Sender {
  uid: string;
  name: string;
  isBlockedByViewer?: boolean | null;
  hasBlockedViewer?: boolean | null;
}
interface Answer {
  data?: { group: { messages: { nodes: { sender: Sender | null }[] } } | null };
  errors?: { extensions?: { code?: string } }[];
}

async function asViewer(query: string): Promise<{ status: number; body: Answer }> {
  const response = await t.overHttp('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** Lookups of single users other than the viewer (whose record authentication reads). */
const userLookups = () =>
  t.emulator
    .requests()
    .filter(
      (call) =>
        call.method === 'GET' &&
        /^\/v3\/users\/[^/]+$/.test(call.path) &&
        call.path !== `/v3/users/${VIEWER}`,
    );

it('lists the last 50 messages of a group with sender names, without a lookup per sender', async () => {
  t.emulator.clearRequests();
  const { status, body } = await asViewer(
    `{ group(guid: "${GROUP}") { messages(last: 50) { nodes { sender { uid name } } } } }`,
  );
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const nodes = body.data?.group?.messages.nodes ?? [];
  expect(nodes.length).toBeGreaterThan(10);
  const senders = new Set(nodes.map((node) => node.sender?.uid));
  expect(senders.size).toBeGreaterThan(2);
  for (const node of nodes) expect(node.sender?.name).toEqual(expect.any(String));
  // Every call on the viewer's behalf; none of them a sender's lookup.
  expect(t.emulator.requests().every((call) => call.onBehalfOf === VIEWER)).toBe(true);
  expect(userLookups()).toEqual([]);
});

it('answers the viewer fields of embedded senders as the viewer sees them', async () => {
  const first = await asViewer(
    `{ group(guid: "${GROUP}") { messages(last: 20) { nodes { sender { uid } } } } }`,
  );
  const others = [
    ...new Set(
      (first.body.data?.group?.messages.nodes ?? [])
        .map((node) => node.sender?.uid)
        .filter((uid): uid is string => uid !== undefined && uid !== VIEWER),
    ),
  ];
  expect(others.length).toBeGreaterThan(1);
  const [blocked, ...rest] = others as [string, ...string[]];
  await chat(t.emulator, 'POST', `/users/${VIEWER}/blockedusers`, {
    body: { blockedUids: [blocked] },
  });

  t.emulator.clearRequests();
  const { body } = await asViewer(
    `{ group(guid: "${GROUP}") { messages(last: 20) { nodes {
      sender { uid isBlockedByViewer hasBlockedViewer } } } } }`,
  );
  expect(body.errors).toBeUndefined();
  const byUid = new Map(
    (body.data?.group?.messages.nodes ?? []).map((node) => [node.sender?.uid, node.sender]),
  );
  expect(byUid.get(blocked)).toEqual({
    uid: blocked,
    isBlockedByViewer: true,
    hasBlockedViewer: false,
  });
  for (const uid of rest) {
    expect(byUid.get(uid)).toEqual({ uid, isBlockedByViewer: false, hasBlockedViewer: false });
  }
  // One lookup per distinct sender (the viewer's own record needs none).
  const looked = userLookups().map((call) => call.path);
  expect(new Set(looked).size).toBe(looked.length);
  expect(looked.length).toBe(others.length);
});
