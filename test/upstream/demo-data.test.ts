/**
 * Reads the whole demo data set through the client: every answer must validate, and embedded
 * entities must come through as full records (the loaders are primed from them).
 */
import { describe, expect, it } from 'vitest';
import { listConversations } from '../../src/upstream/conversations.js';
import { listGroups } from '../../src/upstream/groups.js';
import { listMembers } from '../../src/upstream/members.js';
import { listMessages } from '../../src/upstream/messages.js';
import { listReactions } from '../../src/upstream/reactions.js';
import { listUsers } from '../../src/upstream/users.js';
import { useEmulator } from './harness.js';

const h = useEmulator('demo');

describe('the demo data through the client', () => {
  it('reads every user, group and member', async () => {
    const users = await listUsers(h.client, { perPage: 1000, withTags: true });
    expect(users.items.length).toBe(users.pagination.total);
    const groups = await listGroups(h.client, { perPage: 1000, withTags: true });
    expect(new Set(groups.items.map((g) => g.type))).toEqual(
      new Set(['public', 'private', 'password']),
    );
    for (const group of groups.items) {
      const members = await listMembers(h.client, group.guid, { perPage: 1000 });
      expect(members.items.length).toBe(group.membersCount);
    }
  });

  it('reads every message with full embedded entities', async () => {
    const page = await listMessages(h.client, { limit: 1000, affix: 'append' });
    expect(page.items.length).toBeGreaterThan(200);
    const categories = new Set(page.items.map((m) => m.category));
    expect([...categories]).toEqual(expect.arrayContaining(['message', 'custom', 'action']));
    for (const m of page.items) {
      if (m.category === 'action') {
        expect(m.action, `action of ${m.id}`).not.toBeNull();
        expect(m.entities.by, `by of ${m.id}`).not.toBeNull();
        expect(m.entities.for, `for of ${m.id}`).not.toBeNull();
      } else {
        expect(m.entities.sender, `sender of ${m.id}`).toMatchObject({
          kind: 'user',
          uid: m.sender,
        });
        expect(m.entities.receiver, `receiver of ${m.id}`).not.toBeNull();
      }
    }
    expect(page.items.some((m) => m.attachments.length > 0)).toBe(true);
    expect(page.items.some((m) => m.category === 'custom' && m.customData !== null)).toBe(true);
    expect(page.items.some((m) => m.editedAt !== null)).toBe(true);
    expect(page.items.some((m) => m.deletedAt !== null)).toBe(true);
    expect(page.items.some((m) => m.parentId !== null)).toBe(true);
    expect(page.items.some((m) => m.mentions.length > 0)).toBe(true);

    const reacted = page.items.find((m) => m.reactions.length > 0);
    expect(reacted).toBeDefined();
    const reactions = await listReactions(h.client, reacted?.id ?? '', { limit: 100 });
    expect(reactions.items.length).toBe(reacted?.reactions.reduce((n, r) => n + r.count, 0));
    expect(reactions.items.every((r) => r.reactedBy?.kind === 'user')).toBe(true);
  });

  it("reads users' conversations with their last messages and counterparts", async () => {
    for (const uid of ['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-3']) {
      const page = await listConversations(h.client, { perPage: 100 }, { onBehalfOf: uid });
      expect(page.items.length).toBeGreaterThan(0);
      for (const c of page.items) {
        expect(c.conversationWith, c.conversationId).not.toBeNull();
        expect(c.lastMessage?.conversationId ?? c.conversationId).toBe(c.conversationId);
      }
    }
  });
});
