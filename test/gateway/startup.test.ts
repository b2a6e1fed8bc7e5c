/**
 * `npm start` as a user runs it: a real process (tsx on src/main.ts), its log lines, a query with
 * the development token, and SIGTERM ending in a graceful shutdown (exit code 0).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const QUERY =
  '{ users(first: 5) { totalCount edges { cursor node { id uid name } } pageInfo { hasNextPage endCursor } } }';

/** The environment without anything that would change the mode under test. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(COMETCHAT_|EMULATOR_|GATEWAY_|WEBHOOK_|REDIS_URL|GRAPHIQL|LOG_LEVEL|PORT|HOST|NODE_ENV)/.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

interface Started {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  const stderr: string[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line !== ''));
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr, exit };
}

async function waitForLine(started: Started, pattern: RegExp, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = started.lines.find((entry) => pattern.test(entry));
    if (line) return line;
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `no log line matching ${pattern}; stdout:\n${started.lines.join('\n')}\nstderr:\n${started.stderr.join('')}`,
  );
}

function messages(started: Started): string[] {
  return started.lines.map((line) => (JSON.parse(line) as { msg?: string }).msg ?? ''); // pino JSON lines
}

async function queryUsers(graphqlUrl: string, token: string | null) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, body: await response.json() };
}

describe('npm start', () => {
  it('runs against the embedded emulator, says so first, serves the query, and stops gracefully', async () => {
    const started = startMain({ PORT: '0', EMULATOR_PORT: '0', LOG_LEVEL: 'info' });
    const listening = await waitForLine(started, /GraphQL gateway listening on/);
    const { url } = JSON.parse(listening) as { url: string }; // pino JSON line with the URL field
    await waitForLine(started, /Development admin token/);

    const first = messages(started).slice(0, 4);
    expect(first[0]).toMatch(/built-in CometChat emulator/);
    expect(first.some((msg) => msg.includes(`listening on ${url}`))).toBe(true);
    expect(first.some((msg) => msg.includes('GraphiQL'))).toBe(true);
    expect(first.some((msg) => msg.includes('Bearer dev-admin-token'))).toBe(true);

    const answered = await queryUsers(url, 'dev-admin-token');
    expect(answered.status).toBe(200);
    expect(answered.body.errors).toBeUndefined();
    expect(answered.body.data.users.edges).toHaveLength(5);
    expect(answered.body.data.users.totalCount).toBeGreaterThan(5);
    expect(answered.body.data.users.edges[0].node.uid).toMatch(/^[a-z0-9-]+$/);

    const refused = await queryUsers(url, null);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    expect(messages(started)).toContain('gateway stopped');
  });

  it('gives the same answer against a separately running emulator over loopback HTTP', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const started = startMain({
        PORT: '0',
        LOG_LEVEL: 'info',
        COMETCHAT_BASE_URL: emulator.baseUrl,
        COMETCHAT_API_KEY: 'emulator-api-key',
      });
      const listening = await waitForLine(started, /GraphQL gateway listening on/);
      const { url } = JSON.parse(listening) as { url: string }; // pino JSON line with the URL field
      emulator.clearRequests();
      const answered = await queryUsers(url, 'dev-admin-token');
      expect(answered.status).toBe(200);
      expect(answered.body.data.users.edges).toHaveLength(5);
      expect(emulator.requests().some((r) => r.path === '/v3/users')).toBe(true);
      expect(started.lines.join('\n')).not.toContain('emulator-api-key');
      started.child.kill('SIGINT');
      expect(await started.exit).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it.each([
    [
      'a wrong region',
      {
        COMETCHAT_APP_ID: 'abc',
        COMETCHAT_API_KEY: 'k',
        COMETCHAT_REGION: 'xx',
        GATEWAY_ADMIN_TOKENS: 't',
      },
      "Invalid configuration: COMETCHAT_REGION must be one of us, eu, in (got 'xx')",
    ],
    [
      'a malformed base URL',
      { COMETCHAT_BASE_URL: 'localhost:4010', COMETCHAT_API_KEY: 'k', GATEWAY_ADMIN_TOKENS: 't' },
      "Invalid configuration: COMETCHAT_BASE_URL must be an http(s) URL such as https://APP_ID.api-us.cometchat.io/v3 (got 'localhost:4010')",
    ],
    [
      'a base URL without an API key',
      { COMETCHAT_BASE_URL: 'http://127.0.0.1:4010/v3' },
      'Invalid configuration: COMETCHAT_API_KEY is required when COMETCHAT_BASE_URL is set (unset every COMETCHAT_* variable to use the built-in emulator)',
    ],
  ])('stops start-up on %s with one clear line and exit code 1', async (_label, env, message) => {
    const started = startMain({ PORT: '0', ...env });
    expect(await started.exit).toBe(1);
    expect(started.stderr.join('')).toBe(`${message}\n`);
    expect(started.lines).toEqual([]);
  });
});
