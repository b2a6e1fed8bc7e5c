/** The exposure settings and the production posture, as `loadConfig` reads them. */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_ADMIN_TOKEN, loadConfig } from '../../src/config.js';

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
  COMETCHAT_BASE_URL: 'https://abc.api-us.cometchat.io/v3',
  COMETCHAT_API_KEY: 'secret-api-key-value',
  GATEWAY_ADMIN_TOKENS: 'a-long-random-admin-token',
};

describe('production posture', () => {
  it('refuses to start in production without COMETCHAT_API_KEY, in one line naming it', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.variable).toBe('COMETCHAT_API_KEY');
    expect(error.message).toBe(
      'Invalid configuration: COMETCHAT_API_KEY is required when NODE_ENV=production (the built-in emulator is for development only)',
    );
    expect(error.message).not.toContain('\n');
    // Whatever else is set: emulator settings do not make the emulator acceptable.
    expect(
      configError({ NODE_ENV: 'production', EMULATOR_SEED: 'demo', GATEWAY_ADMIN_TOKENS: 'x' })
        .variable,
    ).toBe('COMETCHAT_API_KEY');
  });

  it('never accepts the development token in production, not even for a loopback upstream', () => {
    const loopback = { COMETCHAT_BASE_URL: 'http://127.0.0.1:4010/v3', COMETCHAT_API_KEY: 'k' };
    expect(configError({ ...loopback, NODE_ENV: 'production' }).variable).toBe(
      'GATEWAY_ADMIN_TOKENS',
    );
    const explicit = configError({
      ...remote,
      NODE_ENV: 'production',
      GATEWAY_ADMIN_TOKENS: `real-token,${DEV_ADMIN_TOKEN}`,
    });
    expect(explicit.variable).toBe('GATEWAY_ADMIN_TOKENS');
    expect(explicit.message).toContain(DEV_ADMIN_TOKEN);
    const production = loadConfig({ ...remote, NODE_ENV: 'production' });
    expect(production.adminTokens).toEqual(['a-long-random-admin-token']);
    expect(production.adminTokensDefaulted).toBe(false);
    // Nor a development JWT secret (emulator mode only, which production refuses).
    expect(production.jwt).toBeNull();
  });

  it('keeps the development conveniences outside production', () => {
    expect(loadConfig({}).adminTokens).toEqual([DEV_ADMIN_TOKEN]);
    expect(
      loadConfig({ COMETCHAT_BASE_URL: 'http://127.0.0.1:4010/v3', COMETCHAT_API_KEY: 'k' })
        .adminTokens,
    ).toEqual([DEV_ADMIN_TOKEN]);
  });
});

describe('GATEWAY_MAX_BODY_BYTES', () => {
  it('defaults to 1 MiB and takes a whole number of bytes', () => {
    expect(loadConfig(remote).maxBodyBytes).toBe(1_048_576);
    expect(loadConfig({ ...remote, GATEWAY_MAX_BODY_BYTES: '65536' }).maxBodyBytes).toBe(65_536);
  });

  it.each(['0', '-1', '1.5', '1MB', '100', '999999999999'])('refuses %s', (value) => {
    expect(configError({ ...remote, GATEWAY_MAX_BODY_BYTES: value }).variable).toBe(
      'GATEWAY_MAX_BODY_BYTES',
    );
  });
});

describe('CORS_ORIGINS', () => {
  it('is none outside emulator mode and loopback in emulator mode by default', () => {
    expect(loadConfig(remote).cors).toEqual({ origins: [], allowLoopback: false });
    expect(loadConfig({}).cors).toEqual({ origins: [], allowLoopback: true });
  });

  it('takes a comma-separated list of origins, which then replaces the loopback default', () => {
    const config = loadConfig({
      ...remote,
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,https://app.example.com',
    });
    expect(config.cors).toEqual({
      origins: ['https://app.example.com', 'http://localhost:5173'],
      allowLoopback: false,
    });
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com' }).cors.allowLoopback).toBe(false);
  });

  it.each([
    '*',
    'https://*.example.com',
    'https://app.example.com/',
    'https://app.example.com/path',
    'app.example.com',
    'ftp://app.example.com',
    'https://app.example.com,',
    'https://user@app.example.com',
  ])('refuses %s, naming the variable', (value) => {
    const error = configError({ ...remote, CORS_ORIGINS: value });
    expect(error.variable).toBe('CORS_ORIGINS');
    expect(error.message).toContain('comma-separated list of origins');
  });
});

describe('GATEWAY_TRUSTED_DOCUMENTS', () => {
  it('is off by default and keeps the path it is given', () => {
    expect(loadConfig(remote).trustedDocumentsPath).toBeNull();
    expect(
      loadConfig({ ...remote, GATEWAY_TRUSTED_DOCUMENTS: '/srv/persisted-documents.json' })
        .trustedDocumentsPath,
    ).toBe('/srv/persisted-documents.json');
  });
});
