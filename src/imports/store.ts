/**
 * Where import jobs are kept: in memory (lost with the process), in files under a directory
 * (`GATEWAY_IMPORT_DIR`: one process per directory), or in Redis (`REDIS_URL`: shared by
 * replicas, with a lease so only one replica runs a job at a time). Items are written once;
 * progress is rewritten after every chunk (files: written to a temporary name, then renamed, so a
 * kill leaves the previous or the next state, never half of one).
 */

import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Redis, RedisOptions } from 'ioredis';
import type { ImportItems, JobRecord } from './job.js';

const require = createRequire(import.meta.url);

/**
 * `new Redis(url, options)`, ioredis loaded on first use: a gateway without Redis does not carry
 * its modules (about 9 MiB of idle RSS, docs/bench.md). It ships CommonJS, so `require` keeps
 * this synchronous.
 */
function newRedis(url: string, options: RedisOptions): Redis {
  const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
  return new RedisClient(url, options);
}

export interface JobStore {
  saveItems(id: string, items: ImportItems): Promise<void>;
  loadItems(id: string): Promise<ImportItems | null>;
  save(job: JobRecord): Promise<void>;
  load(id: string): Promise<JobRecord | null>;
  /** Every job, newest first. */
  list(): Promise<JobRecord[]>;
  /** Takes the right to run `id` for `ttlMs` (false when another live owner holds it). */
  claim(id: string, owner: string, ttlMs: number): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
  close(): Promise<void>;
}

const clone = <T>(value: T): T => structuredClone(value);

function newestFirst(jobs: JobRecord[]): JobRecord[] {
  return jobs.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

/** In-process leases: enough where one process owns the store. */
class LocalLeases {
  private readonly owners = new Map<string, string>();

  claim(id: string, owner: string): boolean {
    const current = this.owners.get(id);
    if (current !== undefined && current !== owner) return false;
    this.owners.set(id, owner);
    return true;
  }

  release(id: string, owner: string): void {
    if (this.owners.get(id) === owner) this.owners.delete(id);
  }
}

export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly items = new Map<string, ImportItems>();
  private readonly leases = new LocalLeases();

  async saveItems(id: string, items: ImportItems): Promise<void> {
    this.items.set(id, clone(items));
  }
  async loadItems(id: string): Promise<ImportItems | null> {
    return this.items.get(id) ?? null;
  }
  async save(job: JobRecord): Promise<void> {
    this.jobs.set(job.id, clone(job));
  }
  async load(id: string): Promise<JobRecord | null> {
    const job = this.jobs.get(id);
    return job ? clone(job) : null;
  }
  async list(): Promise<JobRecord[]> {
    return newestFirst([...this.jobs.values()].map(clone));
  }
  async claim(id: string, owner: string): Promise<boolean> {
    return this.leases.claim(id, owner);
  }
  async release(id: string, owner: string): Promise<void> {
    this.leases.release(id, owner);
  }
  async close(): Promise<void> {}
}

const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class FileJobStore implements JobStore {
  private readonly leases = new LocalLeases();
  private ready: Promise<unknown> | null = null;

  constructor(private readonly dir: string) {}

  private async write(name: string, value: unknown): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    const target = join(this.dir, name);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(value));
    await rename(temporary, target);
  }

  private async read<T>(name: string): Promise<T | null> {
    try {
      return JSON.parse(await readFile(join(this.dir, name), 'utf8')) as T; // written by this store
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // a missing file
      throw error;
    }
  }

  saveItems(id: string, items: ImportItems): Promise<void> {
    return this.write(`${id}.items.json`, items);
  }
  loadItems(id: string): Promise<ImportItems | null> {
    return JOB_ID.test(id) ? this.read<ImportItems>(`${id}.items.json`) : Promise.resolve(null);
  }
  save(job: JobRecord): Promise<void> {
    return this.write(`${job.id}.job.json`, job);
  }
  load(id: string): Promise<JobRecord | null> {
    return JOB_ID.test(id) ? this.read<JobRecord>(`${id}.job.json`) : Promise.resolve(null);
  }
  async list(): Promise<JobRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []; // nothing imported yet
      throw error;
    }
    const jobs = await Promise.all(
      names
        .filter((name) => name.endsWith('.job.json'))
        .map((name) => this.load(name.slice(0, -'.job.json'.length))),
    );
    return newestFirst(jobs.filter((job): job is JobRecord => job !== null));
  }
  async claim(id: string, owner: string): Promise<boolean> {
    return this.leases.claim(id, owner);
  }
  async release(id: string, owner: string): Promise<void> {
    this.leases.release(id, owner);
  }
  async close(): Promise<void> {}
}

const PREFIX = 'gateway:import:';

export class RedisJobStore implements JobStore {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = newRedis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.redis.on('error', () => {});
  }

  async saveItems(id: string, items: ImportItems): Promise<void> {
    await this.redis.set(`${PREFIX}items:${id}`, JSON.stringify(items));
  }
  async loadItems(id: string): Promise<ImportItems | null> {
    const raw = await this.redis.get(`${PREFIX}items:${id}`);
    return raw === null ? null : (JSON.parse(raw) as ImportItems); // written by this store
  }
  async save(job: JobRecord): Promise<void> {
    await this.redis
      .multi()
      .set(`${PREFIX}job:${job.id}`, JSON.stringify(job))
      .zadd(`${PREFIX}jobs`, job.createdAt, job.id)
      .exec();
  }
  async load(id: string): Promise<JobRecord | null> {
    const raw = await this.redis.get(`${PREFIX}job:${id}`);
    return raw === null ? null : (JSON.parse(raw) as JobRecord); // written by this store
  }
  async list(): Promise<JobRecord[]> {
    const ids = await this.redis.zrevrange(`${PREFIX}jobs`, 0, -1);
    const jobs = await Promise.all(ids.map((id) => this.load(id)));
    return newestFirst(jobs.filter((job): job is JobRecord => job !== null));
  }
  async claim(id: string, owner: string, ttlMs: number): Promise<boolean> {
    const key = `${PREFIX}lease:${id}`;
    if ((await this.redis.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK') return true;
    if ((await this.redis.get(key)) !== owner) return false;
    await this.redis.pexpire(key, ttlMs);
    return true;
  }
  async release(id: string, owner: string): Promise<void> {
    const key = `${PREFIX}lease:${id}`;
    if ((await this.redis.get(key)) === owner) await this.redis.del(key);
  }
  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
