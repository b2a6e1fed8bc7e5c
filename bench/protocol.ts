/** What `bench/run.ts` and its child `bench/serve.ts` share. */

/** The admin token the benchmark's gateway accepts (loopback only, never a real credential). */
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** The webhook receiver's credentials in the benchmark (loopback only, never a real credential). */
export const BENCH_WEBHOOK = { username: 'benchhook', password: 'benchhookpassword0123' } as const;

/** What the parent asks the child for between runs: its memory and open subscriptions. */
export interface StatsRequest {
  kind: 'stats';
}

/** The child's answer, measured after a full garbage collection when `--expose-gc` is on. */
export interface ServeStats {
  kind: 'stats';
  rss: number;
  heapUsed: number;
  /** Channel subscriptions open on the gateway's event bus. */
  activeSubscriptions: number;
}

export function isServeStats(value: unknown): value is ServeStats {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'stats';
}

/** What the child reports once the emulator and the gateway listen. */
export interface ServeReady {
  kind: 'ready';
  /** http://127.0.0.1:PORT/graphql */
  gatewayUrl: string;
  /** http://127.0.0.1:PORT (the control surface lives under /__emulator). */
  emulatorUrl: string;
  /** emulatorUrl + /v3 */
  emulatorBaseUrl: string;
  apiKey: string;
  latencyMs: number;
  /** The emulator's app id (webhook deliveries must name it). */
  appId: string;
}

/** What the child reports when it cannot start. */
export interface ServeFailed {
  kind: 'failed';
  message: string;
}

export type ServeMessage = ServeReady | ServeFailed;

export function isServeMessage(value: unknown): value is ServeMessage {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  return value.kind === 'ready' || value.kind === 'failed';
}
