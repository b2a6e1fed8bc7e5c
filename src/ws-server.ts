/**
 * graphql-ws's protocol server (`makeServer`) on `ws` sockets: what `graphql-ws/use/ws` does, with
 * an idle connection kept cheap, since a gateway holds many of them:
 *
 * - one keep-alive timer for all sockets (every `keepAliveMs` each open socket is pinged; one that
 *   has not answered the previous ping by then is terminated), not an interval per socket;
 * - the connection initialisation timeout (4408) is a timer dropped once `connection_init` came;
 * - the upgrade request is not kept: only the headers the gateway reads from it (request id and
 *   W3C trace context) are, in `extra.headers`;
 * - a received message is handed over as a string and its buffer is not held while the
 *   subscription it started lasts.
 *
 * Close codes and reasons are graphql-ws's (4408, 4500 on an internal error).
 */
import type { IncomingMessage } from 'node:http';
import {
  CloseCode,
  handleProtocols,
  makeServer,
  type WebSocket as ProtocolSocket,
  type ServerOptions,
} from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from './logger.js';

/** What the gateway keeps of the upgrade request. */
export interface UpgradeHeaders {
  requestId: string | undefined;
  traceparent: string | undefined;
}

/** `ctx.extra` of every operation's graphql-ws context. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly headers: UpgradeHeaders;
  /** Set by `onConnect` once the connection parameters authenticated someone. */
  caller?: unknown;
  /** The connection initialisation timer, until `connection_init` comes. */
  initWait?: NodeJS.Timeout | undefined;
}

export interface WsServerOptions {
  /** Milliseconds between keep-alive pings (graphql-ws's default, 12 s). */
  keepAliveMs?: number;
  /** Milliseconds a socket has to send `connection_init` (graphql-ws's default, 3 s). */
  connectionInitWaitMs?: number;
  /** Close reasons name no internal error in production. */
  production?: boolean;
  logger: Logger;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function internalReason(error: unknown, production: boolean): string {
  if (production) return 'Internal server error';
  const message = error instanceof Error ? error.message : String(error);
  return message.length < 124 ? message : 'Internal server error';
}

/** The protocol's view of one `ws` socket (methods on a prototype: no closures per socket). */
class SocketAdapter implements ProtocolSocket {
  constructor(
    private readonly ws: WebSocket,
    private readonly logger: Logger,
    private readonly production: boolean,
  ) {}

  get protocol(): string {
    return this.ws.protocol;
  }

  send(data: string): Promise<void> {
    const ws = this.ws;
    return new Promise((resolve, reject) => {
      if (ws.readyState !== ws.OPEN) return resolve();
      ws.send(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  onMessage(cb: (data: string) => Promise<void>): void {
    const { ws, logger, production } = this;
    ws.on('message', (data) => {
      // Not awaited here, so the message's buffer is not held while the operation runs.
      cb(String(data)).catch((error: unknown) => {
        logger.error({ err: error }, 'WebSocket message handling failed');
        ws.close(CloseCode.InternalServerError, internalReason(error, production));
      });
    });
  }
}

/** Sockets waiting for the pong of the last ping. */
function createKeepAlive(intervalMs: number) {
  const open = new Set<WebSocket>();
  const waiting = new WeakSet<WebSocket>();
  let timer: NodeJS.Timeout | null = null;
  function onPong(this: WebSocket) {
    waiting.delete(this);
  }
  function tick() {
    for (const ws of open) {
      if (ws.readyState !== ws.OPEN) continue;
      if (waiting.has(ws)) {
        ws.terminate();
        continue;
      }
      waiting.add(ws);
      ws.ping();
    }
  }
  return {
    add(ws: WebSocket) {
      if (!(intervalMs > 0 && Number.isFinite(intervalMs))) return;
      open.add(ws);
      ws.on('pong', onPong);
      if (timer === null) {
        timer = setInterval(tick, intervalMs);
        timer.unref();
      }
    },
    remove(ws: WebSocket) {
      open.delete(ws);
      if (open.size === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    },
  };
}

/**
 * Serves graphql-transport-ws on `wss` with graphql-ws's `makeServer(options)`; `options.onConnect`
 * runs as given (the initialisation timer is dropped before it).
 */
export function useWsServer<P extends Record<string, unknown> | undefined>(
  options: ServerOptions<P, SocketExtra>,
  wss: WebSocketServer,
  settings: WsServerOptions,
): { dispose(): Promise<void> } {
  const { logger } = settings;
  const production = settings.production ?? true;
  const keepAliveMs = settings.keepAliveMs ?? 12_000;
  const initWaitMs = settings.connectionInitWaitMs ?? 3_000;
  const onConnect = options.onConnect;
  const server = makeServer<P, SocketExtra>({
    ...options,
    connectionInitWaitTimeout: 0,
    onConnect: (ctx) => {
      clearTimeout(ctx.extra.initWait);
      ctx.extra.initWait = undefined;
      return onConnect ? onConnect(ctx) : true;
    },
  });
  const keepAlive = createKeepAlive(keepAliveMs);
  wss.options.handleProtocols = handleProtocols;
  wss.once('error', (error) => {
    logger.error({ err: error }, 'WebSocket server error');
    for (const client of wss.clients) {
      client.close(CloseCode.InternalServerError, internalReason(error, production));
    }
  });
  wss.on('connection', (ws: WebSocket, request: IncomingMessage) => {
    ws.once('error', (error) => {
      logger.error({ err: error }, 'WebSocket error');
      ws.close(CloseCode.InternalServerError, internalReason(error, production));
    });
    const extra: SocketExtra = {
      socket: ws,
      headers: {
        requestId: header(request, 'x-request-id'),
        traceparent: header(request, 'traceparent'),
      },
    };
    if (initWaitMs > 0 && Number.isFinite(initWaitMs)) {
      extra.initWait = setTimeout(() => {
        extra.initWait = undefined;
        ws.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
      }, initWaitMs);
    }
    keepAlive.add(ws);
    const closed = server.opened(new SocketAdapter(ws, logger, production), extra);
    ws.once('close', (code, reason) => {
      clearTimeout(extra.initWait);
      extra.initWait = undefined;
      keepAlive.remove(ws);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => {
        wss.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
