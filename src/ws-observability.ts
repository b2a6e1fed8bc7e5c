/**
 * Request-scoped observability for GraphQL over WebSocket (graphql-transport-ws): each operation
 * is a request of its own. It gets a request scope (request id, the socket's trace id, caller
 * kind, upstream calls), so upstream calls made for it, including those made while a subscription
 * event is enriched, count towards it and log with its id; and one access line when it ends
 * (completed by either side, failed validation, or the socket closed), with the operation's name
 * and type, duration, upstream calls, events sent and caller kind. A closed socket gets one line
 * with its close code.
 *
 * Never logged: the connection parameters (they carry the token), variables, the document.
 */
import { getOperationAST } from 'graphql/index.js';
import type { Logger } from './logger.js';
import {
  createScope,
  type RequestScope,
  requestLogger,
  runInScope,
  sanitizeRequestId,
  traceIdOf,
} from './request-scope.js';
import type { UpgradeHeaders } from './ws-server.js';

const MAX_LOGGED = 100;
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

interface OperationLog {
  scope: RequestScope;
  events: number;
  ended: boolean;
}

interface SocketLog {
  connectionId: string;
  traceId: string | undefined;
  openedAt: number;
  operations: number;
  live: Map<string, OperationLog>;
}

/** The part of graphql-ws's server context this module reads (its `extra` holds our fields). */
export interface SocketContext {
  extra: { headers: UpgradeHeaders };
}

/**
 * The same id as one flat string. V8 keeps a string built by concatenation (a random UUID is
 * built from 20 pieces, and an operation's id from the socket's and the client's) as a tree of
 * pieces, several times the size of its text; these ids live as long as the socket or the
 * subscription, so they are copied once into one piece. (Ids are ASCII: see `sanitizeRequestId`.)
 */
function flatId(id: string): string {
  return Buffer.from(id, 'latin1').toString('latin1');
}

function loggedName(name: string | null | undefined): string | undefined {
  return name && name.length <= MAX_LOGGED && NAME.test(name) ? name : undefined;
}

const NO_VALUE = Symbol('no value');

function callNext<T>(iterator: AsyncIterator<T>, value: unknown): Promise<IteratorResult<T>> {
  return value === NO_VALUE ? iterator.next() : iterator.next(value);
}

function callReturn<T>(iterator: AsyncIterator<T>, value: unknown): Promise<IteratorResult<T>> {
  return (iterator.return as (v?: unknown) => Promise<IteratorResult<T>>).call(iterator, value);
}

function callThrow<T>(iterator: AsyncIterator<T>, error: unknown): Promise<IteratorResult<T>> {
  return (iterator.throw as (e?: unknown) => Promise<IteratorResult<T>>).call(iterator, error);
}

/**
 * An async iterator whose every step runs inside `scope` (what a subscription's events need).
 * Methods on a prototype: an idle subscription holds one small object, not a set of closures.
 */
class ScopedIterator<T> implements AsyncIterableIterator<T> {
  constructor(
    private readonly scope: RequestScope,
    private readonly iterator: AsyncIterator<T>,
  ) {}

  next(...args: [] | [unknown]): Promise<IteratorResult<T>> {
    return runInScope(this.scope, callNext, this.iterator, args.length === 0 ? NO_VALUE : args[0]);
  }

  return(value?: unknown): Promise<IteratorResult<T>> {
    if (!this.iterator.return) return Promise.resolve({ done: true, value } as IteratorResult<T>);
    return runInScope(this.scope, callReturn, this.iterator, value);
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    if (!this.iterator.throw) return Promise.reject(error);
    return runInScope(this.scope, callThrow, this.iterator, error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}

export interface SocketObservability {
  /** Opens the scope of operation `id` on this socket (call first in onSubscribe). */
  begin(ctx: SocketContext, id: string): RequestScope;
  /** Records what the operation is once its document is known, and who is asking. */
  describe(
    scope: RequestScope,
    document: Parameters<typeof getOperationAST>[0],
    operationName: string | null | undefined,
    callerKind: string | undefined,
  ): void;
  /** Links the execution's context value to its scope (for `run`). */
  bind(contextValue: unknown, scope: RequestScope): void;
  /** Runs execute/subscribe in the scope of the operation whose context value `args` carries. */
  run<T>(contextValue: unknown, execute: () => T): T;
  /** Counts one result sent. */
  next(ctx: SocketContext, id: string): void;
  /** Writes the access line of an operation that ended (completed or refused). */
  end(ctx: SocketContext, id: string, outcome: 'complete' | 'error'): void;
  /** Writes the socket's line and the lines of operations still open when it closed. */
  closed(ctx: SocketContext, code: number | undefined): void;
}

export function createSocketObservability(logger: Logger): SocketObservability {
  const sockets = new WeakMap<object, SocketLog>();
  const scopes = new WeakMap<object, RequestScope>();

  function socketOf(ctx: SocketContext): SocketLog {
    let socket = sockets.get(ctx);
    if (!socket) {
      socket = {
        connectionId: flatId(sanitizeRequestId(ctx.extra.headers.requestId)),
        traceId: traceIdOf(ctx.extra.headers.traceparent),
        openedAt: performance.now(),
        operations: 0,
        live: new Map(),
      };
      sockets.set(ctx, socket);
    }
    return socket;
  }

  function accessLine(socket: SocketLog, id: string, op: OperationLog, outcome: string): void {
    if (op.ended) return;
    op.ended = true;
    socket.live.delete(id);
    const { scope } = op;
    const log = requestLogger(scope);
    if (!log.isLevelEnabled('info')) return;
    log.info(
      {
        transport: 'websocket',
        connectionId: socket.connectionId,
        outcome,
        durationMs: Math.round((performance.now() - scope.startedAt) * 10) / 10,
        ...(scope.operationType ? { operationType: scope.operationType } : {}),
        ...(scope.operationName ? { operationName: scope.operationName } : {}),
        ...(scope.operationType === 'subscription' ? { events: op.events } : {}),
        upstreamCalls: scope.upstreamCalls,
        callerKind: scope.callerKind,
      },
      'request',
    );
  }

  return {
    begin(ctx, id) {
      const socket = socketOf(ctx);
      socket.operations += 1;
      const scope = createScope(
        {
          // The socket's id and the client's operation id, when both are plain; else a fresh id.
          requestId: flatId(sanitizeRequestId(`${socket.connectionId}.${id}`)),
          traceId: socket.traceId,
        },
        logger,
      );
      socket.live.set(id, { scope, events: 0, ended: false });
      return scope;
    },
    describe(scope, document, operationName, callerKind) {
      const operation = getOperationAST(document, operationName ?? undefined);
      scope.operationName = loggedName(operation?.name?.value);
      scope.operationType = operation?.operation;
      if (callerKind) scope.callerKind = callerKind;
    },
    bind(contextValue, scope) {
      if (typeof contextValue === 'object' && contextValue !== null) {
        scopes.set(contextValue, scope);
      }
    },
    run<T>(contextValue: unknown, execute: () => T): T {
      const scope =
        typeof contextValue === 'object' && contextValue !== null
          ? scopes.get(contextValue)
          : undefined;
      if (!scope) return execute();
      const result = runInScope(scope, execute);
      // A subscription's events are produced when graphql-ws pulls them, outside this call:
      // each pull re-enters the operation's scope.
      const wrap = (value: unknown): unknown =>
        typeof value === 'object' && value !== null && Symbol.asyncIterator in value
          ? new ScopedIterator(scope, (value as AsyncIterable<unknown>)[Symbol.asyncIterator]())
          : value;
      if (result instanceof Promise) return result.then(wrap) as T;
      return wrap(result) as T;
    },
    next(ctx, id) {
      const op = sockets.get(ctx)?.live.get(id);
      if (op) op.events += 1;
    },
    end(ctx, id, outcome) {
      const socket = sockets.get(ctx);
      const op = socket?.live.get(id);
      if (socket && op) accessLine(socket, id, op, outcome);
    },
    closed(ctx, code) {
      const socket = sockets.get(ctx);
      if (socket) {
        for (const [id, op] of [...socket.live]) accessLine(socket, id, op, 'closed');
      }
      const opened = socket?.openedAt;
      logger.info(
        {
          transport: 'websocket',
          ...(socket ? { connectionId: socket.connectionId, operations: socket.operations } : {}),
          ...(code !== undefined ? { closeCode: code } : {}),
          ...(opened !== undefined
            ? { durationMs: Math.round((performance.now() - opened) * 10) / 10 }
            : {}),
        },
        'websocket closed',
      );
    },
  };
}
