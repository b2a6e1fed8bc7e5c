/**
 * The emulator as a child of `bench/run.ts`, in a process of its own so that the gateway's CPU
 * time is measured alone: seed `demo`, `EMULATOR_LATENCY_MS` per answer (changed between runs
 * through `PUT /__emulator/settings`), on a loopback port. Tells the parent where it listens
 * over the IPC channel and shuts down when the parent disconnects.
 */
import { startEmulator } from '../src/emulator/server.js';
import type { ChildFailed, EmulatorReady } from './protocol.js';

async function serve(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/emulator-child.ts runs as a child of bench/run.ts');
  const latencyMs = Number(process.env.EMULATOR_LATENCY_MS ?? '0');
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', seed: 'demo', latencyMs });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await emulator.close();
    process.exit(0);
  };
  process.on('disconnect', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  const ready: EmulatorReady = {
    kind: 'ready',
    url: emulator.url,
    baseUrl: emulator.baseUrl,
    mgmtBaseUrl: emulator.mgmtBaseUrl,
    apiKey: emulator.apiKey,
    appId: emulator.appId,
    mgmtKey: emulator.mgmtKey,
    mgmtSecret: emulator.mgmtSecret,
  };
  send(ready);
}

serve().catch((error: unknown) => {
  const failed: ChildFailed = {
    kind: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  if (process.send) process.send(failed, () => process.exit(1));
  else process.exit(1);
});
