/**
 * The system under test as child processes: the emulator (`bench/emulator-child.ts`, under tsx)
 * and the gateway (`bench/gateway-child.mjs`, by default the compiled `dist/` under plain node
 * with the production V8 flags) each in its own process, so that the gateway's CPU time and
 * memory are its own. Asked for their usage over IPC, stopped by disconnecting.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import {
  BENCH_ADMIN_TOKEN,
  BENCH_WEBHOOK,
  type EmulatorReady,
  GATEWAY_NODE_FLAGS,
  type GatewayReady,
  isReadyOrFailed,
  isUsage,
  type ServeReady,
  type Usage,
  type UsageRequest,
} from './protocol.js';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const USAGE_TIMEOUT_MS = 30_000;

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `BENCH_GATEWAY=source` runs the gateway from `src/` under tsx; the default is compiled `dist/`. */
export function gatewayFromSource(): boolean {
  return process.env.BENCH_GATEWAY === 'source';
}

/** The V8 flags of the gateway child: the production ones unless `BENCH_GATEWAY_FLAGS` is set. */
export function gatewayFlags(): string[] {
  const raw = process.env.BENCH_GATEWAY_FLAGS;
  if (raw === undefined) return [...GATEWAY_NODE_FLAGS];
  return raw.split(/\s+/).filter((flag) => flag !== '');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles `src/` to `dist/` (`npm run build`) unless `dist/` is newer than every source file. */
export function ensureBuilt(progress: (line: string) => void): void {
  if (gatewayFromSource()) return;
  let built = 0;
  try {
    built = statSync(join(ROOT, 'dist', 'server.js')).mtimeMs;
  } catch {
    // not built yet
  }
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    statSync(join(ROOT, 'package.json')).mtimeMs,
  );
  if (built > sources) return;
  progress('compiling the gateway (npm run build)...');
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

interface Forked<T> {
  ready: T;
  child: ChildProcess;
  stop(): Promise<void>;
}

function forkChild<T>(
  script: string,
  execArgv: string[],
  env: NodeJS.ProcessEnv,
  what: string,
): Promise<Forked<T>> {
  const child: ChildProcess = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv,
    env,
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
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${what} did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited before it was ready (${signal ?? code})`));
    });
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      if (!isReadyOrFailed(message)) {
        void stop();
        reject(new Error(`unexpected message from ${what}: ${JSON.stringify(message)}`));
      } else if (message.kind === 'failed') {
        void stop();
        reject(new Error(`${what} failed to start:\n${message.message}`));
      } else {
        resolve({ ready: message as T, child, stop });
      }
    });
  });
}

export interface EmulatorProcess {
  ready: EmulatorReady;
  /** Changes the latency the emulator adds to every answer (`PUT /__emulator/settings`). */
  setLatency(latencyMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(latencyMs: number): Promise<EmulatorProcess> {
  const { ready, stop } = await forkChild<EmulatorReady>(
    './emulator-child.ts',
    ['--import', 'tsx'],
    { ...process.env, EMULATOR_LATENCY_MS: String(latencyMs) },
    'the emulator (bench/emulator-child.ts)',
  );
  assertLoopback(ready.url);
  const setLatency = async (ms: number) => {
    const response = await request(`${ready.url}/__emulator/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', apikey: ready.apiKey },
      body: JSON.stringify({ latencyMs: ms }),
    });
    const body = await response.body.text();
    if (response.statusCode !== 200) {
      throw new Error(`setting the emulator's latency: ${response.statusCode} ${body}`);
    }
  };
  return { ready, setLatency, stop };
}

export interface GatewayProcess {
  graphqlUrl: string;
  /** The child's CPU time and memory now (after a full collection with `gc`). */
  usage(gc?: boolean): Promise<Usage>;
  /** Runs `during` with the V8 CPU profiler on in the gateway; writes the profile to `file`. */
  profile(file: string, during: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a gateway in front of `emulator`; `env` adds gateway variables (e.g. GATEWAY_CACHE). */
export async function startGatewayProcess(
  emulator: EmulatorReady,
  env: Record<string, string> = {},
): Promise<GatewayProcess> {
  const source = gatewayFromSource();
  const { ready, child, stop } = await forkChild<GatewayReady>(
    './gateway-child.mjs',
    [...gatewayFlags(), '--expose-gc', ...(source ? ['--import', 'tsx'] : [])],
    {
      ...process.env,
      ...env,
      // As the Docker image and the Kubernetes manifest run it. Libraries read this from the
      // environment, not from the gateway's config (graphql-js checks every \`instanceof\` for
      // a second copy of itself unless it is 'production').
      NODE_ENV: 'production',
      BENCH_GATEWAY: source ? 'source' : 'dist',
      BENCH_EMULATOR: JSON.stringify(emulator),
      BENCH_GATEWAY_ENV: JSON.stringify(env),
      BENCH_ADMIN_TOKEN,
      BENCH_WEBHOOK: JSON.stringify(BENCH_WEBHOOK),
    },
    `the gateway (bench/gateway-child.mjs${source ? ', from source' : ''})`,
  );
  assertLoopback(ready.graphqlUrl);
  const ask = <T>(message: object, answer: (value: unknown) => value is T, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`the gateway did not answer: ${what}`));
      }, USAGE_TIMEOUT_MS);
      const onMessage = (reply: unknown) => {
        if (!answer(reply)) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  const usage = (gc = false) => {
    const asked: UsageRequest = { kind: 'usage', gc };
    return ask(asked, isUsage, 'usage');
  };
  const replied =
    (kind: string) =>
    (value: unknown): value is { kind: string } =>
      typeof value === 'object' && value !== null && 'kind' in value && value.kind === kind;
  const profile = async (file: string, during: () => Promise<void>) => {
    await ask({ kind: 'profile-start' }, replied('profile-started'), 'profile-start');
    try {
      await during();
    } finally {
      await ask({ kind: 'profile-stop', file }, replied('profile-written'), 'profile-stop');
    }
  };
  return { graphqlUrl: ready.graphqlUrl, usage, profile, stop };
}

/** The emulator and one gateway in front of it, as the subscription benchmarks use them. */
export interface Server {
  ready: ServeReady;
  /** The gateway's memory after a full collection, and its open subscriptions. */
  stats(): Promise<Usage>;
  stop(): Promise<void>;
}

export async function startServer(options: { latencyMs: number }): Promise<Server> {
  const emulator = await startEmulatorProcess(options.latencyMs);
  let gateway: GatewayProcess;
  try {
    gateway = await startGatewayProcess(emulator.ready);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return {
    ready: {
      gatewayUrl: gateway.graphqlUrl,
      emulatorUrl: emulator.ready.url,
      emulatorBaseUrl: emulator.ready.baseUrl,
      apiKey: emulator.ready.apiKey,
      appId: emulator.ready.appId,
    },
    stats: () => gateway.usage(true),
    stop: async () => {
      await gateway.stop();
      await emulator.stop();
    },
  };
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== '[::1]' && host !== 'localhost') {
    throw new Error(`refusing to benchmark a non-loopback address: ${url}`);
  }
}
