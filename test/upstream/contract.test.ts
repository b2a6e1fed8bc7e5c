/**
 * Contract: every request the client can issue (method + path template, and the body's fields)
 * exists in the pinned CometChat spec (chat-apis.json, management-webhooks.json) or in the
 * documented list of hand-added endpoints and fields (wire-extra.ts).
 */
import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import * as authTokens from '../../src/upstream/auth-tokens.js';
import { type CallOptions, UpstreamClient } from '../../src/upstream/client.js';
import * as conversations from '../../src/upstream/conversations.js';
import { isUpstreamError } from '../../src/upstream/errors.js';
import * as groups from '../../src/upstream/groups.js';
import * as members from '../../src/upstream/members.js';
import * as messages from '../../src/upstream/messages.js';
import * as reactions from '../../src/upstream/reactions.js';
import * as relations from '../../src/upstream/relations.js';
import * as roles from '../../src/upstream/roles.js';
import * as users from '../../src/upstream/users.js';
import * as webhooks from '../../src/upstream/webhooks.js';
import { HAND_ADDED_BODY_FIELDS, HAND_ADDED_ENDPOINTS } from '../../src/upstream/wire-extra.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface SpecOperation {
  method: Method;
  template: string;
  pattern: RegExp;
  bodyFields: Set<string> | undefined;
  onBehalfOfRequired: boolean;
  source: string;
}

interface JsonSchema {
  $ref?: string;
  properties?: Record<string, unknown>;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

function loadSpec(file: string, source: string): SpecOperation[] {
  const spec = JSON.parse(
    readFileSync(new URL(`../../schema/cometchat/${file}`, import.meta.url), 'utf8'),
  ) as {
    paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  }; // the pinned OpenAPI document
  const deref = (value: unknown): JsonSchema => {
    let current = value as JsonSchema; // OpenAPI objects are JSON objects
    while (current?.$ref) {
      let target: unknown = spec;
      for (const part of current.$ref.slice(2).split('/')) {
        target = (target as Record<string, unknown>)[part]; // walking the document by a JSON pointer
      }
      current = target as JsonSchema; // same
    }
    return current;
  };
  const fieldsOf = (schema: JsonSchema | undefined, out: Set<string>): void => {
    if (!schema) return;
    const s = deref(schema);
    for (const key of Object.keys(s.properties ?? {})) out.add(key);
    for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])])
      fieldsOf(part, out);
  };
  const ops: SpecOperation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const params = (op.parameters ?? []).map(deref) as unknown as {
        in: string;
        name: string;
        required?: boolean;
      }[]; // OpenAPI parameter objects after dereferencing
      const body = op.requestBody
        ? (deref(op.requestBody) as { content?: Record<string, { schema?: JsonSchema }> }) // a requestBody object
        : undefined;
      let bodyFields: Set<string> | undefined;
      if (body) {
        bodyFields = new Set();
        fieldsOf(body.content?.['application/json']?.schema, bodyFields);
      }
      ops.push({
        method: method.toUpperCase() as Method, // one of the five literal keys above
        template,
        pattern: templatePattern(template),
        bodyFields,
        onBehalfOfRequired: params.some(
          (p) => p.in === 'header' && p.name === 'onBehalfOf' && p.required === true,
        ),
        source,
      });
    }
  }
  return ops;
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}

const HAND_ADDED_REQUIRES_ON_BEHALF_OF = new Set([
  'POST /messages/{id}/reactions/{reaction}',
  'DELETE /messages/{id}/reactions/{reaction}',
  'DELETE /users/{uid}/conversation/read',
  'POST /messages/{id}/save',
  'DELETE /messages/{id}/save',
  'POST /users/{uid}/conversation/pin',
  'DELETE /users/{uid}/conversation/pin',
  'POST /groups/{guid}/conversation/pin',
  'DELETE /groups/{guid}/conversation/pin',
  'POST /messages/{id}/thread/subscription',
  'POST /messages/{id}/flagged',
  'DELETE /messages/{id}/thread/subscription',
]);

const OPERATIONS: SpecOperation[] = [
  ...loadSpec('chat-apis.json', 'chat-apis.json'),
  ...loadSpec('management-webhooks.json', 'management-webhooks.json'),
  ...HAND_ADDED_ENDPOINTS.map((e) => ({
    method: e.method,
    template: e.path,
    pattern: templatePattern(e.path),
    bodyFields: new Set<string>(),
    onBehalfOfRequired: HAND_ADDED_REQUIRES_ON_BEHALF_OF.has(`${e.method} ${e.path}`),
    source: 'HAND_ADDED_ENDPOINTS',
  })),
];

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

const agent = new MockAgent();
agent.disableNetConnect();
const recorded: Recorded[] = [];
const record = (opts: { method: string; path: string; body?: unknown }) => {
  const text = typeof opts.body === 'string' ? opts.body : undefined;
  recorded.push({
    method: opts.method,
    path: opts.path.split('?')[0] ?? '',
    body: text === undefined ? undefined : JSON.parse(text),
  });
  return { statusCode: 200, data: {} };
};
for (const origin of ['http://chat.test', 'http://mgmt.test']) {
  agent
    .get(origin)
    .intercept({ path: () => true, method: () => true })
    .reply(record)
    .persist();
}
const client = new UpstreamClient({
  baseUrl: 'http://chat.test/v3',
  apiKey: 'contract-key',
  dispatcher: agent,
  retries: 0,
  management: { baseUrl: 'http://mgmt.test', appId: 'app', key: 'k', secret: 's' },
});

afterAll(async () => {
  await agent.close();
});

type Call = (c: UpstreamClient, o: CallOptions) => Promise<unknown>;

/** One call per exported endpoint function, with every optional body part filled in. */
const CALLS: Record<string, Record<string, Call>> = {
  users: {
    listUsers: (c, o) => users.listUsers(c, { page: 1, perPage: 10, tags: ['a'] }, o),
    getUser: (c, o) => users.getUser(c, 'u1', o),
    createUser: (c, o) =>
      users.createUser(
        c,
        {
          uid: 'u1',
          name: 'U',
          avatar: 'https://a',
          link: 'https://l',
          role: 'default',
          statusMessage: 'hi',
          metadata: {},
          tags: ['t'],
          withAuthToken: true,
        },
        o,
      ),
    updateUser: (c, o) =>
      users.updateUser(
        c,
        'u1',
        {
          name: 'U',
          avatar: 'https://a',
          link: 'https://l',
          role: 'default',
          statusMessage: 'hi',
          metadata: {},
          tags: ['t'],
          unset: ['link'],
        },
        o,
      ),
    deleteUser: (c, o) => users.deleteUser(c, 'u1', { permanent: true }, o),
    deactivateUsers: (c, o) => users.deactivateUsers(c, ['u1'], o),
    reactivateUsers: (c, o) => users.reactivateUsers(c, ['u1'], o),
  },
  authTokens: {
    createAuthToken: (c, o) => authTokens.createAuthToken(c, 'u1', { force: true }, o),
    listAuthTokens: (c, o) => authTokens.listAuthTokens(c, 'u1', { page: 1 }, o),
    getAuthToken: (c, o) => authTokens.getAuthToken(c, 'u1', 'tok', o),
    updateAuthToken: (c, o) =>
      authTokens.updateAuthToken(
        c,
        'u1',
        'tok',
        { platform: 'web', userAgent: 'x', appInfo: {} },
        o,
      ),
    deleteAuthToken: (c, o) => authTokens.deleteAuthToken(c, 'u1', 'tok', o),
    flushAuthTokens: (c, o) => authTokens.flushAuthTokens(c, 'u1', o),
  },
  roles: {
    listRoles: (c, o) => roles.listRoles(c, {}, o),
    getRole: (c, o) => roles.getRole(c, 'r', o),
    createRole: (c, o) =>
      roles.createRole(
        c,
        { role: 'r', name: 'R', description: 'd', metadata: {}, settings: {} },
        o,
      ),
    updateRole: (c, o) =>
      roles.updateRole(
        c,
        'r',
        { name: 'R', description: 'd', metadata: {}, settings: {}, unset: ['metadata'] },
        o,
      ),
    deleteRole: (c, o) => roles.deleteRole(c, 'r', o),
  },
  groups: {
    listGroups: (c, o) => groups.listGroups(c, { hasJoined: true, types: ['public'] }, o),
    getGroup: (c, o) => groups.getGroup(c, 'g', o),
    createGroup: (c, o) =>
      groups.createGroup(
        c,
        {
          guid: 'g',
          name: 'G',
          type: 'password',
          password: 'pw',
          icon: 'https://i',
          description: 'd',
          metadata: {},
          owner: 'u1',
          tags: ['t'],
          members: { admins: ['a'], moderators: ['m'], participants: ['p'], usersToBan: ['b'] },
        },
        o,
      ),
    updateGroup: (c, o) =>
      groups.updateGroup(
        c,
        'g',
        {
          name: 'G',
          type: 'public',
          password: 'pw',
          icon: 'https://i',
          description: 'd',
          metadata: {},
          owner: 'u1',
          tags: ['t'],
          unset: ['icon'],
        },
        o,
      ),
    deleteGroup: (c, o) => groups.deleteGroup(c, 'g', o),
  },
  members: {
    listMembers: (c, o) =>
      members.listMembers(c, 'g', { scopes: ['admin'], status: 'available' }, o),
    addMembers: (c, o) =>
      members.addMembers(
        c,
        'g',
        { admins: ['a'], moderators: ['m'], participants: ['p'], usersToBan: ['b'] },
        o,
      ),
    changeMemberScope: (c, o) => members.changeMemberScope(c, 'g', 'u1', 'moderator', o),
    kickMember: (c, o) => members.kickMember(c, 'g', 'u1', o),
    banMember: (c, o) => members.banMember(c, 'g', 'u1', o),
    unbanMember: (c, o) => members.unbanMember(c, 'g', 'u1', o),
    listBannedUsers: (c, o) => members.listBannedUsers(c, 'g', {}, o),
  },
  messages: {
    sendMessage: (c, o) =>
      messages.sendMessage(
        c,
        {
          receiver: 'u2',
          receiverType: 'user',
          category: 'message',
          type: 'text',
          data: { text: 'hi', metadata: {}, attachments: [{ url: 'https://f' }] },
          muid: 'm1',
          tags: ['t'],
        },
        o,
      ),
    sendMessageToMany: (c, o) =>
      messages.sendMessageToMany(
        c,
        {
          receiver: 'u2',
          receiverType: 'user',
          type: 'text',
          data: { text: 'hi' },
          multipleReceivers: { uids: ['u3'], guids: ['g'] },
        },
        o,
      ),
    listMessages: (c, o) => messages.listMessages(c, { limit: 10, affix: 'append', id: '5' }, o),
    listUserMessages: (c, o) => messages.listUserMessages(c, 'u2', { limit: 10 }, o),
    listGroupMessages: (c, o) => messages.listGroupMessages(c, 'g', { limit: 10 }, o),
    getMessage: (c, o) => messages.getMessage(c, '1', o),
    editMessage: (c, o) =>
      messages.editMessage(c, '1', { data: { text: 'x', metadata: {} }, tags: ['t'] }, o),
    deleteMessage: (c, o) => messages.deleteMessage(c, '1', { permanent: true }, o),
    sendThreadReply: (c, o) =>
      messages.sendThreadReply(
        c,
        '1',
        {
          receiver: 'u2',
          receiverType: 'user',
          type: 'text',
          data: { text: 'r' },
          muid: 'm2',
          tags: [],
        },
        o,
      ),
    listThreadMessages: (c, o) => messages.listThreadMessages(c, '1', { limit: 10 }, o),
    sendBotMessage: (c, o) =>
      messages.sendBotMessage(
        c,
        'bot',
        { receiver: 'u2', receiverType: 'user', type: 'text', data: { text: 'b' }, muid: 'm3' },
        o,
      ),
  },
  reactions: {
    listReactions: (c, o) => reactions.listReactions(c, '1', { limit: 10 }, o),
    listReactionsOfOneEmoji: (c, o) => reactions.listReactions(c, '1', { reaction: '👍' }, o),
    addReaction: (c, o) => reactions.addReaction(c, '1', '👍', o),
    removeReaction: (c, o) => reactions.removeReaction(c, '1', '👍', o),
  },
  conversations: {
    listConversations: (c, o) => conversations.listConversations(c, { unread: true }, o),
    getUserConversation: (c, o) => conversations.getUserConversation(c, 'u2', o),
    getGroupConversation: (c, o) => conversations.getGroupConversation(c, 'g', o),
    updateUserConversationTags: (c, o) =>
      conversations.updateUserConversationTags(c, 'u2', ['t'], o),
    updateGroupConversationTags: (c, o) =>
      conversations.updateGroupConversationTags(c, 'g', ['t'], o),
    resetUserConversation: (c, o) =>
      conversations.resetUserConversation(c, 'u2', { deleteMessagesPermanently: true }, o),
    resetGroupConversation: (c, o) => conversations.resetGroupConversation(c, 'g', o),
    markUserConversationRead: (c, o) => conversations.markUserConversationRead(c, 'u2', '5', o),
    markUserConversationDelivered: (c, o) =>
      conversations.markUserConversationDelivered(c, 'u2', '5', o),
    markUserConversationUnread: (c, o) => conversations.markUserConversationUnread(c, 'u2', '5', o),
    markGroupConversationUnread: (c, o) =>
      conversations.markGroupConversationUnread(c, 'g1', '5', o),
    markGroupConversationRead: (c, o) => conversations.markGroupConversationRead(c, 'g', '5', o),
    markGroupConversationDelivered: (c, o) =>
      conversations.markGroupConversationDelivered(c, 'g', '5', o),
    getConversation: (c, o) => conversations.getConversation(c, 'group_g', o),
    deleteConversation: (c, o) => conversations.deleteConversation(c, 'group_g', o),
  },
  relations: {
    addFriends: (c, o) => relations.addFriends(c, 'u1', ['u2'], o),
    listFriends: (c, o) => relations.listFriends(c, 'u1', { searchKey: 'a' }, o),
    removeFriends: (c, o) => relations.removeFriends(c, 'u1', ['u2'], o),
    blockUsers: (c, o) => relations.blockUsers(c, 'u1', ['u2'], o),
    unblockUsers: (c, o) => relations.unblockUsers(c, 'u1', ['u2'], o),
    listBlockedUsers: (c, o) => relations.listBlockedUsers(c, 'u1', {}, o),
  },
  webhooks: {
    listWebhooks: (c, o) => webhooks.listWebhooks(c, { perPage: 10 }, o),
    getWebhook: (c, o) => webhooks.getWebhook(c, 'w', o),
    createWebhook: (c, o) =>
      webhooks.createWebhook(
        c,
        {
          id: 'w',
          name: 'W',
          url: 'https://h',
          useBasicAuth: true,
          username: 'u',
          password: 'p',
          enabled: true,
          retryOnFailure: true,
        },
        o,
      ),
    updateWebhook: (c, o) =>
      webhooks.updateWebhook(
        c,
        'w',
        {
          name: 'W',
          url: 'https://h',
          useBasicAuth: false,
          username: 'u',
          password: 'p',
          enabled: false,
          retryOnFailure: false,
        },
        o,
      ),
    deleteWebhook: (c, o) => webhooks.deleteWebhook(c, 'w', o),
    addTriggers: (c, o) => webhooks.addTriggers(c, 'w', ['message_sent'], o),
    listTriggers: (c, o) => webhooks.listTriggers(c, 'w', {}, o),
    removeTriggers: (c, o) => webhooks.removeTriggers(c, 'w', ['message_sent'], o),
  },
};

const MODULES: Record<string, Record<string, unknown>> = {
  users,
  authTokens,
  roles,
  groups,
  members,
  messages,
  reactions,
  conversations,
  relations,
  webhooks,
};

/** Exported functions that build values and never issue a request. */
const NOT_ENDPOINTS = new Set(['cursorQuery']);

function operationFor(method: string, path: string): SpecOperation | undefined {
  const chatPath = path.startsWith('/v3/') ? path.slice(3) : path;
  return OPERATIONS.find((op) => op.method === method && op.pattern.test(chatPath));
}

async function issue(call: Call, opts: CallOptions): Promise<Recorded[]> {
  const before = recorded.length;
  try {
    await call(client, opts);
  } catch (error) {
    // The canned `{}` answer never validates; only the request matters here.
    if (!isUpstreamError(error)) throw error;
  }
  return recorded.slice(before);
}

describe('client requests against the pinned spec', () => {
  it('has a call in this test for every exported endpoint function', () => {
    for (const [name, module] of Object.entries(MODULES)) {
      const exported = Object.entries(module)
        .filter(([key, value]) => typeof value === 'function' && !NOT_ENDPOINTS.has(key))
        .map(([key]) => key);
      const covered = Object.keys(CALLS[name] ?? {});
      expect(
        exported.filter((f) => !covered.includes(f)),
        name,
      ).toEqual([]);
    }
  });

  const cases = Object.entries(CALLS).flatMap(([module, calls]) =>
    Object.entries(calls).map(([fn, call]) => [`${module}.${fn}`, call] as const),
  );

  it.each(cases)('%s issues a documented request', async (_name, call) => {
    const requests = await issue(call, { onBehalfOf: 'cometchat-uid-1' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    if (!request) return;
    const op = operationFor(request.method, request.path);
    expect(
      op,
      `${request.method} ${request.path} is not in the spec or HAND_ADDED_ENDPOINTS`,
    ).toBeDefined();
    if (!op) return;

    if (request.body !== undefined && request.body !== null && typeof request.body === 'object') {
      const extra = HAND_ADDED_BODY_FIELDS.filter(
        (f) => f.method === op.method && f.path === op.template,
      ).flatMap((f) => f.fields);
      const allowed = new Set([...(op.bodyFields ?? []), ...extra]);
      const unknown = Object.keys(request.body).filter((k) => !allowed.has(k));
      expect(unknown, `body fields of ${op.method} ${op.template}`).toEqual([]);
    }

    if (op.onBehalfOfRequired) {
      // Endpoints that act for a user are refused locally without one, before any HTTP call.
      const without = await issue(call, {});
      expect(without, `${op.method} ${op.template} without onBehalfOf`).toHaveLength(0);
    }
  });

  it('keeps the hand-added endpoints out of the pinned spec (they are really missing there)', () => {
    const pinned = OPERATIONS.filter((op) => op.source !== 'HAND_ADDED_ENDPOINTS');
    for (const e of HAND_ADDED_ENDPOINTS) {
      expect(pinned.some((op) => op.method === e.method && op.template === e.path)).toBe(false);
    }
  });
});
