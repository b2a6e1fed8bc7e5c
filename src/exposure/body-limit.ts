/**
 * The request body limit. Two places enforce it, so no body is ever held beyond the limit:
 * - `admit`, called from the node `http` request listener before Yoga sees the request: a
 *   declared `Content-Length` over the limit is refused at once, from the headers alone.
 * - `streamingPlugin` counts the bytes while a body without a declared length (chunked, or a
 *   stream handed to Yoga in process) streams in, so it is cut off as soon as it crosses the limit.
 *   A body that came through node's HTTP server with a `Content-Length` is not counted again:
 *   node's parser delivers exactly the declared bytes (a malformed or conflicting length is refused
 *   with a 400 before any listener runs), and `admit` has compared that length with the limit. It
 *   replaces Yoga's `maxRequestBodySize` (turned off), which pipes every body through a transform
 *   stream, with a stream pipeline and an `AbortController` per request, whatever its length.
 * `plugin` gives the second refusal the same answer as the first: HTTP 413, `PAYLOAD_TOO_LARGE`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors.js';

export const PAYLOAD_TOO_LARGE_MESSAGE = 'The request body is larger than this gateway accepts.';

// The code Yoga's own streaming limit uses (and the streaming plugin below); it is mapped to ours.
const YOGA_TOO_LARGE_CODE = 'REQUEST_ENTITY_TOO_LARGE';
const DECIMAL = /^\d+$/;

function streamingTooLarge(): GraphQLError {
  return new GraphQLError('Request body too large', {
    extensions: { http: { status: 413 }, code: YOGA_TOO_LARGE_CODE },
  });
}

type FetchApi = { Request: typeof Request; TransformStream: typeof TransformStream };

/** The request with its body counted while it streams (what Yoga's own limit does). */
function countedRequest(request: Request, maxBytes: number, fetchAPI: FetchApi): Request {
  const body = request.body;
  if (!body) return request;
  // A native stream (a request built in process) pipes into a native transform, the adapter's
  // own into the adapter's (see Yoga's use-limit-request-body-size).
  const Transform =
    body instanceof globalThis.ReadableStream
      ? globalThis.TransformStream
      : fetchAPI.TransformStream;
  let bytesRead = 0;
  const counted = body.pipeThrough(
    new Transform({
      transform(chunk: Uint8Array, controller) {
        bytesRead += chunk.byteLength;
        if (bytesRead > maxBytes) {
          controller.error(streamingTooLarge());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}

// After a refusal the client may still be uploading. Closing a socket with unread data resets
// the connection, and the client may then lose the 413 it has not read yet; so the rest of the
// body is read and dropped for a while (memory stays flat); if it is still coming after that,
// the socket is closed.
const DEFAULT_LINGER_MS = 30_000;

export interface BodyLimitOptions {
  maxBytes: number;
  /** Paths with a limit of their own (the webhook receiver). */
  exemptPaths: readonly string[];
  lingerMs?: number;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface BodyLimit {
  /** False when the request was refused here (the answer is sent); true to hand it to Yoga. */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * A `checkContinue` listener: a client that asks before sending its body
   * (`Expect: 100-continue`) is refused before it sends it, or told to go on and handed to
   * `listener`. Without it node answers 100 Continue to everyone, and the body comes anyway.
   */
  continueOrRefuse(listener: RequestListener): RequestListener;
  /** Maps the streaming refusal to `PAYLOAD_TOO_LARGE` and drains what the client still sends. */
  plugin: Plugin;
  /**
   * The streaming count (see above). It wraps the request parser Yoga picked, so it goes after
   * every plugin that sets one.
   */
  streamingPlugin: Plugin;
}

/** The error a client gets for a body over the limit. */
export function payloadTooLarge(): GraphQLError {
  return gatewayError('PAYLOAD_TOO_LARGE', PAYLOAD_TOO_LARGE_MESSAGE) as GraphQLError; // gatewayError builds a GraphQLError
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

function isYogaTooLarge(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions?.code === YOGA_TOO_LARGE_CODE;
}

function isNodeRequest(value: unknown): value is IncomingMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    'socket' in value &&
    'complete' in value &&
    typeof (value as { resume?: unknown }).resume === 'function' // checked right here
  );
}

/** Reads and drops the rest of a refused body for up to `lingerMs`, then closes the socket. */
function drainThenClose(req: IncomingMessage, lingerMs: number): void {
  if (req.complete || req.destroyed) return;
  const socket = req.socket;
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  const stop = () => clearTimeout(timer);
  req.once('end', stop);
  req.once('close', stop);
  socket.once('close', stop);
  req.resume();
}

export function createBodyLimit(options: BodyLimitOptions): BodyLimit {
  const { maxBytes } = options;
  const lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  const exempt = new Set(options.exemptPaths);
  const refusal = JSON.stringify({
    errors: [{ message: PAYLOAD_TOO_LARGE_MESSAGE, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
  });

  function admit(req: IncomingMessage, res: ServerResponse): boolean {
    if (exempt.has(pathOf(req.url))) return true;
    // Node's parser has already refused a malformed or conflicting Content-Length (400).
    const declared = req.headers['content-length'];
    if (declared === undefined || Number(declared) <= maxBytes) return true;
    res.writeHead(413, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(refusal),
      'cache-control': 'no-store',
    });
    res.end(refusal);
    drainThenClose(req, lingerMs);
    return false;
  }

  return {
    admit,
    continueOrRefuse(listener) {
      return (req, res) => {
        if (!admit(req, res)) return;
        res.writeContinue();
        listener(req, res);
      };
    },
    plugin: {
      onResultProcess({ result, setResult }) {
        if (Array.isArray(result) || !('errors' in result) || !result.errors) return;
        if (!result.errors.some(isYogaTooLarge)) return;
        setResult({
          ...result,
          errors: result.errors.map((error) => (isYogaTooLarge(error) ? payloadTooLarge() : error)),
        });
      },
      onResponse({ response, serverContext }) {
        if (response.status !== 413) return;
        const req = (serverContext as { req?: unknown }).req; // node's request over HTTP, absent in process
        if (isNodeRequest(req)) drainThenClose(req, lingerMs);
      },
    },
    streamingPlugin: {
      onRequestParse({ request, requestParser, setRequestParser, serverContext, fetchAPI }) {
        const declared = request.headers.get('content-length');
        if (declared !== null) {
          if (!DECIMAL.test(declared)) {
            throw new GraphQLError('Content-Length header is invalid.', {
              extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
            });
          }
          if (Number(declared) > maxBytes) throw streamingTooLarge();
          // Node's parser delivers exactly the declared bytes: nothing more to count.
          if (isNodeRequest((serverContext as { req?: unknown }).req)) return;
        }
        if (!requestParser || !request.body) return;
        const parse = requestParser;
        setRequestParser((req) => parse(countedRequest(req, maxBytes, fetchAPI)));
      },
    },
  };
}
