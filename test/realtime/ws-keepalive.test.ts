/**
 * The WebSocket adapter's keep-alive (src/ws-server.ts): one timer pings every open socket; a
 * socket that has not answered the previous ping by the next one is terminated, one that answers
 * stays open. Over real sockets, with a short interval.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createLogger } from '../../src/logger.js';
import { useWsServer } from '../../src/ws-server.js';

let server: Server | null = null;
let disposable: { dispose(): Promise<void> } | null = null;

afterEach(async () => {
  await disposable?.dispose();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  disposable = null;
});

async function start(keepAliveMs: number): Promise<string> {
  const wss = new WebSocketServer({ noServer: true });
  server = createServer();
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  disposable = useWsServer({}, wss, {
    keepAliveMs,
    logger: createLogger({ level: 'silent', secrets: [] }),
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP
  return `ws://127.0.0.1:${port}`;
}

function connect(url: string, autoPong: boolean): Promise<WebSocket> {
  const socket = new WebSocket(url, 'graphql-transport-ws', { autoPong });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init' }));
    });
    socket.once('message', () => resolve(socket)); // connection_ack
    socket.once('error', reject);
  });
}

describe('WebSocket keep-alive', () => {
  it('terminates a socket that does not answer pings and keeps one that does', async () => {
    const url = await start(100);
    const silent = await connect(url, false);
    const answering = await connect(url, true);
    let pings = 0;
    answering.on('ping', () => {
      pings++;
    });
    const closed = await new Promise<number>((resolve) => silent.once('close', resolve));
    expect(closed).toBe(1006); // terminated, no close frame
    // Keep going until the answering socket has been pinged a few more times.
    const seen = pings;
    await new Promise<void>((resolve) => {
      const check = () => (pings >= seen + 3 ? resolve() : setTimeout(check, 50));
      check();
    });
    expect(answering.readyState).toBe(WebSocket.OPEN);
    answering.close();
  });
});
