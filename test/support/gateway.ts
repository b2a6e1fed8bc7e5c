/**
 * A gateway for the gateway's own tests: a fresh emulator on loopback with a recognisable API
 * key, the gateway in front of it (remote mode, or embedded exactly as `npm start` embeds it),
 * every log line and response body captured, and a check on close that the API key and the
 * management secret never showed up in any of them.
 */
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/logger.js';
import {
  createGateway,
  type Gateway,
  type GatewayDeps,
  type ListeningInfo,
} from '../../src/server.js';

export const ADMIN_TOKEN = 'gateway-test-admin-token';

/** A fresh, recognisable API key per gateway: a leak shows up as this exact string. */
export function testApiKey(): string {
  return `apikey${randomBytes(16).toString('hex')}`;
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

export interface TestGateway {
  emulator: Emulator;
  gateway: Gateway;
  config: Config;
  info: ListeningInfo;
  /** The secrets that must never leak. */
  secrets: string[];
  /** Every log line the gateway wrote (level trace, no value scrubbing). */
  logs: string[];
  /** Every response body seen through `inProcess`/`overHttp`. */
  bodies: string[];
  /** Calls the gateway in process (`yoga.fetch`), recording the body. */
  inProcess(path: string, init?: RequestInit): Promise<Response>;
  /** Calls the gateway over a real loopback socket, recording the body. */
  overHttp(path: string, init?: RequestInit): Promise<Response>;
  /** Runs a typed operation (in process by default). */
  execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: { token?: string | null; transport?: 'inProcess' | 'overHttp' },
  ): Promise<{ status: number; body: GraphQLResult<TResult> }>;
  /** Records text produced elsewhere (e.g. WebSocket messages) for the leak check. */
  record(text: string): void;
  /** Throws if a secret appears in any captured log line or body. */
  assertNoSecretLeaked(): void;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  /** `remote`: COMETCHAT_BASE_URL + key; `embedded`: emulator mode, as `npm start`. */
  mode?: 'remote' | 'embedded';
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  deps?: Omit<GatewayDeps, 'logger' | 'emulator'>;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const apiKey = testApiKey();
  const mgmtSecret = `mgmtsecret${randomBytes(12).toString('hex')}`;
  const emulator = await startEmulator({
    port: 0,
    seed: 'demo',
    apiKey,
    mgmtSecret,
    webhookRetryDelaysMs: [50, 100],
    ...options.emulator,
  });
  const mode = options.mode ?? 'remote';
  const env: Record<string, string> =
    mode === 'embedded'
      ? { NODE_ENV: 'test', PORT: '0', ...options.env }
      : {
          NODE_ENV: 'test',
          PORT: '0',
          COMETCHAT_BASE_URL: emulator.baseUrl,
          COMETCHAT_API_KEY: emulator.apiKey,
          COMETCHAT_APP_ID: emulator.appId,
          COMETCHAT_MGMT_BASE_URL: emulator.mgmtBaseUrl,
          COMETCHAT_MGMT_KEY: emulator.mgmtKey,
          COMETCHAT_MGMT_SECRET: emulator.mgmtSecret,
          GATEWAY_ADMIN_TOKENS: ADMIN_TOKEN,
          ...options.env,
        };
  const config = loadConfig(env);
  const logs: string[] = [];
  const bodies: string[] = [];
  // No value scrubbing here: the point is to prove the code never logs the secrets at all.
  const logger = createLogger({
    level: 'trace',
    destination: { write: (line) => logs.push(line) },
  });
  const gateway = createGateway(config, {
    logger,
    ...(mode === 'embedded' ? { emulator } : {}),
    ...options.deps,
  });
  const info = await gateway.listen();
  const secrets = [apiKey, mgmtSecret];

  async function recorded(response: Response): Promise<Response> {
    const copy = response.clone();
    const encoding = copy.headers.get('content-encoding');
    if (!encoding) bodies.push(await copy.text());
    return response;
  }

  const self: TestGateway = {
    emulator,
    gateway,
    config,
    info,
    secrets,
    logs,
    bodies,
    async inProcess(path, init) {
      return recorded(await gateway.yoga.fetch(`http://gateway${path}`, init ?? {}));
    },
    async overHttp(path, init) {
      return recorded(await fetch(`${info.url}${path}`, init));
    },
    async execute<TResult, TVariables>(
      document: TypedDocumentNode<TResult, TVariables>,
      variables?: TVariables,
      opts: { token?: string | null; transport?: 'inProcess' | 'overHttp' } = {},
    ) {
      const token = opts.token === undefined ? (config.adminTokens[0] ?? null) : opts.token;
      const init: RequestInit = {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
      };
      const response =
        opts.transport === 'overHttp'
          ? await self.overHttp('/graphql', init)
          : await self.inProcess('/graphql', init);
      const body = (await response.json()) as GraphQLResult<TResult>; // the typed document's result
      return { status: response.status, body };
    },
    record(text) {
      bodies.push(text);
    },
    assertNoSecretLeaked() {
      for (const secret of secrets) {
        const line = logs.find((entry) => entry.includes(secret));
        if (line) throw new Error(`A secret leaked into a log line: ${line.slice(0, 300)}`);
        const body = bodies.find((entry) => entry.includes(secret));
        if (body) throw new Error(`A secret leaked into a response body: ${body.slice(0, 300)}`);
      }
    },
    async close() {
      await gateway.close();
      if (mode !== 'embedded') await emulator.close();
      self.assertNoSecretLeaked();
    },
  };
  return self;
}

/** Waits until `check` returns a value (not undefined), polling; fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 3000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
