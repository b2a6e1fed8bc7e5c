/**
 * Gateways sharing one emulator, each registered with it as `npm start` registers (so the
 * emulator delivers every webhook to each of them), for the read-cache tests: one with the cache
 * on, one with it off, compared on the same data. Also: writes straight to the emulator's REST
 * API, and waiting until every webhook delivery of the emulator has been answered.
 */
import { DEV_ADMIN_TOKEN, loadConfig } from '../../src/config.js';
import type { Emulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/logger.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { until } from './wait.js';

/**
 * Starts a gateway on `emulator` (which stays open when the gateway closes): in emulator mode,
 * registered for its webhooks; with `receiver: false`, as a replica pointed at it by URL and key,
 * whose receiver is off and which the emulator knows nothing of.
 */
export async function gatewayOn(
  emulator: Emulator,
  env: Record<string, string> = {},
  options: { receiver?: boolean } = {},
): Promise<Gateway> {
  const logger = createLogger({ level: 'silent', secrets: [] });
  if (options.receiver === false) {
    const remote = createGateway(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        COMETCHAT_BASE_URL: emulator.baseUrl,
        COMETCHAT_API_KEY: emulator.apiKey,
        COMETCHAT_APP_ID: emulator.appId,
        ...env,
      }),
      { logger },
    );
    await remote.listen();
    return remote;
  }
  const gateway = createGateway(loadConfig({ NODE_ENV: 'test', PORT: '0', ...env }), {
    logger,
    emulator: {
      baseUrl: emulator.baseUrl,
      mgmtBaseUrl: emulator.mgmtBaseUrl,
      callBaseUrl: emulator.callBaseUrl,
      appId: emulator.appId,
      apiKey: emulator.apiKey,
      mgmtKey: emulator.mgmtKey,
      mgmtSecret: emulator.mgmtSecret,
      close: () => Promise.resolve(),
    },
  });
  await gateway.listen();
  return gateway;
}

export interface Answer<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Runs an operation as the development admin, acting as `actAs` when given. */
export async function gql<T = Record<string, unknown>>(
  gateway: Gateway,
  query: string,
  variables: Record<string, unknown> = {},
  actAs?: string,
): Promise<Answer<T>> {
  const response = await gateway.yoga.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${DEV_ADMIN_TOKEN}`,
      'content-type': 'application/json',
      ...(actAs ? { 'x-act-as': actAs } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer<T>;
}

/** A call straight to the emulator's REST API (not through any gateway); resolves with `data`. */
export async function rest(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
  onBehalfOf?: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.baseUrl}${path}`, {
    method,
    headers: {
      apikey: emulator.apiKey,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(onBehalfOf ? { onBehalfOf } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as { data?: Record<string, unknown> };
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json.data ?? {};
}

/**
 * Waits until the emulator has no webhook delivery queued or in flight: every receiver has
 * answered every delivery of the writes made so far (generously bounded, never timed).
 */
export async function deliveriesAnswered(emulator: Emulator): Promise<void> {
  await until(() => emulator.pendingDeliveries() === 0, 30_000);
}

/** API requests the emulator received while `fn` ran, as `METHOD path` (path without /v3). */
export async function upstreamCalls(emulator: Emulator, fn: () => Promise<unknown>) {
  await deliveriesAnswered(emulator);
  emulator.clearRequests();
  await fn();
  return emulator.requests().map((entry) => `${entry.method} ${entry.path}`);
}
