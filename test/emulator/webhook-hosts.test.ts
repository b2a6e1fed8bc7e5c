/** The emulator delivers webhooks to loopback addresses only, unless told otherwise. */
import { describe, expect, it } from 'vitest';
import { loadEmulatorConfig } from '../../src/config.js';
import { EmulatorConfigError, readEmulatorEnv } from '../../src/emulator/main.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { isLoopbackHost } from '../../src/emulator/webhooks.js';
import { chat, mgmt } from '../support/emulator-http.js';
import { startReceiver } from '../support/receiver.js';
import { waitFor } from '../support/wait.js';

async function hook(emu: Emulator, id: string, url: string): Promise<void> {
  const created = await mgmt(emu, 'POST', '/webhooks', {
    body: { id, name: id, webhookURL: url, enabled: true, retryOnFailure: true },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  expect(
    (
      await mgmt(emu, 'POST', `/webhooks/${id}/triggers`, {
        body: { triggerIds: ['message_sent'] },
      })
    ).status,
  ).toBe(200);
}

async function sendMessage(emu: Emulator): Promise<void> {
  const sent = await chat(emu, 'POST', '/messages', {
    onBehalfOf: 'cometchat-uid-1',
    body: {
      receiver: 'cometchat-uid-2',
      receiverType: 'user',
      category: 'message',
      type: 'text',
      data: { text: 'hi' },
    },
  });
  expect(sent.status).toBe(200);
}

describe('webhook delivery hosts', () => {
  it('refuses to deliver to a host that is not loopback, without retrying, and still delivers to localhost', async () => {
    const emu = await startEmulator({ port: 0, webhookRetryDelaysMs: [10, 20] });
    const receiver = await startReceiver();
    try {
      await hook(emu, 'outside', 'https://hooks.example.com/cometchat');
      await hook(emu, 'private', 'http://10.1.2.3:8080/cometchat');
      await hook(emu, 'local', receiver.url.replace('127.0.0.1', 'localhost'));
      await sendMessage(emu);
      await waitFor(() => (receiver.received.length > 0 ? true : undefined));
      const log = await waitFor(() => {
        const entries = emu.deliveries();
        return entries.length >= 3 ? entries : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const byHook = (id: string) => emu.deliveries().filter((entry) => entry.webhookId === id);
      for (const id of ['outside', 'private']) {
        expect(byHook(id), id).toHaveLength(1);
        expect(byHook(id)[0]?.error).toMatch(/^refused: .* is not a loopback address/);
        expect(byHook(id)[0]?.status).toBeUndefined();
      }
      expect(byHook('local')).toMatchObject([{ status: 200, attempt: 1 }]);
      expect(log.length).toBeGreaterThanOrEqual(3);
    } finally {
      await receiver.close();
      await emu.close();
    }
  });

  it('recognises loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '::1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '10.0.0.1',
      '192.168.1.1',
      'example.com',
      'localhost.example.com',
      '[::2]',
      '0.0.0.0',
      'gateway',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('is lifted only explicitly: EMULATOR_WEBHOOK_HOSTS=any', () => {
    expect(readEmulatorEnv({}).webhookHosts).toBeUndefined();
    expect(readEmulatorEnv({ EMULATOR_WEBHOOK_HOSTS: 'any' }).webhookHosts).toBe('any');
    expect(() => readEmulatorEnv({ EMULATOR_WEBHOOK_HOSTS: 'everywhere' })).toThrow(
      EmulatorConfigError,
    );
    expect(loadEmulatorConfig({}, 0).webhookHosts).toBe('loopback');
    expect(loadEmulatorConfig({ EMULATOR_WEBHOOK_HOSTS: 'any' }, 0).webhookHosts).toBe('any');
    expect(() => loadEmulatorConfig({ EMULATOR_WEBHOOK_HOSTS: 'nope' }, 0)).toThrow(
      /EMULATOR_WEBHOOK_HOSTS/,
    );
  });
});
