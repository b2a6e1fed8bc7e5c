import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-http.js';
import { useHarness } from '../support/harness.js';

const h = useHarness();
beforeEach(() => {
  h.emulator.clearRequests();
});

const ROLE_FIELDS = `
  id role name description metadata createdAt updatedAt
  settings { listUsers sendMessagesTo raw }
`;

describe('role(role)', () => {
  it('returns the fields of a role, with typed settings', async () => {
    const result = await h.query<Record<string, Record<string, unknown> | null>>(
      `{
        moderator: role(role: " MODERATOR ") { ${ROLE_FIELDS} }
        manager: role(role: "manager") { ${ROLE_FIELDS} }
      }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.moderator).toMatchObject({
      role: 'moderator',
      name: 'Moderator',
      description: 'Keeps conversations friendly.',
      metadata: { level: 2 },
      updatedAt: null,
      settings: {
        listUsers: 'ALL',
        sendMessagesTo: 'ALL',
        raw: { listUsers: 'all', sendMessagesTo: 'all' },
      },
    });
    expect(result.data?.manager).toMatchObject({
      role: 'manager',
      metadata: null,
      settings: { listUsers: 'ALL', sendMessagesTo: 'FRIENDS_ONLY' },
    });
    expect(new Date(String(result.data?.moderator?.createdAt)).getTime()).toBeGreaterThan(0);
    expect(String(result.data?.moderator?.id)).not.toContain('moderator');
  });

  it('is null for a role that does not exist, without an error', async () => {
    const result = await h.query('{ role(role: "no-such-role") { role } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ role: null });
  });

  it('has null settings when a role has none', async () => {
    h.emulator.store.roles.set('bare', { role: 'bare', name: 'Bare', createdAt: 1735689600 });
    try {
      const result = await h.query('{ role(role: "bare") { name description settings { raw } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ role: { name: 'Bare', description: null, settings: null } });
    } finally {
      h.emulator.store.roles.delete('bare');
    }
  });

  it('rejects an empty key without calling upstream', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.query('{ role(role: "") { role } }');
      expect(errorCodes(result.errors)).toEqual(['BAD_USER_INPUT']);
    });
    expect(calls).toBe(0);
  });

  it('loads any number of role lookups with one upstream call', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.query(
        `query ($a: ID!, $b: ID!, $missing: ID!) {
          x: role(role: "default") { name }
          y: role(role: "manager") { name }
          nodes(ids: [$a, $b, $missing, $a]) { __typename ... on Role { role } }
        }`,
        {
          a: encodeGlobalID('Role', 'moderator'),
          b: encodeGlobalID('Role', 'default'),
          missing: encodeGlobalID('Role', 'ghost'),
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        x: { name: 'Default Role' },
        y: { name: 'Manager' },
        nodes: [
          { __typename: 'Role', role: 'moderator' },
          { __typename: 'Role', role: 'default' },
          null,
          { __typename: 'Role', role: 'moderator' },
        ],
      });
    });
    expect(calls).toBe(1);
  });
});

describe('roles', () => {
  it('lists every role with a total', async () => {
    const result = await h.query<{
      roles: { totalCount: number; nodes: { role: string }[]; pageInfo: { hasNextPage: boolean } };
    }>('{ roles { totalCount nodes { role } pageInfo { hasNextPage } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.roles.totalCount).toBe(3);
    expect(result.data?.roles.nodes.map((node) => node.role).sort()).toEqual(
      ['default', 'manager', 'moderator'].sort(),
    );
    expect(result.data?.roles.pageInfo.hasNextPage).toBe(false);
  });

  it('pages with first/after, every role once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const result: GraphQLResponse<{
        roles: {
          nodes: { role: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }> = await h.query(
        'query ($after: String) { roles(first: 1, after: $after) { nodes { role } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(result.errors).toBeUndefined();
      seen.push(...(result.data?.roles.nodes.map((node) => node.role) ?? []));
      if (!result.data?.roles.pageInfo.hasNextPage) break;
      after = result.data.roles.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(['default', 'manager', 'moderator']);
  });

  it('primes the role lookups of the same request', async () => {
    // One call for the roles, one per role for its users; the users' roles come from the list.
    const calls = await h.countUpstream(async () => {
      const result = await h.query(
        '{ roles { nodes { role users(first: 1) { nodes { role { name } } } } } }',
      );
      expect(result.errors).toBeUndefined();
    });
    expect(calls).toBe(4);
  });
});

describe('Role.users', () => {
  it('lists the users with a role, with a total and filters', async () => {
    const result = await h.query<{
      role: {
        users: { totalCount: number; nodes: { uid: string; role: { role: string } | null }[] };
      };
      manager: { offline: { totalCount: number; nodes: { uid: string }[] } };
    }>(
      `{
        role(role: "moderator") {
          users { totalCount nodes { uid role { role } } }
        }
        manager: role(role: "manager") {
          offline: users(status: OFFLINE) { totalCount nodes { uid } }
        }
      }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.role.users.totalCount).toBe(2);
    expect(result.data?.role.users.nodes.map((node) => node.uid).sort()).toEqual(
      [u(2), u(7)].sort(),
    );
    for (const node of result.data?.role.users.nodes ?? []) {
      expect(node.role).toEqual({ role: 'moderator' });
    }
    expect(result.data?.manager.offline).toEqual({ totalCount: 1, nodes: [{ uid: u(3) }] });
  });
});

describe('User.role', () => {
  it('is null when the user points at a role that no longer exists', async () => {
    const row = h.emulator.store.users.get(u(11));
    if (!row) throw new Error('seed changed');
    const before = row.role;
    row.role = 'retired-role';
    try {
      const result = await h.query(`{ user(uid: "${u(11)}") { uid role { name } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ user: { uid: u(11), role: null } });
    } finally {
      row.role = before;
    }
  });
});
