/**
 * Runs the client against the real emulator over loopback. Every log line and every error the
 * client produces is kept, so each suite can check at the end that no credential leaked into them.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { UpstreamClient, type UpstreamClientOptions } from '../../src/upstream/client.js';
import {
  isUpstreamError,
  type UpstreamError,
  type UpstreamErrorKind,
} from '../../src/upstream/errors.js';

export const TEST_API_KEY = 'upstream-suite-apikey-5f1c9a7e0b2d4c6e8a1f3b5d7c9e0a2b4c6d8e0f';
export const TEST_MGMT_KEY = 'upstream-suite-mgmt-key-3a5c7e9b1d';
export const TEST_MGMT_SECRET = 'upstream-suite-mgmt-secret-8b0d2f4a6c';

export interface Harness {
  emulator: Emulator;
  client: UpstreamClient;
  /** Every log line and error message/JSON the client produced. */
  output: string[];
}

function serialise(error: unknown): string {
  if (error instanceof Error) {
    return JSON.stringify({
      ...error,
      name: error.name,
      message: error.message,
      stack: error.stack,
    });
  }
  return JSON.stringify(error);
}

/** Starts one emulator and one client for the calling suite; checks for leaks in `afterAll`. */
export function useEmulator(
  seed: 'demo' | 'none',
  options: Partial<UpstreamClientOptions> & { rateLimitPerMin?: number } = {},
): Harness {
  const harness = { output: [] as string[] } as unknown as Harness; // filled in by beforeAll below
  beforeAll(async () => {
    const { rateLimitPerMin, ...clientOptions } = options;
    harness.emulator = await startEmulator({
      port: 0,
      seed,
      apiKey: TEST_API_KEY,
      mgmtKey: TEST_MGMT_KEY,
      mgmtSecret: TEST_MGMT_SECRET,
      ...(rateLimitPerMin !== undefined ? { rateLimitPerMin } : {}),
    });
    harness.client = new UpstreamClient({
      baseUrl: harness.emulator.baseUrl,
      apiKey: TEST_API_KEY,
      management: {
        baseUrl: harness.emulator.mgmtBaseUrl,
        appId: harness.emulator.appId,
        key: TEST_MGMT_KEY,
        secret: TEST_MGMT_SECRET,
      },
      retryBaseDelayMs: 1,
      logger: {
        debug: (obj, msg) => harness.output.push(JSON.stringify({ obj, msg })),
        warn: (obj, msg) => harness.output.push(JSON.stringify({ obj, msg })),
      },
      ...clientOptions,
    });
  });
  afterAll(async () => {
    await harness.client?.close();
    await harness.emulator?.close();
    expect(harness.output.length).toBeGreaterThan(0);
    for (const line of harness.output) {
      expect(line).not.toContain(TEST_API_KEY);
      expect(line).not.toContain(TEST_MGMT_KEY);
      expect(line).not.toContain(TEST_MGMT_SECRET);
    }
  });
  return harness;
}

/** Awaits a call that must fail with an UpstreamError of `kind` (and `code`, when given). */
export async function expectFailure(
  harness: Harness,
  promise: Promise<unknown>,
  kind: UpstreamErrorKind,
  code?: string,
): Promise<UpstreamError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  harness.output.push(serialise(caught));
  if (!isUpstreamError(caught))
    throw new Error(`expected an UpstreamError, got ${serialise(caught)}`);
  expect({ kind: caught.kind, code: caught.code }).toEqual({
    kind,
    code: code ?? caught.code,
  });
  return caught;
}

/** A unique id per call, so tests in one suite never collide. */
let counter = 0;
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
