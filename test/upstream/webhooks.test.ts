import { describe, expect, it } from 'vitest';
import { UpstreamClient } from '../../src/upstream/client.js';
import {
  addTriggers,
  createWebhook,
  deleteWebhook,
  getWebhook,
  listTriggers,
  listWebhooks,
  removeTriggers,
  updateWebhook,
} from '../../src/upstream/webhooks.js';
import { expectFailure, TEST_API_KEY, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('none');

describe('webhooks on the management API (emulator)', () => {
  it('creates, reads, lists, updates and deletes a webhook, never keeping the password', async () => {
    const id = uniqueId('hook').replace(/-/g, '').slice(0, 40);
    const password = 'basicpass12345';
    const created = await createWebhook(h.client, {
      id,
      name: 'Gateway',
      url: 'https://example.com/webhooks/cometchat',
      useBasicAuth: true,
      username: 'cometchat',
      password,
      enabled: true,
      retryOnFailure: true,
    });
    expect(created).toMatchObject({
      id,
      name: 'Gateway',
      url: 'https://example.com/webhooks/cometchat',
      useBasicAuth: true,
      username: 'cometchat',
      enabled: true,
      retryOnFailure: true,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(JSON.stringify(created)).not.toContain(password);
    expect('password' in created).toBe(false);

    expect((await getWebhook(h.client, id)).name).toBe('Gateway');
    const page = await listWebhooks(h.client, { perPage: 10 });
    expect(page.items.map((w) => w.id)).toContain(id);
    expect(JSON.stringify(page)).not.toContain(password);

    const updated = await updateWebhook(h.client, id, { name: 'Gateway 2', enabled: false });
    expect(updated).toMatchObject({ name: 'Gateway 2', enabled: false });

    expect((await deleteWebhook(h.client, id)).success).toBe(true);
    await expectFailure(h, getWebhook(h.client, id), 'not_found', 'ERR_WEBHOOK_NOT_FOUND');
  });

  it('adds, lists and removes triggers, and rejects unknown trigger ids', async () => {
    const id = uniqueId('trig').replace(/-/g, '').slice(0, 40);
    await createWebhook(h.client, { id, name: 'Triggers', url: 'https://example.com/hook' });
    const added = await addTriggers(h.client, id, ['message_sent', 'group_created']);
    expect(added.message_sent?.success).toBe(true);
    expect(added.group_created?.success).toBe(true);

    const triggers = await listTriggers(h.client, id);
    expect(triggers.items.map((t) => t.id).sort()).toEqual(['group_created', 'message_sent']);

    expect((await removeTriggers(h.client, id, ['group_created'])).success).toBe(true);
    expect((await listTriggers(h.client, id)).items.map((t) => t.id)).toEqual(['message_sent']);

    await expectFailure(
      h,
      addTriggers(h.client, id, ['no_such_trigger']),
      'not_found',
      'ERR_TRIGGER_NOT_FOUND',
    );
  });

  it('answers invalid for a non-HTTPS public URL', async () => {
    await expectFailure(
      h,
      createWebhook(h.client, { id: 'plainhttp', name: 'Plain', url: 'http://example.com/hook' }),
      'invalid',
      'ERR_BAD_REQUEST',
    );
  });

  it('fails with MGMT_NOT_CONFIGURED and sends nothing without management credentials', async () => {
    const bare = new UpstreamClient({ baseUrl: h.emulator.baseUrl, apiKey: TEST_API_KEY });
    await expectFailure(h, listWebhooks(bare), 'unauthorized', 'MGMT_NOT_CONFIGURED');
    expect(bare.stats.requests).toBe(0);
    await bare.close();
  });

  it('maps wrong management credentials to unauthorized', async () => {
    const wrong = new UpstreamClient({
      baseUrl: h.emulator.baseUrl,
      apiKey: TEST_API_KEY,
      management: {
        baseUrl: h.emulator.mgmtBaseUrl,
        appId: h.emulator.appId,
        key: 'wrong-key',
        secret: 'wrong-secret-value',
      },
    });
    const error = await expectFailure(h, listWebhooks(wrong), 'unauthorized');
    expect(error.message).not.toContain('wrong-secret-value');
    await wrong.close();
  });
});
