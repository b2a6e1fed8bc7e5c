/** What `bench/run.ts` and its children (`emulator-child.ts`, `gateway-child.mjs`) share. */

/** The admin token the benchmark's gateway accepts (loopback only, never a real credential). */
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** The webhook receiver's credentials in the benchmark (loopback only, never a real credential). */
export const BENCH_WEBHOOK = { username: 'benchhook', password: 'benchhookpassword0123' } as const;

/**
 * The V8 flags the gateway runs with in production (`npm run start:prod`, the Docker image) and
 * in the benchmark: a larger young generation, so the short-lived objects of a request die in a
 * scavenge instead of being promoted and collected by the (much dearer) mark-compact collector.
 * `BENCH_GATEWAY_FLAGS` replaces them for an experiment (an empty value runs with V8's defaults).
 */
export const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=32'] as const;

/** What the parent asks a gateway child for: its CPU time and memory (`gc`: after a full collection). */
export interface UsageRequest {
  kind: 'usage';
  gc: boolean;
}

/** The child's answer: `process.cpuUsage()` and `process.memoryUsage()` at the time asked. */
export interface Usage {
  kind: 'usage';
  /** Microseconds of CPU time the process has used, user and system. */
  cpuUser: number;
  cpuSystem: number;
  rss: number;
  heapUsed: number;
  /** Channel subscriptions open on the gateway's event bus. */
  activeSubscriptions: number;
}

export function isUsage(value: unknown): value is Usage {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'usage';
}

/** What the emulator child reports once it listens. */
export interface EmulatorReady {
  kind: 'ready';
  /** http://127.0.0.1:PORT (the control surface lives under /__emulator). */
  url: string;
  /** url + /v3 */
  baseUrl: string;
  mgmtBaseUrl: string;
  apiKey: string;
  appId: string;
  mgmtKey: string;
  mgmtSecret: string;
}

/** What the gateway child reports once it listens. */
export interface GatewayReady {
  kind: 'ready';
  /** http://127.0.0.1:PORT/graphql */
  graphqlUrl: string;
}

/** The system under test as the load generator sees it: the gateway and the emulator behind it. */
export interface ServeReady {
  /** http://127.0.0.1:PORT/graphql */
  gatewayUrl: string;
  /** http://127.0.0.1:PORT (the control surface lives under /__emulator). */
  emulatorUrl: string;
  /** emulatorUrl + /v3 */
  emulatorBaseUrl: string;
  apiKey: string;
  /** The emulator's app id (webhook deliveries must name it). */
  appId: string;
}

/** What a child reports when it cannot start. */
export interface ChildFailed {
  kind: 'failed';
  message: string;
}

export function isReadyOrFailed(value: unknown): value is { kind: 'ready' } | ChildFailed {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  return value.kind === 'ready' || value.kind === 'failed';
}
