import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_ADMIN_TOKEN, loadConfig, loadEmulatorConfig } from '../../src/config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const remote = {
  COMETCHAT_BASE_URL: 'http://127.0.0.1:4010/v3',
  COMETCHAT_API_KEY: 'secret-api-key-value',
  GATEWAY_ADMIN_TOKENS: 'token-one',
};

describe('loadConfig', () => {
  it('runs against the built-in emulator when no API key is set, with the dev admin token', () => {
    const config = loadConfig({});
    expect(config.upstream.kind).toBe('emulator');
    expect(config.adminTokens).toEqual([DEV_ADMIN_TOKEN]);
    expect(config.adminTokensDefaulted).toBe(true);
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.graphiql).toBe(true);
    expect(config.introspection).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.webhook).toBeNull();
    expect(config.management).toBeNull();
  });

  it('embeds the emulator on a free port unless EMULATOR_PORT says otherwise, honouring EMULATOR_*', () => {
    const config = loadConfig({
      EMULATOR_PORT: '4999',
      EMULATOR_SEED: 'none',
      EMULATOR_LATENCY_MS: '20',
      EMULATOR_RATE_LIMIT_PER_MIN: '600',
      EMULATOR_APP_ID: 'demo-app',
      EMULATOR_API_KEY: 'k',
      EMULATOR_WEBHOOK_HOSTS: 'any',
    });
    expect(config.upstream).toEqual({
      kind: 'emulator',
      emulator: {
        port: 4999,
        seed: 'none',
        latencyMs: 20,
        rateLimitPerMin: 600,
        appId: 'demo-app',
        apiKey: 'k',
        webhookHosts: 'any',
      },
    });
    expect(loadConfig({}).upstream).toMatchObject({ emulator: { port: 0, seed: 'demo' } });
    expect(loadEmulatorConfig({}, 4010).port).toBe(4010);
  });

  it('derives the CometChat URL from app id and region, region us by default', () => {
    const config = loadConfig({
      COMETCHAT_APP_ID: 'abc123',
      COMETCHAT_API_KEY: 'key',
      GATEWAY_ADMIN_TOKENS: 'a,b , c',
    });
    expect(config.upstream).toEqual({
      kind: 'cometchat',
      baseUrl: 'https://abc123.api-us.cometchat.io/v3',
      apiKey: 'key',
      appId: 'abc123',
      region: 'us',
      callBaseUrl: 'https://abc123.call-us.cometchat.io/v3',
    });
    expect(config.adminTokens).toEqual(['a', 'b', 'c']);
    const eu = loadConfig({
      COMETCHAT_APP_ID: 'abc123',
      COMETCHAT_REGION: 'eu',
      COMETCHAT_API_KEY: 'key',
      GATEWAY_ADMIN_TOKENS: 'a',
    });
    expect(eu.upstream).toMatchObject({
      baseUrl: 'https://abc123.api-eu.cometchat.io/v3',
      callBaseUrl: 'https://abc123.call-eu.cometchat.io/v3',
    });
  });

  it('takes the Calls API base URL from COMETCHAT_CALL_BASE_URL, and refuses a bad one', () => {
    const base = {
      COMETCHAT_APP_ID: 'abc123',
      COMETCHAT_API_KEY: 'key',
      GATEWAY_ADMIN_TOKENS: 'a',
    };
    const config = loadConfig({ ...base, COMETCHAT_CALL_BASE_URL: 'http://127.0.0.1:9/calls/v3/' });
    expect(config.upstream).toMatchObject({ callBaseUrl: 'http://127.0.0.1:9/calls/v3' });
    const noAppId = loadConfig({
      COMETCHAT_BASE_URL: 'http://127.0.0.1:9/v3',
      COMETCHAT_API_KEY: 'key',
      GATEWAY_ADMIN_TOKENS: 'a',
    });
    expect(noAppId.upstream).toMatchObject({ callBaseUrl: null });
    expect(() => loadConfig({ ...base, COMETCHAT_CALL_BASE_URL: 'ftp://x' })).toThrow(
      /COMETCHAT_CALL_BASE_URL/,
    );
    expect(() => loadConfig({ COMETCHAT_CALL_BASE_URL: 'http://127.0.0.1:9/v3' })).toThrow(
      /COMETCHAT_API_KEY/,
    );
  });

  it('prefers COMETCHAT_BASE_URL and drops a trailing slash', () => {
    const config = loadConfig({ ...remote, COMETCHAT_BASE_URL: 'https://chat.example.com/v3/' });
    expect(config.upstream).toMatchObject({
      kind: 'cometchat',
      baseUrl: 'https://chat.example.com/v3',
    });
  });

  it('stops on a wrong region with one line naming the variable', () => {
    const error = configError({ ...remote, COMETCHAT_REGION: 'xx' });
    expect(error.message).toBe(
      "Invalid configuration: COMETCHAT_REGION must be one of us, eu, in (got 'xx')",
    );
    expect(error.variable).toBe('COMETCHAT_REGION');
    expect(error.message).not.toContain('\n');
  });

  it('stops on a malformed base URL', () => {
    for (const url of ['not a url', 'ftp://example.com/v3', 'http://', 'example.com/v3']) {
      const error = configError({ ...remote, COMETCHAT_BASE_URL: url });
      expect(error.variable).toBe('COMETCHAT_BASE_URL');
      expect(error.message).toMatch(
        /^Invalid configuration: COMETCHAT_BASE_URL must be an http\(s\) URL/,
      );
    }
  });

  it('stops when a base URL, app id or region comes without an API key', () => {
    for (const env of [
      { COMETCHAT_BASE_URL: 'http://127.0.0.1:4010/v3' },
      { COMETCHAT_APP_ID: 'abc' },
      { COMETCHAT_REGION: 'eu' },
    ]) {
      const error = configError(env);
      expect(error.variable).toBe('COMETCHAT_API_KEY');
      expect(error.message).toMatch(
        /^Invalid configuration: COMETCHAT_API_KEY is required when COMETCHAT_/,
      );
    }
  });

  it('needs an app id or base URL beside the API key', () => {
    expect(configError({ COMETCHAT_API_KEY: 'k', GATEWAY_ADMIN_TOKENS: 't' }).variable).toBe(
      'COMETCHAT_APP_ID',
    );
  });

  it('requires admin tokens for a real upstream, defaults them only for a local one outside production', () => {
    const remoteNoTokens = {
      COMETCHAT_APP_ID: 'abc',
      COMETCHAT_API_KEY: 'k',
    };
    expect(configError(remoteNoTokens).variable).toBe('GATEWAY_ADMIN_TOKENS');
    const local = loadConfig({
      COMETCHAT_BASE_URL: 'http://127.0.0.1:4010/v3',
      COMETCHAT_API_KEY: 'k',
    });
    expect(local.adminTokens).toEqual([DEV_ADMIN_TOKEN]);
    expect(
      configError({
        COMETCHAT_BASE_URL: 'http://127.0.0.1:4010/v3',
        COMETCHAT_API_KEY: 'k',
        NODE_ENV: 'production',
      }).variable,
    ).toBe('GATEWAY_ADMIN_TOKENS');
    expect(configError({ ...remote, GATEWAY_ADMIN_TOKENS: 'a,,b' }).variable).toBe(
      'GATEWAY_ADMIN_TOKENS',
    );
  });

  it('treats blank variables as unset', () => {
    const config = loadConfig({ COMETCHAT_API_KEY: '  ', PORT: '', COMETCHAT_REGION: '' });
    expect(config.upstream.kind).toBe('emulator');
    expect(config.port).toBe(4000);
  });

  it('rejects a webhook username without a password and the reverse', () => {
    expect(configError({ ...remote, WEBHOOK_USERNAME: 'hooks' }).message).toBe(
      'Invalid configuration: WEBHOOK_PASSWORD is required when WEBHOOK_USERNAME is set',
    );
    expect(configError({ ...remote, WEBHOOK_PASSWORD: 'pw123456' }).variable).toBe(
      'WEBHOOK_USERNAME',
    );
    const config = loadConfig({
      ...remote,
      WEBHOOK_USERNAME: 'hooks',
      WEBHOOK_PASSWORD: 'pw123456',
    });
    expect(config.webhook).toEqual({ username: 'hooks', password: 'pw123456' });
  });

  it('takes the management API all or nothing, and needs the app id for it', () => {
    const management = {
      COMETCHAT_MGMT_KEY: 'mk',
      COMETCHAT_MGMT_SECRET: 'ms',
      COMETCHAT_MGMT_BASE_URL: 'https://apimgmt.cometchat.io',
    };
    expect(configError({ ...remote, COMETCHAT_MGMT_KEY: 'mk' }).variable).toBe(
      'COMETCHAT_MGMT_SECRET',
    );
    expect(configError({ ...remote, ...management }).variable).toBe('COMETCHAT_APP_ID');
    expect(configError({ ...management }).variable).toBe('COMETCHAT_API_KEY');
    const config = loadConfig({ ...remote, ...management, COMETCHAT_APP_ID: 'abc' });
    expect(config.management).toEqual({
      baseUrl: 'https://apimgmt.cometchat.io',
      appId: 'abc',
      key: 'mk',
      secret: 'ms',
    });
  });

  it('never echoes a secret value in an error message', () => {
    const error = configError({
      ...remote,
      WEBHOOK_USERNAME: 'hooks',
      WEBHOOK_PASSWORD: 'bad pass!',
    });
    expect(error.variable).toBe('WEBHOOK_PASSWORD');
    expect(error.message).not.toContain('bad pass!');
  });

  it('turns GraphiQL and introspection off in production unless GRAPHIQL=true', () => {
    const production = loadConfig({ ...remote, NODE_ENV: 'production', GATEWAY_ADMIN_TOKENS: 'x' });
    expect(production.graphiql).toBe(false);
    expect(production.introspection).toBe(false);
    const withGraphiql = loadConfig({
      ...remote,
      NODE_ENV: 'production',
      GATEWAY_ADMIN_TOKENS: 'x',
      GRAPHIQL: 'true',
    });
    expect(withGraphiql.graphiql).toBe(true);
    expect(withGraphiql.introspection).toBe(true);
    expect(configError({ GRAPHIQL: 'yes' }).variable).toBe('GRAPHIQL');
  });

  it('validates ports, log level, node env, emulator seed and the Redis URL', () => {
    expect(configError({ PORT: '70000' }).message).toBe(
      "Invalid configuration: PORT must be a port number (0-65535) (got '70000')",
    );
    expect(configError({ PORT: '12abc' }).variable).toBe('PORT');
    expect(configError({ LOG_LEVEL: 'loud' }).variable).toBe('LOG_LEVEL');
    expect(configError({ NODE_ENV: 'staging' }).variable).toBe('NODE_ENV');
    expect(configError({ EMULATOR_SEED: 'huge' }).variable).toBe('EMULATOR_SEED');
    expect(configError({ EMULATOR_LATENCY_MS: '-1' }).variable).toBe('EMULATOR_LATENCY_MS');
    expect(configError({ REDIS_URL: 'http://localhost:6379' }).variable).toBe('REDIS_URL');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(loadConfig({}).webhookDedupMaxBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ WEBHOOK_DEDUP_MEMORY_MB: '512' }).webhookDedupMaxBytes).toBe(
      512 * 1024 * 1024,
    );
    for (const bad of ['0', '-5', '1.5', 'lots']) {
      expect(configError({ WEBHOOK_DEDUP_MEMORY_MB: bad }).variable).toBe(
        'WEBHOOK_DEDUP_MEMORY_MB',
      );
    }
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ LOG_LEVEL: 'debug', PORT: '0', HOST: '0.0.0.0' })).toMatchObject({
      logLevel: 'debug',
      port: 0,
      host: '0.0.0.0',
    });
  });

  it('reads the client resilience settings, with defaults of 5 s, 8 s, 8 MiB and no budget', () => {
    expect(loadConfig(remote).upstreamTuning).toEqual({
      attemptTimeoutMs: 5000,
      requestTimeoutMs: 8000,
      maxResponseBytes: 8 * 1024 * 1024,
      rateLimitPerMin: undefined,
      breakerFailures: 5,
      breakerCooldownMs: 10_000,
    });
    expect(
      loadConfig({
        ...remote,
        COMETCHAT_ATTEMPT_TIMEOUT_MS: '2000',
        COMETCHAT_REQUEST_TIMEOUT_MS: '3000',
        COMETCHAT_MAX_RESPONSE_BYTES: '1048576',
        COMETCHAT_RATE_LIMIT_PER_MIN: '500',
        COMETCHAT_BREAKER_FAILURES: '10',
        COMETCHAT_BREAKER_COOLDOWN_MS: '30000',
      }).upstreamTuning,
    ).toEqual({
      attemptTimeoutMs: 2000,
      requestTimeoutMs: 3000,
      maxResponseBytes: 1_048_576,
      rateLimitPerMin: 500,
      breakerFailures: 10,
      breakerCooldownMs: 30_000,
    });
    // A longer attempt timeout alone stretches the default deadline to match.
    expect(
      loadConfig({ ...remote, COMETCHAT_ATTEMPT_TIMEOUT_MS: '12000' }).upstreamTuning
        .requestTimeoutMs,
    ).toBe(12_000);
  });

  it('stops on invalid resilience settings, naming the variable', () => {
    for (const [name, value] of [
      ['COMETCHAT_ATTEMPT_TIMEOUT_MS', '0'],
      ['COMETCHAT_ATTEMPT_TIMEOUT_MS', 'soon'],
      ['COMETCHAT_REQUEST_TIMEOUT_MS', '-5'],
      ['COMETCHAT_MAX_RESPONSE_BYTES', '10'],
      ['COMETCHAT_RATE_LIMIT_PER_MIN', '0'],
      ['COMETCHAT_RATE_LIMIT_PER_MIN', '1.5'],
      ['COMETCHAT_BREAKER_FAILURES', '0'],
      ['COMETCHAT_BREAKER_COOLDOWN_MS', 'x'],
    ] as const) {
      expect(configError({ ...remote, [name]: value }).variable).toBe(name);
    }
    const tooShort = configError({
      ...remote,
      COMETCHAT_ATTEMPT_TIMEOUT_MS: '5000',
      COMETCHAT_REQUEST_TIMEOUT_MS: '1000',
    });
    expect(tooShort.variable).toBe('COMETCHAT_REQUEST_TIMEOUT_MS');
    expect(tooShort.message).toContain('COMETCHAT_ATTEMPT_TIMEOUT_MS');
  });
});
