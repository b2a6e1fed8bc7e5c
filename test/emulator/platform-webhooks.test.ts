import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { chat, dataOf, errorCode, listOf, mgmt, pick } from '../support/emulator-http.js';
import { type Receiver, startReceiver } from '../support/receiver.js';
import { until } from '../support/wait.js';

let emu: Emulator;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({
    port: 0,
    region: 'eu',
    webhookRetryDelaysMs: [50, 100],
    webhookTimeoutMs: 300,
  });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.received = [];
  receiver.statuses = [];
  receiver.delayMs = 0;
});
afterEach(() => emu.reset());

async function createHook(body: Record<string, unknown>, triggers: string[]): Promise<void> {
  const created = await mgmt(emu, 'POST', '/webhooks', {
    body: { id: 'hook-1', name: 'Hook', webhookURL: receiver.url, ...body },
  });
  expect(created.status).toBe(200);
  const added = await mgmt(emu, 'POST', '/webhooks/hook-1/triggers', {
    body: { triggerIds: triggers },
  });
  expect(added.status).toBe(200);
}

async function block(by: string, uid: string): Promise<void> {
  const reply = await chat(emu, 'POST', `/users/${by}/blockedusers`, {
    body: { blockedUids: [uid] },
  });
  expect(reply.status).toBe(200);
}

describe('management routes', () => {
  it('creates, lists, gets, updates and deletes webhooks', async () => {
    const created = await mgmt(emu, 'POST', '/webhooks', {
      body: {
        id: 'test_webhook201',
        name: 'Test',
        webhookURL: 'https://example.com/test',
        useBasicAuth: true,
        username: 'user',
        password: 'pass123',
        retryOnFailure: true,
      },
    });
    expect(created.body).toEqual({
      data: {
        id: 'test_webhook201',
        name: 'Test',
        webhookURL: 'https://example.com/test',
        useBasicAuth: true,
        username: 'user',
        password: 'pass123',
        enabled: true,
        retryOnFailure: true,
        createdAt: expect.any(Number),
        updatedAt: expect.any(Number),
      },
    });
    const list = await mgmt(emu, 'GET', '/webhooks?searchKey=tes');
    expect(listOf(list.body).map((w) => w.id)).toEqual(['test_webhook201']);
    expect(pick(list.body, 'meta', 'pagination', 'total')).toBe(1);
    const updated = await mgmt(emu, 'PUT', '/webhooks/test_webhook201', {
      body: { name: 'Renamed', enabled: false },
    });
    expect(dataOf(updated.body)).toMatchObject({ name: 'Renamed', enabled: false });
    const one = await mgmt(emu, 'GET', '/webhooks/test_webhook201');
    expect(pick(one.body, 'data', 'name')).toBe('Renamed');
    const removed = await mgmt(emu, 'DELETE', '/webhooks/test_webhook201');
    expect(removed.body).toEqual({
      data: { success: true, message: 'Deleted Webhook successfully.' },
    });
    const gone = await mgmt(emu, 'GET', '/webhooks/test_webhook201');
    expect([gone.status, errorCode(gone.body)]).toEqual([404, 'ERR_WEBHOOK_NOT_FOUND']);
  });

  it('validates webhook bodies', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', webhookURL: 'https://example.com' }, 'id'],
      [{ id: 'has space', name: 'x', webhookURL: 'https://example.com' }, 'id'],
      [{ id: 'a', webhookURL: 'https://example.com' }, 'name'],
      [{ id: 'a', name: 'x' }, 'webhookURL'],
      [{ id: 'a', name: 'x', webhookURL: 'http://example.com/hook' }, 'webhookURL'],
      [{ id: 'a', name: 'x', webhookURL: 'https://example.com', useBasicAuth: true }, 'username'],
      [{ id: 'a', name: 'x', webhookURL: 'https://example.com', enabled: 'yes' }, 'enabled'],
    ];
    for (const [body, field] of cases) {
      const reply = await mgmt(emu, 'POST', '/webhooks', { body });
      expect([field, reply.status, errorCode(reply.body)]).toEqual([field, 400, 'ERR_BAD_REQUEST']);
      expect(pick(reply.body, 'error', 'details', field)).toEqual([expect.any(String)]);
    }
    await createHook({}, ['message_sent']);
    const duplicate = await mgmt(emu, 'POST', '/webhooks', {
      body: { id: 'hook-1', name: 'x', webhookURL: 'https://example.com' },
    });
    expect(pick(duplicate.body, 'error', 'details', 'id')).toEqual([expect.any(String)]);
  });

  it('adds, lists and removes triggers; unknown trigger ids are ERR_TRIGGER_NOT_FOUND', async () => {
    await createHook({}, ['message_read_receipt', 'user_blocked']);
    const list = await mgmt(emu, 'GET', '/webhooks/hook-1/triggers');
    expect(listOf(list.body)).toEqual([
      { id: 'message_read_receipt', description: expect.any(String) },
      { id: 'user_blocked', description: expect.any(String) },
    ]);
    const unknown = await mgmt(emu, 'POST', '/webhooks/hook-1/triggers', {
      body: { triggerIds: ['message_sent', 'before_everything'] },
    });
    expect([unknown.status, errorCode(unknown.body)]).toEqual([404, 'ERR_TRIGGER_NOT_FOUND']);
    const removed = await mgmt(emu, 'DELETE', '/webhooks/hook-1/triggers', {
      body: { triggerIds: ['user_blocked'] },
    });
    expect(removed.body).toEqual({
      data: { success: true, message: 'Removed trigger successfully.' },
    });
    const after = await mgmt(emu, 'GET', '/webhooks/hook-1/triggers');
    expect(listOf(after.body).map((t) => t.id)).toEqual(['message_read_receipt']);
    const empty = await mgmt(emu, 'POST', '/webhooks/hook-1/triggers', { body: {} });
    expect(empty.status).toBe(400);
    const missing = await mgmt(emu, 'POST', '/webhooks/nope/triggers', {
      body: { triggerIds: ['message_sent'] },
    });
    expect(errorCode(missing.body)).toBe('ERR_WEBHOOK_NOT_FOUND');
  });
});

describe('delivery', () => {
  it('POSTs the payload envelope with HTTP Basic auth and logs the attempt', async () => {
    await createHook({ useBasicAuth: true, username: 'hookuser', password: 'hookpass' }, [
      'user_blocked',
    ]);
    await block('cometchat-uid-6', 'cometchat-uid-7');
    await until(() => receiver.received.length === 1);
    const [delivery] = receiver.received;
    expect(delivery?.authorization).toBe(
      `Basic ${Buffer.from('hookuser:hookpass').toString('base64')}`,
    );
    expect(delivery?.contentType).toBe('application/json');
    expect(delivery?.body).toEqual({
      trigger: 'user_blocked',
      data: {
        users: { 'cometchat-uid-7': { uid: 'cometchat-uid-7', name: 'David Chen' } },
        by: { uid: 'cometchat-uid-6', name: 'Maria Lopez' },
      },
      appId: emu.appId,
      region: 'eu',
      webhook: 'hook-1',
    });
    await until(() => emu.deliveries().length === 1);
    expect(emu.deliveries()).toEqual([
      {
        webhookId: 'hook-1',
        trigger: 'user_blocked',
        url: receiver.url,
        attempt: 1,
        status: 200,
        at: expect.any(Number),
      },
    ]);
  });

  it('sends no Authorization header without Basic auth, and nothing for other triggers', async () => {
    await createHook({}, ['user_unblocked']);
    await block('cometchat-uid-6', 'cometchat-uid-7');
    await chat(emu, 'DELETE', '/users/cometchat-uid-6/blockedusers', {
      body: { blockedUids: ['cometchat-uid-7'] },
    });
    await until(() => receiver.received.length === 1);
    expect(receiver.received[0]?.authorization).toBeUndefined();
    expect(pick(receiver.received[0]?.body, 'trigger')).toBe('user_unblocked');
  });

  it('retries failures after the configured delays and gives up after two retries', async () => {
    await createHook({ retryOnFailure: true }, ['user_blocked']);
    receiver.statuses = [500, 503, 500, 500];
    const started = Date.now();
    await block('cometchat-uid-6', 'cometchat-uid-7');
    await until(() => emu.deliveries().length === 3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(receiver.received).toHaveLength(3);
    expect(emu.deliveries().map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 503],
      [3, 500],
    ]);
  });

  it('stops retrying once a retry succeeds; no retries without retryOnFailure', async () => {
    await createHook({ retryOnFailure: true }, ['user_blocked']);
    receiver.statuses = [500];
    await block('cometchat-uid-6', 'cometchat-uid-7');
    await until(() => emu.deliveries().length === 2);
    expect(emu.deliveries().map((d) => d.status)).toEqual([500, 200]);

    await mgmt(emu, 'PUT', '/webhooks/hook-1', { body: { retryOnFailure: false } });
    emu.clearDeliveries();
    receiver.statuses = [500];
    await block('cometchat-uid-6', 'cometchat-uid-8');
    await until(() => emu.deliveries().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(emu.deliveries().map((d) => d.status)).toEqual([500]);
  });

  it('counts a slow answer and an unreachable URL as failures', async () => {
    await createHook({ retryOnFailure: false }, ['user_blocked']);
    receiver.delayMs = 600;
    await block('cometchat-uid-6', 'cometchat-uid-7');
    await until(() => emu.deliveries().length === 1);
    expect(emu.deliveries()[0]?.status).toBeUndefined();
    expect(emu.deliveries()[0]?.error).toMatch(/300 ms/);

    await mgmt(emu, 'PUT', '/webhooks/hook-1', { body: { webhookURL: 'http://127.0.0.1:1/x' } });
    await block('cometchat-uid-6', 'cometchat-uid-8');
    await until(() => emu.deliveries().length === 2);
    expect(emu.deliveries()[1]?.error).toEqual(expect.any(String));
  });

  it('skips disabled webhooks and answers the API call without waiting for delivery', async () => {
    await createHook({ enabled: false }, ['user_blocked']);
    await block('cometchat-uid-6', 'cometchat-uid-7');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toEqual([]);

    await mgmt(emu, 'PUT', '/webhooks/hook-1', { body: { enabled: true } });
    // The receiver holds its answer until released: the API call must answer before that.
    let release: () => void = () => undefined;
    receiver.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    await block('cometchat-uid-6', 'cometchat-uid-8');
    expect(emu.deliveries()).toHaveLength(0);
    release();
    receiver.hold = undefined;
    await until(() => emu.deliveries().length === 1);
  });

  it('cancels pending retries on close', async () => {
    const other = await startEmulator({ port: 0, webhookRetryDelaysMs: [150, 150] });
    try {
      await mgmt(other, 'POST', '/webhooks', {
        body: { id: 'h', name: 'h', webhookURL: receiver.url, retryOnFailure: true },
      });
      await mgmt(other, 'POST', '/webhooks/h/triggers', { body: { triggerIds: ['user_blocked'] } });
      receiver.statuses = [500, 500, 500];
      await chat(other, 'POST', '/users/cometchat-uid-6/blockedusers', {
        body: { blockedUids: ['cometchat-uid-7'] },
      });
      await until(() => other.deliveries().length === 1);
    } finally {
      await other.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
  });
});
