/**
 * Data import jobs: a batch of thousands of users, groups, members and messages, sent to
 * CometChat's import endpoints in chunks of at most 50, paced per endpoint (src/imports/pacer.ts),
 * with every item's outcome recorded and the job's progress persisted after each chunk.
 *
 * Resuming. A job is persisted before each chunk is sent (chunk `sent`) and after its answer is
 * recorded (chunk `done`, with the items' outcomes and the counts, in one write). A job found
 * `RUNNING` with no live runner (the gateway was stopped or killed) is `INTERRUPTED`; resuming it
 * skips `done` chunks and sends `pending` ones. A `sent` chunk was in flight: CometChat may or may
 * not have imported it. Before it is sent again:
 * - users and groups are looked up one by one (`GET /users/{uid}`, `GET /groups/{guid}`); those
 *   that exist count as imported and are not sent again;
 * - members and messages are sent again, and an item CometChat refuses as already there
 *   (ERR_ALREADY_JOINED, ERR_IMPORT_MUID_ALREADY_EXISTS: a muid is unique per app) counts as
 *   imported. CometChat keys every imported entity by its id, so nothing is created twice.
 * The same applies to a chunk whose answer was lost (connection reset, timeout).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { UpstreamClient } from '../upstream/client.js';
import {
  IMPORT_KINDS,
  IMPORT_MAX_PER_REQUEST,
  type ImportKind,
  importEntities,
} from '../upstream/data-import.js';
import { isUpstreamError, type UpstreamError } from '../upstream/errors.js';
import { getGroup } from '../upstream/groups.js';
import { sleep } from '../upstream/sleep.js';
import { getUser } from '../upstream/users.js';
import {
  type ChunkState,
  type ImportFailure,
  type ImportItem,
  type ImportItems,
  type JobRecord,
  type JobState,
  newJob,
} from './job.js';
import type { ImportPacer } from './pacer.js';
import type { JobStore } from './store.js';

/** Codes that, for an item of a chunk that may already have been imported, mean it was. */
const ALREADY_THERE = new Set([
  'ERR_UID_ALREADY_EXISTS',
  'ERR_GUID_ALREADY_EXISTS',
  'ERR_ALREADY_JOINED',
  'ERR_IMPORT_MUID_ALREADY_EXISTS',
]);

/** Attempts at one chunk that fails as a whole (besides 429s) before the job stops. */
const MAX_ATTEMPTS = 3;
const LEASE_TTL_MS = 60_000;

export interface DataImportsOptions {
  upstream: UpstreamClient;
  store: JobStore;
  pacer: ImportPacer;
  logger: Logger;
  /** Entities per request: 1 to 50 (default 50). */
  chunkSize?: number;
  /** Pause before sending a chunk again after a failure that was not a 429; default 1000 ms. */
  retryDelayMs?: number;
}

/** A job as the graph shows it: its state as it is now (a dead runner's job is INTERRUPTED). */
export interface ImportJobView extends JobRecord {
  state: JobState;
}

export type ResumeOutcome =
  | { kind: 'resumed'; job: ImportJobView }
  | { kind: 'not_found' }
  | { kind: 'running' }
  | { kind: 'completed' };

class Interruption extends Error {}

interface ChunkResult {
  imported: number;
  confirmed: number;
  failures: ImportFailure[];
}

export class DataImports {
  private readonly upstream: UpstreamClient;
  private readonly store: JobStore;
  private readonly pacer: ImportPacer;
  private readonly logger: Logger;
  private readonly chunkSize: number;
  private readonly retryDelayMs: number;
  private readonly owner = randomUUID();
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private closed = false;

  constructor(options: DataImportsOptions) {
    this.upstream = options.upstream;
    this.store = options.store;
    this.pacer = options.pacer;
    this.logger = options.logger;
    this.chunkSize = Math.min(IMPORT_MAX_PER_REQUEST, Math.max(1, options.chunkSize ?? 50));
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /** Persists a new job over `items` and starts it in the background. */
  async start(items: ImportItems): Promise<ImportJobView> {
    const id = randomUUID();
    const job = newJob(id, items, IMPORT_KINDS, this.chunkSize, Date.now());
    await this.store.saveItems(id, items);
    await this.store.save(job);
    await this.store.claim(id, this.owner, LEASE_TTL_MS);
    this.launch(job, items);
    return { ...job };
  }

  /** Continues an interrupted job where its persisted progress ends. */
  async resume(id: string): Promise<ResumeOutcome> {
    const job = await this.store.load(id);
    if (!job) return { kind: 'not_found' };
    if (job.state === 'COMPLETED') return { kind: 'completed' };
    if (this.running.has(id)) return { kind: 'running' };
    if (!(await this.store.claim(id, this.owner, LEASE_TTL_MS))) return { kind: 'running' };
    const items = await this.store.loadItems(id);
    if (!items) {
      await this.store.release(id, this.owner);
      return { kind: 'not_found' };
    }
    job.state = 'RUNNING';
    job.lastError = null;
    job.resumes += 1;
    job.updatedAt = Date.now();
    await this.store.save(job);
    this.launch(job, items);
    return { kind: 'resumed', job: { ...job } };
  }

  async get(id: string): Promise<ImportJobView | null> {
    const job = await this.store.load(id);
    return job ? this.present(job) : null;
  }

  async list(): Promise<ImportJobView[]> {
    return Promise.all((await this.store.list()).map((job) => this.present(job)));
  }

  /** Stops every runner (a chunk in flight stays `sent`) and closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    const runners = [...this.running.values()];
    for (const runner of runners) runner.abort.abort(new Error('the gateway is stopping'));
    await Promise.all(runners.map((runner) => runner.done));
    await this.store.close();
  }

  /** Waits until the job's runner in this process has stopped (tests, shutdown). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  private async present(job: JobRecord): Promise<ImportJobView> {
    if (job.state !== 'RUNNING' || this.running.has(job.id)) return job;
    // Persisted as running, but no runner here: another replica's (holding the lease), or dead.
    const live = await this.store.claim(job.id, `probe-${this.owner}`, 1);
    if (!live) return job;
    await this.store.release(job.id, `probe-${this.owner}`);
    // A runner of this process may have finished since `job` was read (it saves its last state
    // before it leaves `running`): read again, so a job that just completed never shows as dead.
    const latest = (await this.store.load(job.id)) ?? job;
    return latest.state === 'RUNNING' ? { ...latest, state: 'INTERRUPTED' } : latest;
  }

  private launch(job: JobRecord, items: ImportItems): void {
    const abort = new AbortController();
    if (this.closed) abort.abort(new Error('the gateway is stopping'));
    const renew = setInterval(() => {
      this.store.claim(job.id, this.owner, LEASE_TTL_MS).catch(() => {});
    }, LEASE_TTL_MS / 4);
    renew.unref();
    const done = this.run(job, items, abort.signal)
      .catch((error: unknown) => {
        this.logger.error({ err: error, importJob: job.id }, 'data import job stopped');
      })
      .finally(async () => {
        clearInterval(renew);
        this.running.delete(job.id);
        await this.store.release(job.id, this.owner).catch(() => {});
      });
    this.running.set(job.id, { abort, done });
  }

  private async run(job: JobRecord, items: ImportItems, signal: AbortSignal): Promise<void> {
    try {
      for (const chunk of job.chunks) {
        if (chunk.status === 'done') continue;
        const list = (items[chunk.kind] ?? []).slice(chunk.start, chunk.start + chunk.size);
        const result = await this.runChunk(job, chunk, list, signal);
        chunk.status = 'done';
        job.imported += result.imported;
        job.confirmed += result.confirmed;
        job.failed += result.failures.length;
        job.failures.push(...result.failures);
        job.updatedAt = Date.now();
        await this.store.save(job);
      }
      job.state = 'COMPLETED';
      job.finishedAt = Date.now();
      job.updatedAt = job.finishedAt;
      await this.store.save(job);
      this.logger.info(
        { importJob: job.id, imported: job.imported, failed: job.failed },
        'data import job completed',
      );
    } catch (error) {
      if (signal.aborted) return; // stopping: the persisted state says where to resume
      job.state = 'INTERRUPTED';
      job.lastError =
        error instanceof Interruption ? error.message : 'The import stopped on an internal error.';
      job.updatedAt = Date.now();
      await this.store.save(job);
      if (!(error instanceof Interruption)) throw error;
      this.logger.warn({ importJob: job.id, reason: job.lastError }, 'data import job interrupted');
    }
  }

  private async runChunk(
    job: JobRecord,
    chunk: ChunkState,
    list: ImportItem[],
    signal: AbortSignal,
  ): Promise<ChunkResult> {
    const result: ChunkResult = { imported: 0, confirmed: 0, failures: [] };
    let uncertain = chunk.status === 'sent';
    let toSend = list;
    let attempts = 0;
    for (;;) {
      if (uncertain) {
        const present = await this.alreadyImported(chunk.kind, toSend, signal);
        result.imported += present.size;
        result.confirmed += present.size;
        toSend = toSend.filter((item) => !present.has(item.key));
      }
      if (toSend.length === 0) return result;
      if (chunk.status !== 'sent') {
        chunk.status = 'sent';
        await this.store.save(job);
      }
      try {
        const entities = Object.fromEntries(toSend.map((item) => [item.key, item.entity]));
        const outcome = await this.pacer.run(
          chunk.kind,
          () => importEntities(this.upstream, chunk.kind, entities, { signal }),
          signal,
        );
        for (const item of toSend) {
          const answer = outcome[item.key];
          if (answer?.success) result.imported += 1;
          else if (uncertain && answer?.code && ALREADY_THERE.has(answer.code)) {
            result.imported += 1;
            result.confirmed += 1;
          } else {
            result.failures.push({
              kind: chunk.kind,
              key: item.key,
              code: answer?.code ?? null,
              message: answer
                ? (answer.message ?? 'CometChat refused this item without saying why.')
                : 'CometChat did not report on this item.',
            });
          }
        }
        return result;
      } catch (error) {
        if (signal.aborted) throw error;
        if (!isUpstreamError(error)) throw error;
        if (error.kind === 'rate_limited') {
          job.throttled += 1;
          await sleep(
            error.retryAfterSeconds !== undefined
              ? error.retryAfterSeconds * 1000
              : this.pacer.windowMs,
            signal,
          );
          continue;
        }
        if (
          !error.outcomeUnknown &&
          (error.kind === 'invalid' || error.kind === 'not_found' || error.kind === 'conflict')
        ) {
          for (const item of toSend) result.failures.push(requestFailure(chunk.kind, item, error));
          return result;
        }
        if (error.outcomeUnknown) uncertain = true;
        attempts += 1;
        if (attempts >= MAX_ATTEMPTS) {
          throw new Interruption(
            `A ${chunk.kind} chunk failed ${attempts} times; the last time: ${error.message}`,
          );
        }
        await sleep(this.retryDelayMs * attempts, signal);
      }
    }
  }

  /** The keys of `items` that CometChat already has (users and groups; see the module comment). */
  private async alreadyImported(
    kind: ImportKind,
    items: ImportItem[],
    signal: AbortSignal,
  ): Promise<Set<string>> {
    const found = new Set<string>();
    if (kind !== 'users' && kind !== 'groups') return found;
    const lookup = kind === 'users' ? getUser : getGroup;
    const queue = [...items];
    const worker = async (): Promise<void> => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        try {
          await lookup(this.upstream, item.key, { signal });
          found.add(item.key);
        } catch (error) {
          if (isUpstreamError(error) && error.kind === 'not_found') continue;
          throw error;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 8 }, worker));
    } catch (error) {
      if (signal.aborted || !isUpstreamError(error)) throw error;
      throw new Interruption(
        `Checking which ${kind} were already imported failed: ${error.message}`,
      );
    }
    return found;
  }
}

function requestFailure(kind: ImportKind, item: ImportItem, error: UpstreamError): ImportFailure {
  return {
    kind,
    key: item.key,
    code: error.code ?? 'IMPORT_REQUEST_FAILED',
    message: error.message,
  };
}
