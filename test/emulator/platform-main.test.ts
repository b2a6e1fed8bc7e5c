import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EmulatorConfigError, readEmulatorEnv } from '../../src/emulator/main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/emulator/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return { out: () => out, err: () => err };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('readEmulatorEnv', () => {
  it('uses the contract defaults', () => {
    expect(readEmulatorEnv({})).toEqual({ port: 4010 });
  });

  it('reads every variable', () => {
    expect(
      readEmulatorEnv({
        EMULATOR_PORT: '5000',
        EMULATOR_APP_ID: 'my-app',
        EMULATOR_API_KEY: 'k123',
        EMULATOR_SEED: 'none',
        EMULATOR_LATENCY_MS: '25',
        EMULATOR_RATE_LIMIT_PER_MIN: '600',
      }),
    ).toEqual({
      port: 5000,
      appId: 'my-app',
      apiKey: 'k123',
      seed: 'none',
      latencyMs: 25,
      rateLimitPerMin: 600,
    });
  });

  it.each([
    ['EMULATOR_PORT', 'abc'],
    ['EMULATOR_PORT', '70000'],
    ['EMULATOR_APP_ID', 'my app'],
    ['EMULATOR_API_KEY', 'has space'],
    ['EMULATOR_SEED', 'huge'],
    ['EMULATOR_LATENCY_MS', '-5'],
    ['EMULATOR_RATE_LIMIT_PER_MIN', '0'],
    ['EMULATOR_RATE_LIMIT_PER_MIN', '1.5'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => readEmulatorEnv({ [name]: value })).toThrow(EmulatorConfigError);
    expect(() => readEmulatorEnv({ [name]: value })).toThrow(name);
  });
});

describe('npm run emulator', () => {
  it('stops with one clear line and exit code 1 on a bad value', async () => {
    const child = run({ EMULATOR_SEED: 'gigantic' });
    const output = collect(child);
    expect(await exitCode(child)).toBe(1);
    const lines = output.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('EMULATOR_SEED');
    expect(output.out()).toBe('');
  });

  it('prints where it listens (never the key), serves the API and stops on SIGTERM', async () => {
    const apiKey = 'main-test-key-4f9c1d';
    const child = run({ EMULATOR_PORT: '0', EMULATOR_API_KEY: apiKey, EMULATOR_SEED: 'none' });
    const output = collect(child);
    const exited = exitCode(child);
    const deadline = Date.now() + 45_000;
    while (!output.out().includes('\n') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const line = output.out();
    expect(line).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/v3/);
    expect(line).not.toContain(apiKey);
    const baseUrl = /(http:\/\/127\.0\.0\.1:\d+\/v3)/.exec(line)?.[1] ?? '';
    const reply = await fetch(`${baseUrl}/roles`, { headers: { apikey: apiKey } });
    expect(reply.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.err()).not.toContain(apiKey);
  });
});
