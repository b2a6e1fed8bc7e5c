/**
 * A gateway wired to a fresh emulator on loopback, for schema tests: real HTTP between the two,
 * the gateway called in process through `yoga.fetch`, and the emulator's request log to count
 * upstream calls.
 */

import { loadConfig } from '../../src/config.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/logger.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { UpstreamClient, type UpstreamClientOptions } from '../../src/upstream/client.js';

export const ADMIN_TOKEN = 'test-admin-token';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Harness {
  emulator: Emulator;
  gateway: Gateway;
  /** Runs an operation as the admin (or with `token`, or with none when `token` is null). */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null },
  ): Promise<GraphQLResponse<T>>;
  /** Runs `fn` and returns how many API requests the emulator received meanwhile. */
  countUpstream(fn: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * Settings for the gateway's CometChat client over the defaults (e.g. a short
   * `requestTimeoutMs`, or `management: undefined` for a gateway without management credentials).
   */
  client?: Partial<UpstreamClientOptions>;
}

export async function startHarness(
  options: EmulatorOptions = {},
  harnessOptions: HarnessOptions = {},
): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, seed: 'demo', ...options });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COMETCHAT_BASE_URL: emulator.baseUrl,
    COMETCHAT_API_KEY: emulator.apiKey,
    COMETCHAT_MGMT_BASE_URL: emulator.mgmtBaseUrl,
    COMETCHAT_APP_ID: emulator.appId,
    COMETCHAT_MGMT_KEY: emulator.mgmtKey,
    COMETCHAT_MGMT_SECRET: emulator.mgmtSecret,
    GATEWAY_ADMIN_TOKENS: ADMIN_TOKEN,
  });
  const client = harnessOptions.client;
  const gateway = createGateway(config, {
    logger: createLogger({ level: 'silent', secrets: [] }),
    ...(client
      ? {
          upstream: new UpstreamClient({
            baseUrl: emulator.baseUrl,
            apiKey: emulator.apiKey,
            management: {
              baseUrl: emulator.mgmtBaseUrl,
              appId: emulator.appId,
              key: emulator.mgmtKey,
              secret: emulator.mgmtSecret,
            },
            ...client,
          }),
        }
      : {}),
  });

  async function query<T>(
    text: string,
    variables: Record<string, unknown> = {},
    opts: { token?: string | null } = {},
  ): Promise<GraphQLResponse<T>> {
    const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
    const response = await gateway.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>; // a GraphQL-over-HTTP JSON body
  }

  return {
    emulator,
    gateway,
    query,
    async countUpstream(fn) {
      emulator.clearRequests();
      await fn();
      return emulator.requests().length;
    },
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}
