/**
 * The authorization matrix: each persona (an outsider, a participant, a moderator, a group admin,
 * the group owner and the app admin) runs each read and each change through the public surface,
 * end users with JWTs over HTTP and WebSocket, and gets exactly the expected allow or deny. The
 * group is the demo seed's private `cometchat-guid-3` ("Project Phoenix").
 *
 * Changes run against a freshly reset emulator each, so one persona's change never decides
 * another's outcome.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { control } from '../support/emulator-http.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

const SECRET = 'authorization-matrix-secret-0123456789abcdef';
const G = 'cometchat-guid-3';
const u = (n: number) => `cometchat-uid-${n}`;

type Persona = 'outsider' | 'participant' | 'moderator' | 'groupAdmin' | 'owner' | 'appAdmin';
const PERSONAS: Record<Persona, string | null> = {
  outsider: u(20),
  participant: u(6),
  moderator: u(5),
  groupAdmin: u(1),
  owner: u(3),
  appAdmin: null,
};
const ALL = Object.keys(PERSONAS) as Persona[];
const MEMBERS: Persona[] = ['participant', 'moderator', 'groupAdmin', 'owner', 'appAdmin'];

let t: TestGateway;
const tokens = new Map<Persona, string>();

beforeAll(async () => {
  t = await startTestGateway({ env: { GATEWAY_JWT_SECRET: SECRET } });
  for (const persona of ALL) {
    const uid = PERSONAS[persona];
    tokens.set(
      persona,
      uid === null
        ? ADMIN_TOKEN
        : await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject(uid)
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode(SECRET)),
    );
  }
});
afterAll(async () => {
  await t.close();
});

type Json = Record<string, unknown>;
interface Answer {
  data?: Json | null;
  errors?: readonly { extensions?: { code?: string }; path?: readonly unknown[] }[] | undefined;
}

async function overHttp(persona: Persona, query: string, variables: Json = {}): Promise<Answer> {
  const response = await t.overHttp('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens.get(persona)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBeLessThan(500);
  return (await response.json()) as Answer;
}

async function overWebSocket(persona: Persona, query: string, variables: Json = {}) {
  const client = createClient({
    url: t.info.graphqlUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${tokens.get(persona)}` },
    retryAttempts: 0,
    lazy: true,
  });
  try {
    return await new Promise<Answer>((resolve, reject) => {
      let value: Answer = {};
      client.subscribe(
        { query, variables },
        {
          next: (data) => (value = data as unknown as Answer),
          error: (error) =>
            Array.isArray(error) ? resolve({ errors: error as Answer['errors'] }) : reject(error),
          complete: () => resolve(value),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** Whether the value at `field` was served: non-null, not a UserError, no error on its path. */
function allowed(answer: Answer, field: string, check?: (value: unknown) => boolean): boolean {
  const denied = (answer.errors ?? []).some(
    (error) => error.extensions?.code === 'FORBIDDEN' || error.path?.[0] === field,
  );
  if (denied) return false;
  const value = answer.data?.[field];
  if (value === null || value === undefined) return false;
  const typename = (value as Json).__typename;
  if (typeof typename === 'string' && typename.endsWith('Error')) return false;
  return check ? check(value) : true;
}

const nonEmpty = (key: string) => (value: unknown) =>
  ((value as Record<string, unknown[]>)[key] ?? []).length > 0;

interface ReadCase {
  name: string;
  query: string;
  field: string;
  allow: Persona[];
  check?: (value: unknown) => boolean;
}

const groupId = encodeGlobalID('Group', G);
const convId = (owner: string) => encodeGlobalID('Conversation', `${owner}:group_${G}`);

const READS: ReadCase[] = [
  { name: 'group', query: `{ group(guid: "${G}") { name } }`, field: 'group', allow: MEMBERS },
  {
    name: 'group members',
    query: `{ group(guid: "${G}") { members(first: 5) { totalCount } } }`,
    field: 'group',
    allow: MEMBERS,
  },
  {
    name: 'group messages',
    query: `{ group(guid: "${G}") { messages(first: 2) { nodes { id } } } }`,
    field: 'group',
    allow: MEMBERS,
  },
  {
    name: 'messages of the group conversation',
    query: `{ messages(first: 2, conversationId: "group_${G}") { nodes { id } } }`,
    field: 'messages',
    allow: MEMBERS,
    check: nonEmpty('nodes'),
  },
  {
    name: 'messages with the group',
    query: `{ messages(first: 2, withGroup: "${G}") { nodes { id } } }`,
    field: 'messages',
    allow: MEMBERS,
    check: nonEmpty('nodes'),
  },
  {
    name: 'the group conversation',
    query: `{ conversation(conversationId: "group_${G}", uid: "${u(3)}") { conversationId } }`,
    field: 'conversation',
    // An end user may not name another user's view; the owner names their own.
    allow: ['owner', 'appAdmin'],
  },
  {
    name: 'node: the group',
    query: `{ node(id: "${groupId}") { id } }`,
    field: 'node',
    allow: MEMBERS,
  },
  {
    name: "node: the owner's conversation",
    query: `{ node(id: "${convId(u(3))}") { id } }`,
    field: 'node',
    allow: ['owner', 'appAdmin'],
  },
  {
    name: "nodes: the owner's conversation",
    query: `{ nodes(ids: ["${convId(u(3))}"]) { id } }`,
    field: 'nodes',
    allow: ['owner', 'appAdmin'],
    check: (value) => (value as unknown[])[0] !== null,
  },
  {
    name: "the owner's conversations",
    query: `{ user(uid: "${u(3)}") { conversations(first: 2) { totalCount } } }`,
    field: 'user',
    allow: ['owner', 'appAdmin'],
  },
  {
    name: "the owner's messages with the group admin",
    query: `{ user(uid: "${u(3)}") { messages(first: 2, withUser: "${u(1)}") { nodes { id } } } }`,
    field: 'user',
    // An end user reads their own conversation with that user only (never someone else's).
    allow: ['appAdmin'],
    check: (value) => nonEmpty('nodes')((value as { messages: unknown }).messages),
  },
  {
    name: "the owner's friends",
    query: `{ user(uid: "${u(3)}") { friends(first: 2) { totalCount } } }`,
    field: 'user',
    allow: ['owner', 'appAdmin'],
  },
  {
    name: "the owner's blocked users",
    query: `{ user(uid: "${u(3)}") { blockedUsers(first: 2) { totalCount } } }`,
    field: 'user',
    allow: ['owner', 'appAdmin'],
  },
  {
    name: "the owner's auth tokens",
    query: `{ user(uid: "${u(3)}") { authTokens(first: 2) { totalCount } } }`,
    field: 'user',
    allow: ['appAdmin'],
  },
  {
    name: 'roles',
    query: '{ roles(first: 2) { totalCount } }',
    field: 'roles',
    allow: ['appAdmin'],
  },
  {
    name: 'webhooks',
    query: '{ webhooks(first: 2) { totalCount } }',
    field: 'webhooks',
    allow: ['appAdmin'],
  },
  {
    name: 'a public profile',
    query: `{ user(uid: "${u(3)}") { name avatar role { name } } }`,
    field: 'user',
    allow: ALL,
  },
];

describe.each([
  ['HTTP', overHttp],
  ['WebSocket', overWebSocket],
] as const)('reads over %s', (_transport, run) => {
  it.each(READS)('$name', async (read) => {
    const outcome: Record<string, boolean> = {};
    for (const persona of ALL) {
      outcome[persona] = allowed(await run(persona, read.query), read.field, read.check);
    }
    const expected = Object.fromEntries(ALL.map((p) => [p, read.allow.includes(p)]));
    expect(outcome).toEqual(expected);
  });
});

interface WriteCase {
  name: string;
  query: string;
  field: string;
  allow: Persona[];
}

const payloadFields = '__typename ... on UserError { code message }';

const WRITES: WriteCase[] = [
  {
    name: 'groupUpdate',
    query: `mutation { groupUpdate(input: { guid: "${G}", description: "x" }) { ${payloadFields} } }`,
    field: 'groupUpdate',
    allow: ['moderator', 'groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupDelete',
    query: `mutation { groupDelete(input: { guid: "${G}" }) { ${payloadFields} } }`,
    field: 'groupDelete',
    allow: ['groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupMembersAdd',
    query: `mutation { groupMembersAdd(input: { guid: "${G}", participants: ["${u(21)}"] }) { ${payloadFields} } }`,
    field: 'groupMembersAdd',
    allow: ['groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupMemberKick of a participant',
    query: `mutation { groupMemberKick(input: { guid: "${G}", uid: "${u(7)}" }) { ${payloadFields} } }`,
    field: 'groupMemberKick',
    allow: ['moderator', 'groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupMemberKick of the moderator',
    query: `mutation { groupMemberKick(input: { guid: "${G}", uid: "${u(5)}" }) { ${payloadFields} } }`,
    field: 'groupMemberKick',
    allow: ['groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupMemberKick of the owner',
    query: `mutation { groupMemberKick(input: { guid: "${G}", uid: "${u(3)}" }) { ${payloadFields} } }`,
    field: 'groupMemberKick',
    allow: [],
  },
  {
    name: 'groupMemberBan of the owner',
    query: `mutation { groupMemberBan(input: { guid: "${G}", uid: "${u(3)}" }) { ${payloadFields} } }`,
    field: 'groupMemberBan',
    allow: [],
  },
  {
    name: 'groupMemberBan of a participant',
    query: `mutation { groupMemberBan(input: { guid: "${G}", uid: "${u(7)}" }) { ${payloadFields} } }`,
    field: 'groupMemberBan',
    allow: ['moderator', 'groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupMemberScopeChange of the owner',
    query: `mutation { groupMemberScopeChange(input: { guid: "${G}", uid: "${u(3)}", scope: PARTICIPANT }) { ${payloadFields} } }`,
    field: 'groupMemberScopeChange',
    allow: [],
  },
  {
    name: 'groupMemberScopeChange of a participant to moderator',
    query: `mutation { groupMemberScopeChange(input: { guid: "${G}", uid: "${u(7)}", scope: MODERATOR }) { ${payloadFields} } }`,
    field: 'groupMemberScopeChange',
    allow: ['moderator', 'groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupMemberScopeChange of a participant to admin',
    query: `mutation { groupMemberScopeChange(input: { guid: "${G}", uid: "${u(7)}", scope: ADMIN }) { ${payloadFields} } }`,
    field: 'groupMemberScopeChange',
    allow: ['groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'groupMemberUnban',
    query: `mutation { groupMemberUnban(input: { guid: "${G}", uid: "${u(11)}" }) { ${payloadFields} } }`,
    field: 'groupMemberUnban',
    allow: ['moderator', 'groupAdmin', 'owner', 'appAdmin'],
  },
  {
    name: 'messageSend to the group',
    query: `mutation { messageSend(input: { receiverGuids: ["${G}"], text: "hi" }) { ${payloadFields} ... on MessageSendPayload { outcomes { ok } } } }`,
    field: 'messageSend',
    allow: MEMBERS,
  },
  {
    name: 'messageSend as someone else',
    query: `mutation { messageSend(input: { senderUid: "${u(3)}", receiverGuids: ["${G}"], text: "hi" }) { ${payloadFields} ... on MessageSendPayload { outcomes { ok } } } }`,
    field: 'messageSend',
    allow: ['owner', 'appAdmin'],
  },
  {
    name: 'userUpdate of another user',
    query: `mutation { userUpdate(input: { uid: "${u(3)}", name: "Renamed" }) { ${payloadFields} } }`,
    field: 'userUpdate',
    allow: ['appAdmin'],
  },
  {
    name: 'authTokenCreate for another user',
    query: `mutation { authTokenCreate(input: { uid: "${u(3)}" }) { ${payloadFields} } }`,
    field: 'authTokenCreate',
    allow: ['appAdmin'],
  },
  {
    name: 'roleCreate',
    query: `mutation { roleCreate(input: { role: "matrix", name: "Matrix" }) { ${payloadFields} } }`,
    field: 'roleCreate',
    allow: ['appAdmin'],
  },
];

function writeAllowed(answer: Answer, field: string): boolean {
  if (!allowed(answer, field)) return false;
  const value = answer.data?.[field] as { outcomes?: { ok: boolean }[] } | undefined;
  const outcomes = value?.outcomes;
  return outcomes === undefined || outcomes.every((outcome) => outcome.ok);
}

describe('changes over HTTP', () => {
  it.each(WRITES)('$name', async (write) => {
    const outcome: Record<string, boolean> = {};
    for (const persona of ALL) {
      await control(t.emulator, 'POST', '/reset', { body: { seed: 'demo' } });
      outcome[persona] = writeAllowed(await overHttp(persona, write.query), write.field);
    }
    const expected = Object.fromEntries(ALL.map((p) => [p, write.allow.includes(p)]));
    expect(outcome).toEqual(expected);
  });

  it('refuses a denied change before any upstream write', async () => {
    await control(t.emulator, 'POST', '/reset', { body: { seed: 'demo' } });
    t.emulator.clearRequests();
    const answer = await overHttp(
      'participant',
      `mutation { groupMemberKick(input: { guid: "${G}", uid: "${u(7)}" }) { ${payloadFields} } }`,
    );
    expect(answer.data?.groupMemberKick).toMatchObject({ __typename: 'PermissionDeniedError' });
    expect(t.emulator.requests().filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('keeps a group with its owner whoever asks', async () => {
    await control(t.emulator, 'POST', '/reset', { body: { seed: 'demo' } });
    const answer = await overHttp(
      'appAdmin',
      `mutation { groupMemberScopeChange(input: { guid: "${G}", uid: "${u(3)}", scope: PARTICIPANT }) { ${payloadFields} } }`,
    );
    expect(answer.data?.groupMemberScopeChange).toMatchObject({
      __typename: 'PermissionDeniedError',
    });
    const group = await overHttp('appAdmin', `{ group(guid: "${G}") { owner { uid } } }`);
    expect(group.data?.group).toEqual({ owner: { uid: u(3) } });
  });
});
