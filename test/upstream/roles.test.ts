import { describe, expect, it } from 'vitest';
import {
  createRole,
  deleteRole,
  getRole,
  listRoles,
  updateRole,
} from '../../src/upstream/roles.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('none');

describe('roles against the emulator', () => {
  it('lists the default role that every app has', async () => {
    const page = await listRoles(h.client);
    expect(page.items.find((r) => r.role === 'default')?.name).toBe('Default Role');
  });

  it('creates, reads, updates (with unset) and deletes a role', async () => {
    const role = uniqueId('role').toLowerCase();
    const created = await createRole(h.client, {
      role,
      name: 'Support',
      description: 'Helps users',
      metadata: { level: 1 },
      settings: { listUsers: 'friendsOnly', sendMessagesTo: 'all' },
    });
    expect(created).toMatchObject({ role, name: 'Support', description: 'Helps users' });
    expect(created.settings).toEqual({ listUsers: 'friendsOnly', sendMessagesTo: 'all' });

    expect((await getRole(h.client, role)).name).toBe('Support');

    const updated = await updateRole(h.client, role, { name: 'Support Team', unset: ['metadata'] });
    expect(updated).toMatchObject({ name: 'Support Team', metadata: null });

    expect((await deleteRole(h.client, role)).success).toBe(true);
    await expectFailure(h, getRole(h.client, role), 'not_found', 'ERR_ROLE_NOT_FOUND');
  });

  it('refuses to delete the default role (forbidden, ERR_ROLE_DELETE_DENIED)', async () => {
    await expectFailure(h, deleteRole(h.client, 'default'), 'forbidden', 'ERR_ROLE_DELETE_DENIED');
  });
});
