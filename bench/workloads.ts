/**
 * The benchmark's workloads: the upstream-call budget table of the read graph, each as a GraphQL
 * query against the gateway and as the REST calls a careful hand-written client makes for the
 * same data (plus the 1 + N variant a generic REST-to-GraphQL tool makes, where it differs).
 * Every id comes from the emulator's `demo` seed.
 */

import { seedStore } from '../src/emulator/seed.js';
import { demoGuid, demoUid } from '../src/emulator/seed-demo.js';
import { Store } from '../src/emulator/store.js';
import { list, path, type RestClient, record, text } from './rest.js';

/** The ids the workloads read, found in the `demo` seed. */
export interface DemoIds {
  /** The user whose conversations are listed (1:1 and group conversations). */
  conversationsUid: string;
  /** The group whose first 50 members are listed (it has more than 50). */
  membersGuid: string;
  /** The group whose last 50 messages are listed (with reactions). */
  messagesGuid: string;
  /** A thread reply (so `parent` resolves), as CometChat's numeric message id. */
  replyId: string;
  /** Its parent message. */
  parentId: string;
  /** Ten uids for `nodes`, seven of them distinct. */
  nodeUids: string[];
}

/** Reads the ids from a fresh copy of the deterministic `demo` seed (the emulator holds the same). */
export function demoIds(): DemoIds {
  const store = new Store();
  seedStore(store, 'demo');
  const membersGuid = demoGuid(6);
  if ((store.members.get(membersGuid)?.size ?? 0) <= 50) {
    throw new Error(`${membersGuid} no longer has more than 50 members in the demo seed`);
  }
  const messagesGuid = demoGuid(1);
  // The thread with the most replies in the messages group: its parent and first reply.
  let best: { parent: number; reply: number; count: number } | null = null;
  for (const [parent, replies] of store.repliesByParent) {
    const first = replies[0];
    const row = store.messages.get(parent);
    if (!first || row?.conversationId !== `group_${messagesGuid}`) continue;
    if (!best || replies.length > best.count) {
      best = { parent, reply: first.id, count: replies.length };
    }
  }
  if (!best) throw new Error(`the demo seed has no thread in ${messagesGuid}`);
  const distinct = [1, 2, 3, 4, 5, 6, 7].map(demoUid);
  const nodeUids = [...distinct, distinct[0], distinct[3], distinct[6]].map((uid) => {
    if (!uid || !store.users.has(uid)) throw new Error(`the demo seed has no user ${uid}`);
    return uid;
  });
  return {
    conversationsUid: demoUid(1),
    membersGuid,
    messagesGuid,
    replyId: String(best.reply),
    parentId: String(best.parent),
    nodeUids,
  };
}

/** The REST side of a workload: does the calls, returns how many items it assembled. */
export type RestWork = (rest: RestClient) => Promise<number>;

export interface Workload {
  /** Short name (also `BENCH_ONLY=name,...`). */
  name: string;
  /** What the query asks for, as in the budget table. */
  title: string;
  /** The most upstream calls the budget allows. */
  budget: number;
  query: string;
  variables: Record<string, unknown>;
  /** How many items the gateway's answer holds; throws when it is not the data asked for. */
  check: (data: Record<string, unknown>) => number;
  careful: RestWork;
  /** The 1 + N calls of a generic tool, where that differs from the careful client. */
  naive?: RestWork;
}

const PAGE_OF_CONVERSATIONS = 25;
const PAGE_OF_MEMBERS = 50;
const PAGE_OF_MESSAGES = 50;
const PAGE_OF_USERS = 100;
const PAGE_OF_REPLIES = 10;

// ---------------------------------------------------------------------------------------------
// Reading the gateway's answers

function nonEmpty(value: unknown, what: string): unknown[] {
  const items = list(value, what);
  if (items.length === 0) throw new Error(`${what}: expected at least one item`);
  return items;
}

function eachName(items: readonly unknown[], keys: readonly string[], what: string): void {
  for (const item of items) text(path(item, keys, what), `${what}.${keys.join('.')}`);
}

// ---------------------------------------------------------------------------------------------
// REST helpers shared by the baselines

/**
 * The sender entity CometChat embeds in a message: `data.entities.sender.entity`, or for an
 * action message the actor, `data.entities.by.entity`.
 */
function embeddedSender(message: unknown, what: string): Record<string, unknown> {
  const entities = record(path(message, ['data', 'entities'], what), `${what}.data.entities`);
  const holder = entities.sender ?? entities.by;
  return record(path(holder, ['entity'], what), `${what} sender entity`);
}

/** Role key -> role name, from one `GET /roles` (an app has at most 25 roles). */
async function roleNames(rest: RestClient): Promise<Map<string, string>> {
  const roles = list(await rest.get('/roles', { query: { perPage: 100 } }), 'GET /roles');
  return new Map(
    roles.map((role) => [
      text(record(role, 'role').role, 'role.role'),
      text(record(role, 'role').name, 'role.name'),
    ]),
  );
}

function conversationSummary(conversation: unknown, senderName: string | null) {
  const item = record(conversation, 'conversation');
  const partner = record(path(item, ['conversationWith'], 'conversation'), 'conversationWith');
  return {
    with: text(partner.name, 'conversationWith.name'),
    avatar: partner.avatar ?? partner.icon ?? null,
    sender: senderName,
    unread: Number(item.unreadMessageCount ?? 0),
  };
}

async function listConversations(rest: RestClient, uid: string): Promise<unknown[]> {
  return list(
    await rest.get('/conversations', {
      onBehalfOf: uid,
      query: { perPage: PAGE_OF_CONVERSATIONS, page: 1 },
    }),
    'GET /conversations',
  );
}

// ---------------------------------------------------------------------------------------------
// The workloads

export function workloads(ids: DemoIds): Workload[] {
  return [
    {
      name: 'conversations',
      title: 'user.conversations(25) with partner, lastMessage.sender, unread',
      budget: 2,
      query: `query ($uid: String!) {
        user(uid: $uid) {
          name
          conversations(first: ${PAGE_OF_CONVERSATIONS}) {
            nodes {
              with { __typename ... on User { name avatar } ... on Group { name icon } }
              lastMessage { sender { name } }
              unreadMessageCount
            }
          }
        }
      }`,
      variables: { uid: ids.conversationsUid },
      check: (data) => {
        const nodes = nonEmpty(path(data, ['user', 'conversations', 'nodes'], 'data'), 'nodes');
        eachName(nodes, ['with', 'name'], 'conversation');
        eachName(nodes, ['lastMessage', 'sender', 'name'], 'conversation');
        return nodes.length;
      },
      careful: async (rest) => {
        const [user, conversations] = await Promise.all([
          rest.get(`/users/${ids.conversationsUid}`),
          listConversations(rest, ids.conversationsUid),
        ]);
        text(record(user, 'user').name, 'user.name');
        return conversations.map((c) =>
          conversationSummary(
            c,
            text(embeddedSender(path(c, ['lastMessage'], 'c'), 'sender').name, 'sender'),
          ),
        ).length;
      },
      naive: async (rest) => {
        const [user, conversations] = await Promise.all([
          rest.get(`/users/${ids.conversationsUid}`),
          listConversations(rest, ids.conversationsUid),
        ]);
        text(record(user, 'user').name, 'user.name');
        const rows = await Promise.all(
          conversations.map(async (c) => {
            const sender = text(path(c, ['lastMessage', 'sender'], 'c'), 'lastMessage.sender');
            const profile = record(await rest.get(`/users/${sender}`), 'sender');
            return conversationSummary(c, text(profile.name, 'sender.name'));
          }),
        );
        return rows.length;
      },
    },
    {
      name: 'conversations+role',
      title: 'the same plus lastMessage.sender.role { name }',
      budget: 3,
      query: `query ($uid: String!) {
        user(uid: $uid) {
          name
          conversations(first: ${PAGE_OF_CONVERSATIONS}) {
            nodes {
              with { __typename ... on User { name avatar } ... on Group { name icon } }
              lastMessage { sender { name role { name } } }
              unreadMessageCount
            }
          }
        }
      }`,
      variables: { uid: ids.conversationsUid },
      check: (data) => {
        const nodes = nonEmpty(path(data, ['user', 'conversations', 'nodes'], 'data'), 'nodes');
        eachName(nodes, ['lastMessage', 'sender', 'role', 'name'], 'conversation');
        return nodes.length;
      },
      careful: async (rest) => {
        const [user, conversations, roles] = await Promise.all([
          rest.get(`/users/${ids.conversationsUid}`),
          listConversations(rest, ids.conversationsUid),
          roleNames(rest),
        ]);
        text(record(user, 'user').name, 'user.name');
        return conversations.map((c) => {
          const sender = embeddedSender(path(c, ['lastMessage'], 'c'), 'sender');
          const role = roles.get(text(sender.role, 'sender.role'));
          if (role === undefined) throw new Error(`unknown role ${String(sender.role)}`);
          return { ...conversationSummary(c, text(sender.name, 'sender.name')), role };
        }).length;
      },
      naive: async (rest) => {
        const [user, conversations] = await Promise.all([
          rest.get(`/users/${ids.conversationsUid}`),
          listConversations(rest, ids.conversationsUid),
        ]);
        text(record(user, 'user').name, 'user.name');
        const rows = await Promise.all(
          conversations.map(async (c) => {
            const sender = text(path(c, ['lastMessage', 'sender'], 'c'), 'lastMessage.sender');
            const profile = record(await rest.get(`/users/${sender}`), 'sender');
            const role = record(await rest.get(`/roles/${text(profile.role, 'role')}`), 'role');
            return {
              ...conversationSummary(c, text(profile.name, 'sender.name')),
              role: text(role.name, 'role.name'),
            };
          }),
        );
        return rows.length;
      },
    },
    {
      name: 'members',
      title: 'group.members(50) { scope user { name status } }',
      budget: 2,
      query: `query ($guid: String!) {
        group(guid: $guid) {
          name
          members(first: ${PAGE_OF_MEMBERS}) { edges { node { scope user { name status } } } }
        }
      }`,
      variables: { guid: ids.membersGuid },
      check: (data) => {
        const edges = nonEmpty(path(data, ['group', 'members', 'edges'], 'data'), 'edges');
        eachName(edges, ['node', 'user', 'name'], 'edge');
        if (edges.length !== PAGE_OF_MEMBERS) {
          throw new Error(`expected ${PAGE_OF_MEMBERS} members, got ${edges.length}`);
        }
        return edges.length;
      },
      careful: async (rest) => {
        const [group, members] = await Promise.all([
          rest.get(`/groups/${ids.membersGuid}`),
          rest.get(`/groups/${ids.membersGuid}/members`, {
            query: { perPage: PAGE_OF_MEMBERS, page: 1 },
          }),
        ]);
        text(record(group, 'group').name, 'group.name');
        return list(members, 'members').map((m) => ({
          scope: text(record(m, 'member').scope, 'member.scope'),
          name: text(record(m, 'member').name, 'member.name'),
          status: text(record(m, 'member').status, 'member.status'),
        })).length;
      },
    },
    {
      name: 'group-messages',
      title: 'group messages(last: 50) { sender { name role { name } } reactions }',
      budget: 2,
      query: `query ($guid: String!) {
        messages(withGroup: $guid, last: ${PAGE_OF_MESSAGES}) {
          nodes {
            sender { name role { name } }
            reactions { emoji count }
          }
        }
      }`,
      variables: { guid: ids.messagesGuid },
      check: (data) => {
        const nodes = nonEmpty(path(data, ['messages', 'nodes'], 'data'), 'nodes');
        eachName(nodes, ['sender', 'role', 'name'], 'message');
        if (!nodes.some((n) => list(record(n, 'message').reactions, 'reactions').length > 0)) {
          throw new Error('expected some messages with reactions');
        }
        return nodes.length;
      },
      careful: async (rest) => {
        const [messages, roles] = await Promise.all([
          rest.get(`/groups/${ids.messagesGuid}/messages`, {
            query: { limit: PAGE_OF_MESSAGES, affix: 'prepend' },
          }),
          roleNames(rest),
        ]);
        return list(messages, 'messages').map((m) => {
          const sender = embeddedSender(m, 'message');
          return {
            sender: text(sender.name, 'sender.name'),
            role: roles.get(text(sender.role, 'sender.role')) ?? null,
            reactions: record(record(m, 'message').data, 'data').reactions ?? [],
          };
        }).length;
      },
      naive: async (rest) => {
        const messages = list(
          await rest.get(`/groups/${ids.messagesGuid}/messages`, {
            query: { limit: PAGE_OF_MESSAGES, affix: 'prepend' },
          }),
          'messages',
        );
        const rows = await Promise.all(
          messages.map(async (m) => {
            const uid = text(record(m, 'message').sender, 'message.sender');
            const profile = record(await rest.get(`/users/${uid}`), 'sender');
            const role = record(await rest.get(`/roles/${text(profile.role, 'role')}`), 'role');
            return { sender: profile.name, role: role.name };
          }),
        );
        return rows.length;
      },
    },
    {
      name: 'users+role',
      title: 'users(first: 100) { name role { name } }',
      budget: 2,
      query: `{ users(first: ${PAGE_OF_USERS}) { edges { node { name role { name } } } } }`,
      variables: {},
      check: (data) => {
        const edges = nonEmpty(path(data, ['users', 'edges'], 'data'), 'edges');
        eachName(edges, ['node', 'role', 'name'], 'edge');
        return edges.length;
      },
      careful: async (rest) => {
        const [users, roles] = await Promise.all([
          rest.get('/users', { query: { perPage: PAGE_OF_USERS, page: 1 } }),
          roleNames(rest),
        ]);
        return list(users, 'users').map((u) => ({
          name: text(record(u, 'user').name, 'user.name'),
          role: roles.get(text(record(u, 'user').role, 'user.role')) ?? null,
        })).length;
      },
      naive: async (rest) => {
        const users = list(
          await rest.get('/users', { query: { perPage: PAGE_OF_USERS, page: 1 } }),
          'users',
        );
        const rows = await Promise.all(
          users.map(async (u) => {
            const role = record(
              await rest.get(`/roles/${text(record(u, 'user').role, 'user.role')}`),
              'role',
            );
            return { name: record(u, 'user').name, role: role.name };
          }),
        );
        return rows.length;
      },
    },
    {
      name: 'user',
      title: 'user(uid) { name avatar status lastActiveAt }',
      budget: 1,
      query: `query ($uid: String!) { user(uid: $uid) { uid name avatar status lastActiveAt } }`,
      variables: { uid: ids.conversationsUid },
      check: (data) => {
        text(path(data, ['user', 'name'], 'data'), 'user.name');
        return 1;
      },
      careful: async (rest) => {
        const user = record(await rest.get(`/users/${ids.conversationsUid}`), 'user');
        text(user.name, 'user.name');
        text(user.status, 'user.status');
        return 1;
      },
    },
    {
      name: 'nodes',
      title: 'nodes(ids: 10 user ids, 3 repeated)',
      budget: 7,
      query: `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on User { name } } }`,
      // The global ids are read from the gateway at start-up (clients never build them).
      variables: { ids: [] },
      check: (data) => {
        const nodes = list(data.nodes, 'nodes');
        if (nodes.length !== ids.nodeUids.length) {
          throw new Error(`expected ${ids.nodeUids.length} nodes, got ${nodes.length}`);
        }
        eachName(nodes, ['name'], 'node');
        return nodes.length;
      },
      careful: async (rest) => {
        const distinct = [...new Set(ids.nodeUids)];
        const users = new Map(
          await Promise.all(
            distinct.map(
              async (uid): Promise<[string, unknown]> => [uid, await rest.get(`/users/${uid}`)],
            ),
          ),
        );
        return ids.nodeUids.map((uid) => text(record(users.get(uid), uid).name, 'user.name'))
          .length;
      },
      naive: async (rest) => {
        const users = await Promise.all(ids.nodeUids.map((uid) => rest.get(`/users/${uid}`)));
        return users.map((u) => text(record(u, 'user').name, 'user.name')).length;
      },
    },
    {
      name: 'thread',
      title: 'message(id) { parent { sender } replies(10) { sender } }',
      budget: 3,
      query: `query ($id: String!) {
        message(id: $id) {
          parent { sender { name } }
          replies(first: ${PAGE_OF_REPLIES}) { nodes { sender { name } } }
        }
      }`,
      variables: { id: ids.replyId },
      check: (data) => {
        const message = record(data.message, 'message');
        text(path(message, ['parent', 'sender', 'name'], 'message'), 'parent.sender.name');
        return 1 + list(path(message, ['replies', 'nodes'], 'message'), 'replies').length;
      },
      // The message says whether it has replies (`replyCount`), so the thread is only read then.
      careful: async (rest) => {
        const message = record(await rest.get(`/messages/${ids.replyId}`), 'message');
        if (message.parentId === undefined) {
          throw new Error(`message ${ids.replyId} has no parentId`);
        }
        const [parent, replies] = await Promise.all([
          rest.get(`/messages/${String(message.parentId)}`),
          Number(message.replyCount ?? 0) > 0
            ? rest.get(`/messages/${ids.replyId}/thread`, { query: { limit: PAGE_OF_REPLIES } })
            : Promise.resolve([]),
        ]);
        text(embeddedSender(parent, 'parent').name, 'parent.sender.name');
        return (
          1 +
          list(replies, 'replies').map((r) => text(embeddedSender(r, 'reply').name, 'name')).length
        );
      },
    },
  ];
}
