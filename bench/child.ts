/**
 * The system under test as a child process (`bench/serve.ts`): started with tsx (and with
 * `--expose-gc` when memory is measured), asked for its stats over IPC, stopped by disconnecting.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  isServeMessage,
  isServeStats,
  type ServeReady,
  type ServeStats,
  type StatsRequest,
} from './protocol.js';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const STATS_TIMEOUT_MS = 30_000;

export interface Server {
  ready: ServeReady;
  /** Memory (after a full collection when started with `exposeGc`) and open subscriptions. */
  stats(): Promise<ServeStats>;
  stop(): Promise<void>;
}

export function startServer(options: { latencyMs: number; exposeGc?: boolean }): Promise<Server> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), [], {
    execArgv: [...(options.exposeGc ? ['--expose-gc'] : []), '--import', 'tsx'],
    env: { ...process.env, EMULATOR_LATENCY_MS: String(options.latencyMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  const stats = () =>
    new Promise<ServeStats>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error('bench/serve.ts did not report its stats'));
      }, STATS_TIMEOUT_MS);
      const onMessage = (message: unknown) => {
        if (!isServeStats(message)) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      const request: StatsRequest = { kind: 'stats' };
      child.send(request);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the emulator and gateway did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`bench/serve.ts exited before it was ready (${signal ?? code})`));
    });
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      if (!isServeMessage(message)) {
        void stop();
        reject(new Error(`unexpected message from bench/serve.ts: ${JSON.stringify(message)}`));
      } else if (message.kind === 'failed') {
        void stop();
        reject(new Error(`bench/serve.ts failed to start:\n${message.message}`));
      } else {
        assertLoopback(message.gatewayUrl);
        assertLoopback(message.emulatorUrl);
        resolve({ ready: message, stats, stop });
      }
    });
  });
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== '[::1]' && host !== 'localhost') {
    throw new Error(`refusing to benchmark a non-loopback address: ${url}`);
  }
}
