/**
 * `npm start`: loads the configuration (a bad one stops here with one line and exit code 1), starts
 * the built-in CometChat emulator when no API key is configured, starts the gateway, and shuts
 * everything down gracefully on SIGTERM/SIGINT.
 */
import { type Config, ConfigError, loadConfig, secretsOf } from './config.js';
import { ListenError } from './listen.js';
import { createLogger } from './logger.js';
import type { EmbeddedEmulator } from './server.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });

async function start(): Promise<void> {
  let emulator: EmbeddedEmulator | undefined;
  if (config.upstream.kind === 'emulator') {
    const settings = config.upstream.emulator;
    // Imported only here: a gateway with a real upstream never loads the emulator.
    const { startEmulator } = await import('./emulator/server.js');
    emulator = await startEmulator({
      host: '127.0.0.1',
      port: settings.port,
      appId: settings.appId,
      apiKey: settings.apiKey,
      seed: settings.seed,
      latencyMs: settings.latencyMs,
      webhookHosts: settings.webhookHosts,
      ...(settings.rateLimitPerMin !== undefined
        ? { rateLimitPerMin: settings.rateLimitPerMin }
        : {}),
    }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new ListenError(
          `port ${settings.port} is in use; set EMULATOR_PORT to a free port (or 0)`,
          settings.port,
          'EADDRINUSE',
        );
      }
      throw error;
    });
    logger.info(
      { emulator: emulator.baseUrl, seed: settings.seed },
      'No COMETCHAT_API_KEY set: running against the built-in CometChat emulator (demo data, in memory).',
    );
  } else {
    logger.info({ upstream: config.upstream.baseUrl }, 'Running against CometChat');
  }

  // Loaded after the configuration is known good: building the schema takes a moment.
  const { createGateway } = await import('./server.js');
  const { developmentJwt, DEVELOPMENT_JWT_UID } = await import('./dev-token.js');
  const jwt = await developmentJwt(config.jwt);
  const developmentUser = jwt ? { uid: DEVELOPMENT_JWT_UID, jwt } : null;
  const gateway = createGateway(config, {
    logger,
    developmentUser,
    ...(emulator ? { emulator } : {}),
  });
  let info: Awaited<ReturnType<typeof gateway.listen>>;
  try {
    info = await gateway.listen();
  } catch (error) {
    await gateway.close().catch(() => undefined);
    // A busy or forbidden port is one line naming the variable to change, not a stack trace.
    if (error instanceof ListenError) process.stderr.write(`${error.message}\n`);
    else logger.fatal({ err: error }, 'The gateway could not start');
    process.exit(1);
  }

  logger.info({ url: info.graphqlUrl }, `GraphQL gateway listening on ${info.graphqlUrl}`);
  if (config.graphiql) logger.info(`GraphiQL: open ${info.graphqlUrl} in a browser`);
  if (info.metricsUrl) logger.info({ url: info.metricsUrl }, `Metrics on ${info.metricsUrl}`);
  if (config.adminTokensDefaulted) {
    logger.info(
      `Development admin token: ${config.adminTokens[0]} (send the header Authorization: Bearer ${config.adminTokens[0]}; GraphiQL has it pre-filled)`,
    );
  }
  if (developmentUser) {
    logger.info(
      `Development end-user JWT for ${developmentUser.uid} (valid 24 h, this start only): send the header Authorization: Bearer ${developmentUser.jwt}`,
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  await start();
} catch (error) {
  // Configuration read at start-up (the trusted-documents manifest) fails like the environment,
  // and a port that cannot be bound with one line too.
  if (error instanceof ConfigError || error instanceof ListenError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'The gateway could not start');
  }
  process.exit(1);
}
