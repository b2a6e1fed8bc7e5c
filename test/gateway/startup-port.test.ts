/**
 * `npm start` on a busy port: one line naming the variable to change and exit code 1, not a stack
 * trace (the gateway's port, and METRICS_PORT).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(COMETCHAT_|EMULATOR_|GATEWAY_|WEBHOOK_|METRICS_|OTEL_|REDIS_URL|GRAPHIQL|LOG_LEVEL|PORT|HOST|NODE_ENV)/.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

let busy: Server;
let busyPort: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port; // a TCP server's address
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe('a busy port', () => {
  it('stops start-up with one line naming PORT and exit code 1', async () => {
    const { code, stdout, stderr } = await runMain({ PORT: String(busyPort), EMULATOR_PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toBe(`port ${busyPort} is in use; set PORT to a free port\n`);
    expect(stdout).not.toMatch(/EADDRINUSE|\bat .*\.(ts|js):\d+/);
  });

  it('names METRICS_PORT when that one is busy', async () => {
    const { code, stderr } = await runMain({
      PORT: '0',
      EMULATOR_PORT: '0',
      METRICS_PORT: String(busyPort),
    });
    expect(code).toBe(1);
    expect(stderr).toBe(`port ${busyPort} is in use; set METRICS_PORT to a free port\n`);
  });
});
