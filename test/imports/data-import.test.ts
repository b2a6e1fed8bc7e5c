/**
 * Data import jobs through GraphQL against the emulator: chunking and pacing within the import
 * endpoints' rate limit (the emulator's minute scaled down through its knobs, the gateway's pacing
 * set to match), per-item outcomes, progress while a job runs, validation before any call,
 * CometChat's refusals, admin-only access, and resuming after the gateway process was killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { mutationDocument, USER_ERROR_FIELDS, VIOLATION_FIELDS } from '../support/harness.js';
import { waitFor } from '../support/wait.js';

const ROOT = resolve(import.meta.dirname, '../..');
const JOB = `dataImportJob { jobId state total imported failed pending progress alreadyImported throttled resumes lastError
  failures(first: 100) { totalCount edges { node { kind key code message } } } }`;
const START = mutationDocument(
  'dataImportJobStart',
  JOB,
  `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`,
);
const RESUME = mutationDocument('dataImportJobResume', JOB, USER_ERROR_FIELDS);
const READ = `query ($jobId: String!) { dataImportJob(jobId: $jobId) { jobId state total imported failed pending progress alreadyImported throttled resumes
  failures(first: 100) { totalCount edges { node { kind key code message } } } } }`;
const LIST =
  'query { dataImportJobs(first: 10) { totalCount nodes { jobId state imported pending } } }';

interface JobShape {
  jobId: string;
  state: string;
  total: number;
  imported: number;
  failed: number;
  pending: number;
  progress: number;
  alreadyImported: number;
  throttled: number;
  resumes: number;
  failures: {
    totalCount: number;
    edges: { node: { kind: string; key: string; code: string | null } }[];
  };
}

type Data = Record<string, Record<string, unknown> | null>;

function users(count: number, prefix: string): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    uid: `${prefix}-${String(i).padStart(4, '0')}`,
    name: `Imported ${i}`,
  }));
}

async function start(gw: TestGateway, input: Record<string, unknown>) {
  return gw.query<Data>(START, { input });
}

/** The job a successful dataImportJobStart answered with. */
function jobOf(result: { data?: Data | null | undefined }): JobShape {
  const payload = result.data?.dataImportJobStart as { dataImportJob?: JobShape } | undefined;
  if (!payload?.dataImportJob) throw new Error('dataImportJobStart did not answer with a job');
  return payload.dataImportJob;
}

async function read(gw: TestGateway, jobId: string): Promise<JobShape> {
  const result = await gw.query<{ dataImportJob: JobShape | null }>(READ, { jobId });
  expect(result.errors).toBeUndefined();
  const job = result.data?.dataImportJob;
  if (!job) throw new Error(`no job ${jobId}`);
  return job;
}

/** Polls the job until it is no longer RUNNING, keeping every snapshot seen. */
async function settle(gw: TestGateway, jobId: string, seen: JobShape[] = []): Promise<JobShape> {
  return waitFor(
    async () => {
      const job = await read(gw, jobId);
      seen.push(job);
      return job.state === 'RUNNING' ? undefined : job;
    },
    300_000,
    50,
  );
}

function importPosts(
  gw: { emulator: { requests(): { method: string; path: string; status: number }[] } },
  kind: string,
) {
  return gw.emulator
    .requests()
    .filter((r) => r.method === 'POST' && r.path === `/v3/data_import/${kind}`);
}

function importedUids(store: { users: Map<string, unknown> }, prefix: string): string[] {
  return [...store.users.keys()].filter((uid) => uid.startsWith(prefix));
}

describe('data import: pacing within the import endpoints rate limit', () => {
  it('imports 2,000 users with 0 upstream 429s, each exactly once, progress visible while it runs', async () => {
    // The emulator allows 60 requests per import endpoint per window, as CometChat allows 60 a
    // minute, with the minute scaled down to 3 s; the gateway paces at 60 per 3 s. Chunks of 10
    // make 200 requests, more than three windows' worth: an unpaced gateway gets 429s from the
    // same emulator (next test).
    const gw = await startTestGateway({
      emulator: { seed: 'none', importRateLimit: 60, importWindowMs: 3000 },
      env: {
        GATEWAY_IMPORT_REQUESTS_PER_WINDOW: '60',
        GATEWAY_IMPORT_WINDOW_MS: '3000',
        GATEWAY_IMPORT_CHUNK_SIZE: '10',
      },
    });
    try {
      const result = await start(gw, { users: users(2000, 'bulk') });
      const started = result.data?.dataImportJobStart as {
        __typename: string;
        dataImportJob: JobShape;
      };
      expect(started.__typename).toBe('DataImportJobStartPayload');
      expect(started.dataImportJob.total).toBe(2000);
      const seen: JobShape[] = [];
      const done = await settle(gw, started.dataImportJob.jobId, seen);

      expect(done).toMatchObject({
        state: 'COMPLETED',
        imported: 2000,
        failed: 0,
        pending: 0,
        progress: 1,
        throttled: 0,
      });
      expect(
        seen.some((job) => job.state === 'RUNNING' && job.imported > 0 && job.imported < 2000),
      ).toBe(true);
      const posts = importPosts(gw, 'users');
      expect(posts).toHaveLength(200);
      expect(posts.filter((r) => r.status === 429)).toEqual([]);
      const uids = importedUids(gw.emulator.store, 'bulk-');
      expect(uids).toHaveLength(2000);
      expect(new Set(uids).size).toBe(2000);
    } finally {
      await gw.close();
    }
  });

  it('an unpaced gateway does get 429s from the same emulator, and still imports each user once', async () => {
    const gw = await startTestGateway({
      emulator: { seed: 'none', importRateLimit: 60, importWindowMs: 3000 },
      env: {
        GATEWAY_IMPORT_REQUESTS_PER_WINDOW: '10000',
        GATEWAY_IMPORT_WINDOW_MS: '3000',
        GATEWAY_IMPORT_CHUNK_SIZE: '5',
      },
    });
    try {
      const result = await start(gw, { users: users(400, 'fast') });
      const job = jobOf(result);
      const done = await settle(gw, job.jobId);
      expect(done).toMatchObject({ state: 'COMPLETED', imported: 400, failed: 0 });
      expect(done.throttled).toBeGreaterThan(0);
      expect(importPosts(gw, 'users').some((r) => r.status === 429)).toBe(true);
      expect(importedUids(gw.emulator.store, 'fast-')).toHaveLength(400);
    } finally {
      await gw.close();
    }
  });
});

describe('data import: operations', () => {
  let gw: TestGateway;
  const ready = startTestGateway({ emulator: { importWindowMs: 200 } }).then((g) => {
    gw = g;
  });
  afterAll(async () => {
    await ready;
    await gw.close();
  });
  beforeEach(async () => {
    await ready;
    gw.emulator.reset();
  });

  it('imports users, groups, members and messages in dependency order', async () => {
    const result = await start(gw, {
      messages: [
        {
          muid: 'm-1',
          sender: 'imp-a',
          receiver: 'imp-b',
          receiverType: 'USER',
          category: 'MESSAGE',
          type: 'text',
          data: { text: 'hello' },
        },
        {
          muid: 'm-2',
          sender: 'imp-b',
          receiver: 'imp-team',
          receiverType: 'GROUP',
          category: 'MESSAGE',
          type: 'text',
          data: { text: 'hi team' },
        },
      ],
      members: [{ guid: 'imp-team', uid: 'imp-b', scope: 'MODERATOR' }],
      groups: [{ guid: 'imp-team', name: 'Team', type: 'PUBLIC', owner: 'imp-a' }],
      users: [
        { uid: 'imp-a', name: 'A', createdAt: '2020-01-02T03:04:05Z' },
        { uid: 'imp-b', name: 'B', metadata: { from: 'old-system' } },
      ],
    });
    const job = jobOf(result);
    const done = await settle(gw, job.jobId);
    expect(done).toMatchObject({ state: 'COMPLETED', total: 6, imported: 6, failed: 0 });
    const store = gw.emulator.store;
    expect(store.users.get('imp-a')?.createdAt).toBe(Date.parse('2020-01-02T03:04:05Z') / 1000);
    expect(store.member('imp-team', 'imp-b')?.scope).toBe('moderator');
    expect([...store.messages.values()].filter((m) => m.muid?.startsWith('m-'))).toHaveLength(2);
    const order = gw.emulator
      .requests()
      .filter((r) => r.path.startsWith('/v3/data_import/'))
      .map((r) => r.path);
    expect(order).toEqual(
      ['users', 'groups', 'members', 'messages'].map((k) => `/v3/data_import/${k}`),
    );
  });

  it('reports the items CometChat refuses, with its code, and imports the rest', async () => {
    const result = await start(gw, {
      users: [
        { uid: 'cometchat-uid-1', name: 'Taken' },
        { uid: 'imp-new', name: 'New' },
      ],
      members: [{ guid: 'no-such-group', uid: 'imp-new' }],
    });
    const job = jobOf(result);
    const done = await settle(gw, job.jobId);
    expect(done).toMatchObject({ state: 'COMPLETED', imported: 1, failed: 2 });
    expect(done.failures.totalCount).toBe(2);
    expect(done.failures.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        kind: 'USERS',
        key: 'cometchat-uid-1',
        code: 'ERR_UID_ALREADY_EXISTS',
      }),
      expect.objectContaining({
        kind: 'MEMBERS',
        key: 'no-such-group_member_imp-new',
        code: 'ERR_GUID_NOT_FOUND',
      }),
    ]);
  });

  it('marks every item of a chunk CometChat refuses as a whole as failed, with the code', async () => {
    gw.emulator.injectFault({
      method: 'POST',
      path: '/v3/data_import/users',
      status: 400,
      body: { error: { code: 'ERR_IMPORT_INVALID_USER_FORMAT', message: 'bad format' } },
    });
    const result = await start(gw, { users: users(3, 'whole') });
    const job = jobOf(result);
    const done = await settle(gw, job.jobId);
    expect(done).toMatchObject({ state: 'COMPLETED', imported: 0, failed: 3 });
    expect(done.failures.edges.map((e) => e.node.code)).toEqual(
      Array(3).fill('ERR_IMPORT_INVALID_USER_FORMAT'),
    );
  });

  it('refuses bad input with a ValidationError before any upstream call', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{}, ['input']],
      [{ users: [] }, ['input']],
      [{ users: [{ uid: 'a b', name: 'x' }] }, ['input', 'users', '0', 'uid']],
      [
        {
          users: [
            { uid: 'dup', name: 'x' },
            { uid: 'DUP', name: 'y' },
          ],
        },
        ['input', 'users', '1'],
      ],
      [
        { groups: [{ guid: 'g', name: '', type: 'PUBLIC', owner: 'o' }] },
        ['input', 'groups', '0', 'name'],
      ],
    ];
    for (const [input, path] of cases) {
      const calls = await gw.countUpstream(async () => {
        const result = await start(gw, input);
        expect(result.errors).toBeUndefined();
        const error = result.data?.dataImportJobStart as { __typename: string; path: string[] };
        expect(error.__typename).toBe('ValidationError');
        expect(error.path).toEqual(path);
      });
      expect(calls).toBe(0);
    }
  });

  it('answers NotFoundError for an unknown job and ConflictError for a completed one', async () => {
    const missing = await gw.query<Data>(RESUME, { input: { jobId: 'no-such-job' } });
    expect(missing.data?.dataImportJobResume).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'jobId'],
    });
    const result = await start(gw, { users: users(1, 'once') });
    const job = jobOf(result);
    await settle(gw, job.jobId);
    const again = await gw.query<Data>(RESUME, { input: { jobId: job.jobId } });
    expect(again.data?.dataImportJobResume).toMatchObject({ __typename: 'ConflictError' });
    const list = await gw.query<{
      dataImportJobs: { totalCount: number; nodes: { jobId: string }[] };
    }>(LIST);
    expect(list.data?.dataImportJobs.nodes.map((n) => n.jobId)).toContain(job.jobId);
    expect(await gw.query<Data>(READ, { jobId: 'no-such-job' })).toMatchObject({
      data: { dataImportJob: null },
    });
  });

  it('is admin only: an end user gets FORBIDDEN for every entry point, with no upstream call', async () => {
    const operations: [string, Record<string, unknown>][] = [
      [START, { input: { users: users(1, 'nope') } }],
      [RESUME, { input: { jobId: 'x' } }],
      [READ, { jobId: 'x' }],
      [LIST, {}],
    ];
    for (const [text, variables] of operations) {
      const calls = await gw.countUpstream(async () => {
        const result = await gw.asUser('cometchat-uid-1', text, variables);
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      });
      expect(calls).toBe(0);
    }
    expect(importedUids(gw.emulator.store, 'nope-')).toEqual([]);
  });
});

describe('data import: resuming after the gateway process was killed', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('skips acknowledged chunks, checks the chunk in flight at the kill, and duplicates nothing', {
    timeout: 600_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-import-'));
    const emulator = await startEmulator({ port: 0, seed: 'none', apiKey: `key${Date.now()}` });
    const adminToken = 'import-test-admin-token';
    try {
      const env: NodeJS.ProcessEnv = {};
      for (const [key, value] of Object.entries(process.env)) {
        if (
          !/^(COMETCHAT_|EMULATOR_|GATEWAY_|WEBHOOK_|REDIS_URL|LOG_LEVEL|PORT|HOST|NODE_ENV)/.test(
            key,
          )
        )
          env[key] = value;
      }
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          ...env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          PORT: '0',
          COMETCHAT_BASE_URL: emulator.baseUrl,
          COMETCHAT_API_KEY: emulator.apiKey,
          COMETCHAT_APP_ID: emulator.appId,
          GATEWAY_ADMIN_TOKENS: adminToken,
          GATEWAY_IMPORT_DIR: dir,
          GATEWAY_IMPORT_RETRY_DELAY_MS: '60000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
      });
      const url = await waitFor(
        () => /listening on (http:\/\/[^\s"]+)/.exec(out)?.[1],
        120_000,
        25,
      );
      const post = async (query: string, variables: Record<string, unknown>) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as { data: Data };
      };

      // The first ten chunks are slowed a little; the eleventh is imported at the emulator but its
      // answer is lost (the connection is reset), and the gateway is killed while it pauses before
      // checking that chunk: at the kill, the chunk is persisted as sent, not acknowledged.
      emulator.injectFault({
        method: 'POST',
        path: '/v3/data_import/users',
        delayMs: 100,
        times: 10,
      });
      emulator.injectFault({ method: 'POST', path: '/v3/data_import/users', mode: 'reset-after' });
      const started = await post(START, { input: { users: users(2000, 'kill') } });
      const jobId = (started.data.dataImportJobStart as { dataImportJob: JobShape }).dataImportJob
        .jobId;
      await waitFor(
        () => (importPosts({ emulator }, 'users').some((r) => r.status === 0) ? true : undefined),
        120_000,
        5,
      );
      const running = (await post(READ, { jobId })).data.dataImportJob as unknown as JobShape;
      expect(running).toMatchObject({ state: 'RUNNING', imported: 500 });
      child.kill('SIGKILL');
      await new Promise((resolveExit) => child.once('exit', resolveExit));

      const persisted = JSON.parse(readFileSync(join(dir, `${jobId}.job.json`), 'utf8')) as {
        state: string;
        chunks: { status: string }[];
      };
      expect(persisted.state).toBe('RUNNING');
      expect(persisted.chunks.filter((c) => c.status === 'sent')).toHaveLength(1);
      const doneBefore = persisted.chunks.filter((c) => c.status === 'done').length;
      expect(doneBefore).toBe(10);
      expect(importedUids(emulator.store, 'kill-')).toHaveLength((doneBefore + 1) * 50);
      const postsBefore = importPosts({ emulator }, 'users').length;

      const gw = await startTestGateway({
        env: {
          COMETCHAT_BASE_URL: emulator.baseUrl,
          COMETCHAT_API_KEY: emulator.apiKey,
          COMETCHAT_APP_ID: emulator.appId,
          GATEWAY_IMPORT_DIR: dir,
        },
      });
      try {
        const listed = await gw.query<{
          dataImportJobs: { nodes: { jobId: string; state: string }[] };
        }>(LIST);
        expect(listed.data?.dataImportJobs.nodes).toContainEqual(
          expect.objectContaining({ jobId, state: 'INTERRUPTED' }),
        );
        const resumed = await gw.query<Data>(RESUME, { input: { jobId } });
        expect(resumed.data?.dataImportJobResume).toMatchObject({
          __typename: 'DataImportJobResumePayload',
        });
        const done = await settle(gw, jobId);
        expect(done).toMatchObject({
          state: 'COMPLETED',
          imported: 2000,
          failed: 0,
          pending: 0,
          alreadyImported: 50,
          resumes: 1,
        });
        const uids = importedUids(emulator.store, 'kill-');
        expect(uids).toHaveLength(2000);
        // Only the chunks never acknowledged were sent again; the one in flight was found imported.
        const after = importPosts({ emulator }, 'users');
        expect(after.length - postsBefore).toBe(40 - doneBefore - 1);
        expect(after.filter((r) => r.status === 429)).toEqual([]);
        expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      } finally {
        await gw.close();
      }
    } finally {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
