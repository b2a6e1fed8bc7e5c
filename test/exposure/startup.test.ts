/**
 * Start-up refusals as an operator meets them (a real `src/main.ts` process): production without
 * an API key, and an unusable trusted-documents manifest, each end with one line naming the
 * variable and exit code 1, and nothing listening.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/main.ts` with only `env` (plus PATH and HOME) and waits for it to exit. */
function runMain(env: Record<string, string>): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
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
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running; stdout:\n${stdout}\nstderr:\n${stderr}`));
    }, 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('start-up refusals', () => {
  it('refuses NODE_ENV=production without COMETCHAT_API_KEY: one line, exit code 1, no emulator', async () => {
    const exit = await runMain({ NODE_ENV: 'production' });
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain('COMETCHAT_API_KEY');
    expect(exit.stderr).toContain('NODE_ENV=production');
    expect(exit.stdout).not.toMatch(/emulator|listening|dev-admin-token/);
  });

  it('refuses an unreadable or broken trusted-documents manifest the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ 'sha256:00': '{ __typename }' }));
    for (const path of [join(dir, 'missing.json'), broken]) {
      const exit = await runMain({ GATEWAY_TRUSTED_DOCUMENTS: path, LOG_LEVEL: 'silent' });
      expect(exit.code).toBe(1);
      expect(exit.stderr.trim().split('\n')).toHaveLength(1);
      expect(exit.stderr).toMatch(/^Invalid configuration: GATEWAY_TRUSTED_DOCUMENTS /);
    }
  });
});
