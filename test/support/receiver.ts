/** A webhook endpoint on loopback that records every delivery, for the emulator's webhook tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  authorization: string | undefined;
  contentType: string | undefined;
  /** The parsed JSON body. */
  body: unknown;
}

export interface Receiver {
  /** `http://127.0.0.1:PORT/hook` */
  url: string;
  /** Every delivery so far, oldest first (tests may clear or splice it). */
  received: Delivery[];
  /** Statuses for the next answers, in order; 200 once they run out. */
  statuses: number[];
  /** How long each answer waits. */
  delayMs: number;
  /** When set, answers wait for this promise (then `delayMs`): the test decides when. */
  hold?: Promise<void> | undefined;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.received.push({
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      const status = receiver.statuses.shift() ?? 200;
      const answer = () =>
        setTimeout(() => {
          res.writeHead(status);
          res.end('ok');
        }, receiver.delayMs);
      if (receiver.hold) void receiver.hold.then(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP, so an AddressInfo
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received: [],
    statuses: [],
    delayMs: 0,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
