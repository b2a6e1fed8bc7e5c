/** The operations variables: METRICS_TOKEN, METRICS_PORT, OTEL_EXPORTER_OTLP_ENDPOINT. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../src/config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('operations configuration', () => {
  it('leaves metrics open on the main port and tracing off by default', () => {
    const config = loadConfig({});
    expect(config.metrics).toEqual({ token: null, port: null });
    expect(config.otlpEndpoint).toBeNull();
  });

  it('reads the metrics token and port and the OTLP endpoint', () => {
    const config = loadConfig({
      METRICS_TOKEN: 'scrape-token-123456',
      METRICS_PORT: '9464',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    });
    expect(config.metrics).toEqual({ token: 'scrape-token-123456', port: 9464 });
    expect(config.otlpEndpoint).toBe('http://otel-collector:4318');
    expect(secretsOf(config)).toContain('scrape-token-123456');
  });

  it('stops on a bad value with one line naming the variable, never echoing the token', () => {
    const token = configError({ METRICS_TOKEN: 'has space inside' });
    expect(token.variable).toBe('METRICS_TOKEN');
    expect(token.message).not.toContain('has space inside');
    expect(configError({ METRICS_PORT: '70000' }).message).toBe(
      "Invalid configuration: METRICS_PORT must be a port number (0-65535) (got '70000')",
    );
    expect(configError({ PORT: '4000', METRICS_PORT: '4000' }).variable).toBe('METRICS_PORT');
    expect(configError({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).variable).toBe(
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    );
  });
});
