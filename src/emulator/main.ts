/**
 * `npm run emulator`: the CometChat emulator on its own, configured from EMULATOR_* variables.
 * A bad value stops start-up with one line naming the variable; the API key is never printed.
 */
import { pathToFileURL } from 'node:url';
import { isSeedName, SEED_NAMES } from './seed.js';
import { type EmulatorOptions, startEmulator } from './server.js';

export class EmulatorConfigError extends Error {}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new EmulatorConfigError(`${name} must be an integer between ${min} and ${max}.`);
  }
  return Number(raw);
}

/**
 * Reads EMULATOR_PORT, _APP_ID, _API_KEY, _SEED, _LATENCY_MS, _RATE_LIMIT_PER_MIN,
 * _IMPORT_RATE_LIMIT, _IMPORT_WINDOW_MS and _WEBHOOK_HOSTS.
 */
export function readEmulatorEnv(env: NodeJS.ProcessEnv): EmulatorOptions {
  const options: EmulatorOptions = { port: integer(env, 'EMULATOR_PORT', 0, 65_535) ?? 4010 };
  const appId = env.EMULATOR_APP_ID?.trim();
  if (appId !== undefined && appId !== '') {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(appId)) {
      throw new EmulatorConfigError(
        'EMULATOR_APP_ID may only contain letters, digits, dashes and underscores.',
      );
    }
    options.appId = appId;
  }
  const apiKey = env.EMULATOR_API_KEY;
  if (apiKey !== undefined && apiKey !== '') {
    if (!/^\S+$/.test(apiKey)) {
      throw new EmulatorConfigError('EMULATOR_API_KEY may not contain whitespace.');
    }
    options.apiKey = apiKey;
  }
  const seed = env.EMULATOR_SEED?.trim();
  if (seed !== undefined && seed !== '') {
    if (!isSeedName(seed)) {
      throw new EmulatorConfigError(`EMULATOR_SEED must be one of ${SEED_NAMES.join(', ')}.`);
    }
    options.seed = seed;
  }
  const latencyMs = integer(env, 'EMULATOR_LATENCY_MS', 0, 600_000);
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  const rateLimit = integer(env, 'EMULATOR_RATE_LIMIT_PER_MIN', 1, Number.MAX_SAFE_INTEGER);
  if (rateLimit !== undefined) options.rateLimitPerMin = rateLimit;
  const importLimit = integer(env, 'EMULATOR_IMPORT_RATE_LIMIT', 1, Number.MAX_SAFE_INTEGER);
  if (importLimit !== undefined) options.importRateLimit = importLimit;
  const importWindowMs = integer(env, 'EMULATOR_IMPORT_WINDOW_MS', 1, 600_000);
  if (importWindowMs !== undefined) options.importWindowMs = importWindowMs;
  const webhookHosts = env.EMULATOR_WEBHOOK_HOSTS?.trim();
  if (webhookHosts !== undefined && webhookHosts !== '') {
    if (webhookHosts !== 'loopback' && webhookHosts !== 'any') {
      throw new EmulatorConfigError('EMULATOR_WEBHOOK_HOSTS must be one of loopback, any.');
    }
    options.webhookHosts = webhookHosts;
  }
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = readEmulatorEnv(process.env);
  } catch (error) {
    process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const emulator = await startEmulator({
    ...options,
    onUnexpectedError: (error) =>
      process.stderr.write(
        `emulator: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
      ),
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`emulator: cannot listen on port ${options.port}: ${reason}\n`);
    process.exit(1);
  });
  const knobs = [
    `seed ${options.seed ?? 'demo'}`,
    `latency ${options.latencyMs ?? 0} ms`,
    `rate limit ${options.rateLimitPerMin === undefined ? 'none' : `${options.rateLimitPerMin}/min`}`,
    `webhooks to ${options.webhookHosts === 'any' ? 'any host' : 'loopback addresses only'}`,
  ].join(', ');
  process.stdout.write(
    `CometChat emulator (app ${emulator.appId}; ${knobs}) listening on ${emulator.baseUrl}; ` +
      `Management API on ${emulator.mgmtBaseUrl}/apps/${emulator.appId}/webhooks; ` +
      `Calls API on ${emulator.callBaseUrl}\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  void main();
}
