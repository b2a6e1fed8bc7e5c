/** What `bench/run.ts` and its child `bench/serve.ts` share. */

/** The admin token the benchmark's gateway accepts (loopback only, never a real credential). */
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

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
