/** The graphql-transport-ws protocol's close codes and the frame size bound, on raw sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_MAX_PAYLOAD_BYTES } from '../../src/server.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import { EVENT_WAIT_MS } from '../support/realtime.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

interface Closed {
  code: number;
  reason: string;
  messages: unknown[];
}

/**
 * Opens a socket, runs `script` once it is open (with a helper that waits for the next message),
 * and resolves with how the server closed it.
 */
function session(
  script: (socket: WebSocket, next: () => Promise<unknown>) => Promise<void> | void,
  protocol: string | null = 'graphql-transport-ws',
): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const url = t.info.graphqlUrl.replace('http', 'ws');
    const socket = protocol === null ? new WebSocket(url) : new WebSocket(url, protocol);
    const messages: unknown[] = [];
    const waiting: ((message: unknown) => void)[] = [];
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('the server did not close the socket'));
    }, EVENT_WAIT_MS);
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      messages.push(message);
      waiting.shift()?.(message);
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString(), messages });
    });
    socket.on('error', () => undefined);
    socket.on('open', () => {
      const next = () => new Promise<unknown>((done) => waiting.push(done));
      Promise.resolve(script(socket, next)).catch(reject);
    });
  });
}

const init = (token: string | null) =>
  JSON.stringify({
    type: 'connection_init',
    payload: token === null ? {} : { authorization: `Bearer ${token}` },
  });

describe('graphql-transport-ws close codes', () => {
  it('4401 for wrong or missing credentials', async () => {
    for (const token of [null, 'wrong-token']) {
      const closed = await session((socket) => socket.send(init(token)));
      expect(closed.code, String(token)).toBe(4401);
    }
  });

  it('4401 for a subscribe before the connection is acknowledged', async () => {
    const closed = await session((socket) =>
      socket.send(
        JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }),
      ),
    );
    expect(closed.code).toBe(4401);
  });

  it('4400 for a message that is not part of the protocol', async () => {
    for (const bad of ['not json', JSON.stringify({ type: 'nonsense' }), JSON.stringify([1, 2])]) {
      const closed = await session(async (socket, next) => {
        socket.send(init(ADMIN_TOKEN));
        expect(await next()).toMatchObject({ type: 'connection_ack' });
        socket.send(bad);
      });
      expect(closed.code, bad).toBe(4400);
    }
  });

  it('4409 for a second subscriber with the same id', async () => {
    const closed = await session(async (socket, next) => {
      socket.send(init(ADMIN_TOKEN));
      await next();
      const subscribe = JSON.stringify({
        id: 'same-id',
        type: 'subscribe',
        payload: { query: 'subscription { messageSent { message { id } } }' },
      });
      socket.send(subscribe);
      socket.send(subscribe);
    });
    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/same-id/);
  });

  it('4429 for a second connection_init', async () => {
    const closed = await session(async (socket, next) => {
      socket.send(init(ADMIN_TOKEN));
      await next();
      socket.send(init(ADMIN_TOKEN));
    });
    expect(closed.code).toBe(4429);
  });

  it('4408 when no connection_init comes in time', async () => {
    const closed = await session(() => undefined);
    expect(closed.code).toBe(4408);
  });

  it('4406 without the graphql-transport-ws subprotocol', async () => {
    const closed = await session(() => undefined, null);
    expect(closed.code).toBe(4406);
  });

  it(`closes the socket (1009) on a frame over ${WS_MAX_PAYLOAD_BYTES} bytes, and keeps serving`, async () => {
    const closed = await session(async (socket, next) => {
      socket.send(init(ADMIN_TOKEN));
      await next();
      socket.send(
        JSON.stringify({
          id: 'big',
          type: 'subscribe',
          payload: {
            query: `{ __typename }`,
            variables: { pad: 'x'.repeat(WS_MAX_PAYLOAD_BYTES) },
          },
        }),
      );
    });
    expect(closed.code).toBe(1009);
    // A frame under the bound on a new connection still works.
    const fine = await session(async (socket, next) => {
      socket.send(init(ADMIN_TOKEN));
      await next();
      socket.send(
        JSON.stringify({
          id: 'small',
          type: 'subscribe',
          payload: { query: '{ __typename }', variables: { pad: 'x'.repeat(1000) } },
        }),
      );
      expect(await next()).toMatchObject({
        type: 'next',
        payload: { data: { __typename: 'Query' } },
      });
      socket.close(1000);
    });
    expect(fine.code).toBe(1000);
  });
});
