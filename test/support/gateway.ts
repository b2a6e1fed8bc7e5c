/**
 * The gateway as the tests run it: a fresh emulator on loopback and the gateway in front of it
 * (remote mode, or embedded exactly as `npm start` embeds it), called in process through
 * `yoga.fetch`, over a real socket, or as another caller over the same schema.
 *
 * `startTestGateway` also listens, captures every log line and response body, and checks on close
 * that the API key and the management secret never showed up in any of them. `startQuietGateway`
 * (the schema suites' harness) stays in process and silent, with the emulator's own settings.
 */
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql/index.js';
import { createYoga } from 'graphql-yoga';
import { upstreamCallBudget, useUpstreamBudget } from '../../src/budget.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Caller, createContext } from '../../src/context.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { schema } from '../../src/schema/index.js';
import {
  createGateway,
  type Gateway,
  type GatewayDeps,
  type ListeningInfo,
} from '../../src/server.js';
import { UpstreamClient, type UpstreamClientOptions } from '../../src/upstream/client.js';
import { type GraphQLResponse, postGraphQL } from './graphql-http.js';

export const ADMIN_TOKEN = 'gateway-test-admin-token';

/** A fresh, recognisable API key per gateway: a leak shows up as this exact string. */
export function testApiKey(): string {
  return `apikey${randomBytes(16).toString('hex')}`;
}

/** A gateway over its own emulator, called in process. */
export interface InProcessGateway {
  emulator: Emulator;
  gateway: Gateway;
  config: Config;
  /** Calls the gateway in process (`yoga.fetch`), recording the body. */
  inProcess(path: string, init?: RequestInit): Promise<Response>;
  /** Runs an operation as the admin (or with `token`, or with none when `token` is null). */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null },
  ): Promise<GraphQLResponse<T>>;
  /** Runs a typed operation in process (as the admin, or with `token`, or with none). */
  execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: { token?: string | null },
  ): Promise<{ status: number; body: GraphQLResponse<TResult> }>;
  /**
   * Runs an operation as `caller` (or through another `upstream` client): a Yoga over the same
   * schema, with the same upstream-call budget, that hands every request that caller, since HTTP
   * callers are admins only.
   */
  queryAs<T = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
    options?: { upstream?: UpstreamClient },
  ): Promise<GraphQLResponse<T>>;
  /** Runs an operation as the end user `uid` (see `queryAs`). */
  asUser<T = Record<string, unknown>>(
    uid: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Runs `fn` and returns how many API requests the emulator received meanwhile. */
  countUpstream(fn: () => Promise<unknown>): Promise<number>;
  /** How many `method path` requests the emulator has logged since its log was last cleared. */
  requestCount(method: string, path: string): number;
  close(): Promise<void>;
}

export interface TestGateway extends InProcessGateway {
  info: ListeningInfo;
  /** The secrets that must never leak. */
  secrets: string[];
  /** Every log line the gateway wrote (level trace, no value scrubbing). */
  logs: string[];
  /** Every response body seen through `inProcess`/`overHttp`. */
  bodies: string[];
  /** Calls the gateway over a real loopback socket, recording the body. */
  overHttp(path: string, init?: RequestInit): Promise<Response>;
  /** Runs a typed operation (in process by default). */
  execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: { token?: string | null; transport?: 'inProcess' | 'overHttp' },
  ): Promise<{ status: number; body: GraphQLResponse<TResult> }>;
  /** Records text produced elsewhere (e.g. WebSocket messages) for the leak check. */
  record(text: string): void;
  /** Throws if a secret appears in any captured log line or body. */
  assertNoSecretLeaked(): void;
}

export interface TestGatewayOptions {
  /** `remote`: COMETCHAT_BASE_URL + key; `embedded`: emulator mode, as `npm start`. */
  mode?: 'remote' | 'embedded';
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  deps?: Omit<GatewayDeps, 'logger' | 'emulator'>;
  /**
   * Settings for the gateway's CometChat client over the defaults (e.g. a short
   * `requestTimeoutMs`, or `management: undefined` for a gateway without management credentials).
   */
  client?: Partial<UpstreamClientOptions>;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const apiKey = testApiKey();
  const mgmtSecret = `mgmtsecret${randomBytes(12).toString('hex')}`;
  const logs: string[] = [];
  const base = await assemble(
    {
      ...options,
      emulator: { apiKey, mgmtSecret, webhookRetryDelaysMs: [50, 100], ...options.emulator },
    },
    // No value scrubbing here: the point is to prove the code never logs the secrets at all.
    createLogger({ level: 'trace', destination: { write: (line) => logs.push(line) } }),
  );
  const info = await base.listen();
  const secrets = [apiKey, mgmtSecret];
  const self: TestGateway = {
    ...base,
    info,
    secrets,
    logs,
    record(text) {
      base.bodies.push(text);
    },
    assertNoSecretLeaked() {
      for (const secret of secrets) {
        const line = logs.find((entry) => entry.includes(secret));
        if (line) throw new Error(`A secret leaked into a log line: ${line.slice(0, 300)}`);
        const body = base.bodies.find((entry) => entry.includes(secret));
        if (body) throw new Error(`A secret leaked into a response body: ${body.slice(0, 300)}`);
      }
    },
    async close() {
      await base.close();
      self.assertNoSecretLeaked();
    },
  };
  return self;
}

/** A silent gateway in process only (no socket, no log capture), on the emulator's own settings. */
export function startQuietGateway(options: TestGatewayOptions = {}): Promise<InProcessGateway> {
  return assemble(options, createLogger({ level: 'silent', secrets: [] }));
}

/** What both kinds share; `startTestGateway` adds the socket and the leak check. */
interface Assembled extends InProcessGateway {
  /** Every response body seen through `inProcess`/`overHttp`. */
  bodies: string[];
  /** Calls the gateway over a real loopback socket (after `listen`), recording the body. */
  overHttp(path: string, init?: RequestInit): Promise<Response>;
  listen(): Promise<ListeningInfo>;
}

async function assemble(options: TestGatewayOptions, logger: Logger): Promise<Assembled> {
  const emulator = await startEmulator({ port: 0, seed: 'demo', ...options.emulator });
  const mode = options.mode ?? 'remote';
  const env: Record<string, string> =
    mode === 'embedded'
      ? { NODE_ENV: 'test', PORT: '0', ...options.env }
      : {
          NODE_ENV: 'test',
          PORT: '0',
          COMETCHAT_BASE_URL: emulator.baseUrl,
          COMETCHAT_CALL_BASE_URL: emulator.callBaseUrl,
          COMETCHAT_API_KEY: emulator.apiKey,
          COMETCHAT_APP_ID: emulator.appId,
          COMETCHAT_MGMT_BASE_URL: emulator.mgmtBaseUrl,
          COMETCHAT_MGMT_KEY: emulator.mgmtKey,
          COMETCHAT_MGMT_SECRET: emulator.mgmtSecret,
          GATEWAY_ADMIN_TOKENS: ADMIN_TOKEN,
          ...options.env,
        };
  const config = loadConfig(env);
  const client = options.client;
  const gateway = createGateway(config, {
    logger,
    ...(mode === 'embedded' ? { emulator } : {}),
    ...(client
      ? {
          upstream: new UpstreamClient({
            baseUrl: emulator.baseUrl,
            callBaseUrl: emulator.callBaseUrl,
            apiKey: emulator.apiKey,
            management: {
              baseUrl: emulator.mgmtBaseUrl,
              appId: emulator.appId,
              key: emulator.mgmtKey,
              secret: emulator.mgmtSecret,
            },
            logger: logger.child({ component: 'upstream' }),
            ...client,
          }),
        }
      : {}),
    ...options.deps,
  });
  const bodies: string[] = [];
  let url: string | null = null;

  async function recorded(response: Response): Promise<Response> {
    const copy = response.clone();
    if (!copy.headers.get('content-encoding')) bodies.push(await copy.text());
    return response;
  }

  const self: Assembled = {
    emulator,
    gateway,
    config,
    bodies,
    async listen() {
      const info = await gateway.listen();
      url = info.url;
      return info;
    },
    inProcess: async (path, init) =>
      recorded(await gateway.yoga.fetch(`http://gateway${path}`, init ?? {})),
    async overHttp(path, init) {
      if (url === null) throw new Error('This gateway does not listen on a socket.');
      return recorded(await fetch(`${url}${path}`, init));
    },
    async query<T>(
      text: string,
      variables: Record<string, unknown> = {},
      opts: { token?: string | null } = {},
    ) {
      const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
      const send = (init: RequestInit) => self.inProcess('/graphql', init);
      return (await postGraphQL<T>(send, { query: text, variables }, { token })).body;
    },
    async execute<TResult, TVariables>(
      document: TypedDocumentNode<TResult, TVariables>,
      variables?: TVariables,
      opts: { token?: string | null; transport?: 'inProcess' | 'overHttp' } = {},
    ) {
      const token = opts.token === undefined ? (config.adminTokens[0] ?? null) : opts.token;
      const send = (init: RequestInit) =>
        opts.transport === 'overHttp'
          ? self.overHttp('/graphql', init)
          : self.inProcess('/graphql', init);
      return postGraphQL<TResult>(
        send,
        { query: print(document), variables: variables ?? {} },
        { token, accept: 'application/graphql-response+json, application/json' },
      );
    },
    async queryAs<T>(
      caller: Caller,
      text: string,
      variables: Record<string, unknown> = {},
      opts: { upstream?: UpstreamClient } = {},
    ) {
      const yoga = createYoga({
        schema,
        logging: false,
        plugins: [useUpstreamBudget(config.maxUpstreamCalls)],
        context: () =>
          createContext({
            caller,
            upstream: opts.upstream ?? gateway.upstream,
            signal: undefined,
            requestId: 'test',
            logger: gateway.logger,
            maxUpstreamCalls: upstreamCallBudget(config.maxUpstreamCalls, caller),
          }),
      });
      const send = async (init: RequestInit) => yoga.fetch('http://gateway/graphql', init);
      return (await postGraphQL<T>(send, { query: text, variables })).body;
    },
    asUser: (uid, text, variables) => self.queryAs({ kind: 'user', uid }, text, variables),
    async countUpstream(fn) {
      emulator.clearRequests();
      await fn();
      return emulator.requests().length;
    },
    requestCount: (method, path) =>
      emulator.requests().filter((entry) => entry.method === method && entry.path === path).length,
    async close() {
      await gateway.close();
      if (mode !== 'embedded') await emulator.close();
    },
  };
  return self;
}
