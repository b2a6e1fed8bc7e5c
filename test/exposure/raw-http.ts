/**
 * A hand-driven HTTP/1.1 client for the body-limit tests: it declares a length (or sends chunked),
 * streams a JSON body from one shared buffer (so the client itself stays small), respects
 * back-pressure, and stops as soon as the gateway answers. With `holdOpen`, it never ends the
 * body: a gateway that waits for the whole body before answering then never answers.
 */
import { request } from 'node:http';

export interface RawOutcome {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Body bytes handed to the socket before the answer arrived. */
  bytesSent: number;
}

export interface RawBodyOptions {
  /** A declared Content-Length; chunked transfer when absent. */
  contentLength?: number;
  /** How many body bytes to send at most before waiting for the answer. */
  sendBytes: number;
  /** Never end the body (the answer must come while the body is still open). */
  holdOpen?: boolean;
  path?: string;
  headers?: Record<string, string>;
  /** How long to wait for an answer before failing (generous: machines are shared). */
  timeoutMs?: number;
}

const FILLER = Buffer.alloc(64 * 1024, 'a');
const PREFIX = Buffer.from('{"query":"{ __typename }","extensions":{"padding":"');
const SUFFIX = Buffer.from('"}}');

/** POSTs a padded GraphQL body to `baseUrl` and resolves with the gateway's answer. */
export function postRawBody(baseUrl: string, options: RawBodyOptions): Promise<RawOutcome> {
  const url = new URL(options.path ?? '/graphql', baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let answered = false;
    let bytesSent = 0;
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        ...(options.contentLength !== undefined
          ? { 'content-length': String(options.contentLength) }
          : { 'transfer-encoding': 'chunked' }),
        ...options.headers,
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`No answer within ${timeoutMs} ms after ${bytesSent} body bytes`));
    }, timeoutMs);
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          bytesSent,
        });
        req.destroy();
      });
      res.on('error', () => undefined);
    });
    // The gateway may close the connection while the rest of a refused body is still on its way.
    req.on('error', (error) => {
      if (answered) return;
      clearTimeout(timer);
      reject(error);
    });

    const write = (chunk: Buffer): boolean => {
      bytesSent += chunk.length;
      return req.write(chunk);
    };
    if (options.sendBytes === 0) {
      req.flushHeaders();
      return;
    }
    write(PREFIX);
    const pump = () => {
      while (!answered && !req.destroyed && bytesSent < options.sendBytes) {
        const room = options.sendBytes - bytesSent;
        const ok = write(room >= FILLER.length ? FILLER : FILLER.subarray(0, room));
        if (!ok) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && !req.destroyed && !options.holdOpen) req.end(SUFFIX);
    };
    pump();
  });
}

/** The Content-Length of a complete body of which `sendBytes` are sent before its end. */
export function completeLength(sendBytes: number): number {
  return sendBytes + SUFFIX.length;
}
