import { describe, expect, it } from 'vitest';
import { LARGE_SEED, seedStore } from '../../src/emulator/seed.js';
import { conversationIdFor, Store } from '../../src/emulator/store.js';

function seeded(name: 'none' | 'demo' | 'large'): Store {
  const store = new Store(() => 1_800_000_000);
  seedStore(store, name);
  return store;
}

/** Everything in a store as plain JSON (Maps and Sets as entry lists), for equality checks. */
function snapshot(store: Store): string {
  return JSON.stringify(store, (_key, value: unknown) => {
    if (value instanceof Map) return [...value.entries()];
    if (value instanceof Set) return [...value.values()];
    if (typeof value === 'function') return undefined;
    return value;
  });
}

describe('seed none', () => {
  it('holds only the default role', () => {
    const store = seeded('none');
    expect([...store.roles.keys()]).toEqual(['default']);
    expect(store.roles.get('default')?.name).toBe('Default Role');
    expect(store.users.size + store.groups.size + store.messages.size + store.webhooks.size).toBe(
      0,
    );
  });
});

describe('seed demo', () => {
  const store = seeded('demo');
  const messages = [...store.messages.values()];

  it('has the roles and the 25 sample users, the first five named as in the sample app', () => {
    expect([...store.roles.keys()]).toEqual(['default', 'moderator', 'manager']);
    const sample = Array.from({ length: 25 }, (_, i) => store.users.get(`cometchat-uid-${i + 1}`));
    expect(sample.every((u) => u !== undefined)).toBe(true);
    expect(sample.slice(0, 5).map((u) => u?.name)).toEqual([
      'Andrew Joseph',
      'George Alan',
      'Nancy Grace',
      'Susan Marie',
      'John Paul',
    ]);
    expect(sample[0]?.avatar).toBe('https://example.com/avatars/cometchat-uid-1.png');
    const statuses = new Set(sample.map((u) => u?.status));
    expect(statuses).toEqual(new Set(['available', 'offline']));
    expect(sample.filter((u) => u?.role !== 'default').length).toBeGreaterThanOrEqual(3);
    expect(sample.some((u) => (u?.tags.length ?? 0) > 0 && u?.metadata !== undefined)).toBe(true);
  });

  it('has six groups of all three types, scopes of all three kinds and one group to page', () => {
    expect(store.groups.size).toBe(6);
    expect(new Set([...store.groups.values()].map((g) => g.type))).toEqual(
      new Set(['public', 'password', 'private']),
    );
    const scopes = new Set<string>();
    for (const members of store.members.values())
      for (const m of members.values()) scopes.add(m.scope);
    expect(scopes).toEqual(new Set(['admin', 'moderator', 'participant']));
    const sizes = [...store.members.values()].map((m) => m.size);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(60);
    for (const group of store.groups.values()) {
      expect(store.member(group.guid, group.owner)?.scope).toBe('admin');
    }
    expect(store.bans.get('cometchat-guid-3')?.has('cometchat-uid-11')).toBe(true);
  });

  it('has about 300 messages of every kind, in id and time order', () => {
    expect(messages.length).toBeGreaterThanOrEqual(250);
    expect(messages.length).toBeLessThanOrEqual(350);
    const kinds = new Set(messages.map((m) => `${m.category}/${m.type}`));
    for (const kind of [
      'message/text',
      'message/image',
      'message/file',
      'custom/location',
      'action/groupMember',
      'action/message',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(messages.some((m) => m.editedAt !== undefined)).toBe(true);
    expect(messages.some((m) => m.deletedAt !== undefined)).toBe(true);
    expect(messages.some((m) => m.parentId !== undefined)).toBe(true);
    expect(messages.some((m) => String(m.data.text).includes('<@uid:'))).toBe(true);
    expect(messages.some((m) => Array.isArray(m.data.attachments))).toBe(true);
    expect(messages.some((m) => m.data.customData !== undefined)).toBe(true);
    for (const [a, b] of messages.slice(1).map((m, i) => [messages[i], m] as const)) {
      expect(b.id).toBeGreaterThan(a?.id ?? 0);
      expect(b.sentAt).toBeGreaterThan(a?.sentAt ?? 0);
    }
    const actions = messages.filter((m) => m.category === 'action');
    expect(actions.every((m) => m.action !== undefined && typeof m.data.action === 'string')).toBe(
      true,
    );
    expect(messages.every((m) => m.sentAt >= 1735689600)).toBe(true);
  });

  it('has reactions by several users, 1:1 and group conversations, and differing unread marks', () => {
    const reactors = new Set([...store.reactions.values()].flat().map((r) => r.uid));
    expect(reactors.size).toBeGreaterThanOrEqual(3);
    expect(store.userConversations.get('cometchat-uid-1')?.size).toBeGreaterThanOrEqual(4);
    const groupConversations = [...store.messagesByConversation.keys()].filter((id) =>
      id.startsWith('group_'),
    );
    expect(groupConversations.length).toBe(6);
    const id = conversationIdFor('user', 'cometchat-uid-1', 'cometchat-uid-2');
    const andrew = store.conversationState.get(`cometchat-uid-1|${id}`);
    const george = store.conversationState.get(`cometchat-uid-2|${id}`);
    expect(andrew?.readUpTo).toBeLessThan(george?.readUpTo ?? 0);
  });

  it('has friends, blocks and auth tokens', () => {
    expect(store.friends.get('cometchat-uid-1')?.size).toBe(4);
    expect(store.isBlocked('cometchat-uid-1', 'cometchat-uid-25')).toBe(true);
    expect(store.authTokens.get('cometchat-uid-1')?.length).toBe(2);
  });

  it('is deterministic', () => {
    expect(snapshot(seeded('demo'))).toBe(snapshot(store));
  });
});

describe('seed large', () => {
  it('builds at least 10,000 users, 1,000 groups and 200,000 messages', () => {
    const store = seeded('large');
    expect(store.users.size).toBeGreaterThanOrEqual(10_000);
    expect(store.groups.size).toBeGreaterThanOrEqual(1_000);
    expect(store.messages.size).toBeGreaterThanOrEqual(200_000);
    expect(store.users.size).toBeGreaterThanOrEqual(LARGE_SEED.users);
    const first = store.messages.get(1);
    const last = store.messages.get(store.nextMessageId - 1);
    expect(last?.sentAt).toBeGreaterThanOrEqual(first?.sentAt ?? Number.POSITIVE_INFINITY);
    for (const member of store.members.get('large-guid-1')?.values() ?? []) {
      expect(store.users.has(member.uid)).toBe(true);
    }
  });
});
