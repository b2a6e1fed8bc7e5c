import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { chat } from '../support/emulator-http.js';
import { ADMIN_TOKEN, startTestGateway } from '../support/gateway.js';
import { waitFor } from '../support/wait.js';
import { FirstFiveUsersQuery } from './operations.js';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then stops accepting and closes WebSockets', async () => {
    const t = await startTestGateway({ emulator: { latencyMs: 300 } });
    const client = createClient({
      url: t.info.graphqlUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
      retryAttempts: 0,
      lazy: false,
      // The server closing the socket is the point of this test, not an error to print.
      onNonLazyError: () => undefined,
    });
    let closeCode: number | undefined;
    client.on('closed', (event) => {
      closeCode = (event as { code?: number }).code; // graphql-ws passes the socket's CloseEvent
    });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));

    t.emulator.clearRequests();
    const inFlight = t.execute(FirstFiveUsersQuery, {}, { transport: 'overHttp' });
    await waitFor(() => (t.emulator.requests().length > 0 ? true : undefined));
    const closing = t.close();

    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body.data?.users?.edges).toHaveLength(5);
    await closing;

    await expect(fetch(`${t.info.url}/health`)).rejects.toThrow();
    await waitFor(() => closeCode);
    expect(closeCode).toBe(1001);
    await client.dispose();
  });

  it('bounds the wait for slow requests', async () => {
    const t = await startTestGateway({
      emulator: { latencyMs: 5000 },
      deps: { shutdownTimeoutMs: 100 },
    });
    const slow = t.execute(FirstFiveUsersQuery, {}, { transport: 'overHttp' }).then(
      () => 'answered',
      () => 'cut off',
    );
    // Give the request time to reach the gateway and go upstream.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await t.gateway.close();
    // Cut off rather than answered: close did not wait for the 5 s upstream answer.
    expect(await slow).toBe('cut off');
    await t.emulator.close();
  });

  it('closes the embedded emulator with the gateway', async () => {
    const t = await startTestGateway({ mode: 'embedded' });
    expect((await chat(t.emulator, 'GET', '/roles')).status).toBe(200);
    await t.close();
    await expect(chat(t.emulator, 'GET', '/roles')).rejects.toThrow();
  });
});
