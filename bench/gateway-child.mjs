/**
 * The gateway as a child of `bench/run.ts`, alone in its process: its CPU time and memory are
 * the gateway's. Plain JavaScript so that it runs the compiled `dist/` (what `npm run start:prod`
 * and the Docker image run) with plain `node`; with `BENCH_GATEWAY=source` the parent starts it
 * under tsx and it loads `src/` instead.
 *
 * The parent passes the emulator's address in `BENCH_EMULATOR` (JSON) and the gateway's own
 * variables (e.g. `GATEWAY_CACHE`) in `BENCH_GATEWAY_ENV` (JSON). Over the IPC channel it reports
 * `ready` with its URL and answers `usage` requests with `process.cpuUsage()` and
 * `process.memoryUsage()` (after a full collection when asked and `--expose-gc` is on), and
 * `profile-start` / `profile-stop` (a CPU profile written to the file named) with
 * `profile-started` / `profile-written`.
 */
const root = process.env.BENCH_GATEWAY === 'source' ? '../src' : '../dist';

async function serve() {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/gateway-child.mjs runs as a child of bench/run.ts');
  const emulator = JSON.parse(process.env.BENCH_EMULATOR ?? 'null');
  const extra = JSON.parse(process.env.BENCH_GATEWAY_ENV ?? '{}');
  const admin = process.env.BENCH_ADMIN_TOKEN;
  const webhook = JSON.parse(process.env.BENCH_WEBHOOK ?? 'null');
  if (!emulator || !admin || !webhook) throw new Error('missing BENCH_* settings from the parent');

  const { loadConfig } = await import(`${root}/config.js`);
  const { createLogger } = await import(`${root}/logger.js`);
  const { createGateway } = await import(`${root}/server.js`);
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
    GATEWAY_ADMIN_TOKENS: admin,
    WEBHOOK_USERNAME: webhook.username,
    WEBHOOK_PASSWORD: webhook.password,
    ...extra,
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
    process.exit(0);
  };
  process.on('disconnect', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  let profiler = null;
  process.on('message', async (message) => {
    if (typeof message !== 'object' || message === null) return;
    if (message.kind === 'profile-start') {
      // The CPU profile of one recorded run (BENCH_PROFILE), without the start-up's module loading.
      const { Session } = await import('node:inspector/promises');
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      send({ kind: 'profile-started' });
      return;
    }
    if (message.kind === 'profile-stop') {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = null;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(message.file, JSON.stringify(profile));
      send({ kind: 'profile-written' });
      return;
    }
    if (message.kind !== 'usage') return;
    if (message.gc) globalThis.gc?.();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    send({
      kind: 'usage',
      cpuUser: cpu.user,
      cpuSystem: cpu.system,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      activeSubscriptions: gateway.realtime.bus.active,
    });
  });
  send({ kind: 'ready', graphqlUrl: info.graphqlUrl });
}

serve().catch((error) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) process.send({ kind: 'failed', message }, () => process.exit(1));
  else process.exit(1);
});
