/**
 * The system under test, run as a child of `bench/run.ts` so the load generator does not share
 * its event loop: the emulator (seed `demo`, `EMULATOR_LATENCY_MS` per answer) and the gateway in
 * front of it (its webhook receiver on, with the benchmark's credentials), both on loopback ports.
 * Tells the parent where they listen over the IPC channel, answers `stats` requests (memory after a
 * full collection, open subscriptions) and shuts down when the parent disconnects.
 */
import { loadConfig } from '../src/config.js';
import { startEmulator } from '../src/emulator/server.js';
import { createLogger } from '../src/logger.js';
import { createGateway } from '../src/server.js';
import {
  BENCH_ADMIN_TOKEN,
  BENCH_WEBHOOK,
  type ServeFailed,
  type ServeReady,
  type ServeStats,
} from './protocol.js';

function latencyFromEnv(): number {
  const raw = process.env.EMULATOR_LATENCY_MS ?? '20';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`EMULATOR_LATENCY_MS must be a whole number of milliseconds, got "${raw}"`);
  }
  return value;
}

async function serve(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/serve.ts runs as a child of bench/run.ts (no IPC channel)');
  const latencyMs = latencyFromEnv();
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', seed: 'demo', latencyMs });
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    COMETCHAT_BASE_URL: emulator.baseUrl,
    COMETCHAT_API_KEY: emulator.apiKey,
    COMETCHAT_MGMT_BASE_URL: emulator.mgmtBaseUrl,
    COMETCHAT_APP_ID: emulator.appId,
    COMETCHAT_MGMT_KEY: emulator.mgmtKey,
    COMETCHAT_MGMT_SECRET: emulator.mgmtSecret,
    GATEWAY_ADMIN_TOKENS: BENCH_ADMIN_TOKEN,
    WEBHOOK_USERNAME: BENCH_WEBHOOK.username,
    WEBHOOK_PASSWORD: BENCH_WEBHOOK.password,
  });
  const gateway = createGateway(config, {
    logger: createLogger({ level: 'silent', secrets: [] }),
  });
  const info = await gateway.listen();

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await gateway.close();
    await emulator.close();
    process.exit(0);
  };
  process.on('disconnect', () => void shutdown());
  process.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null || !('kind' in message)) return;
    if (message.kind !== 'stats') return;
    // Exposed when the parent starts this process with --expose-gc.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const memory = process.memoryUsage();
    const stats: ServeStats = {
      kind: 'stats',
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      activeSubscriptions: gateway.realtime.bus.active,
    };
    send(stats);
  });
  process.on('SIGTERM', () => void shutdown());

  const ready: ServeReady = {
    kind: 'ready',
    gatewayUrl: info.graphqlUrl,
    emulatorUrl: emulator.url,
    emulatorBaseUrl: emulator.baseUrl,
    apiKey: emulator.apiKey,
    latencyMs,
    appId: emulator.appId,
  };
  send(ready);
}

serve().catch((error: unknown) => {
  const failed: ServeFailed = {
    kind: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  if (process.send) process.send(failed, () => process.exit(1));
  else process.exit(1);
});
