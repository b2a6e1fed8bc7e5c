/**
 * An import job as it is persisted: the items (written once, never changed) and the progress
 * (rewritten after every chunk). Pure data and pure functions; the runner is in service.ts.
 */
import type { ImportKind } from '../upstream/data-import.js';

/** One entity to import: its key (uid, guid, `{guid}_member_{uid}`, muid) and its wire body. */
export interface ImportItem {
  key: string;
  entity: Record<string, unknown>;
}

export type ImportItems = Partial<Record<ImportKind, ImportItem[]>>;

/**
 * A chunk's life: `pending` (never sent), `sent` (sent, no answer recorded: in flight, or its
 * outcome was lost), `done` (CometChat's per-item answer recorded).
 */
export type ChunkStatus = 'pending' | 'sent' | 'done';

export interface ChunkState {
  kind: ImportKind;
  /** Index of the chunk's first item in the kind's item list. */
  start: number;
  /** How many items (at most 50). */
  size: number;
  status: ChunkStatus;
}

export interface ImportFailure {
  kind: ImportKind;
  key: string;
  /** CometChat's error code, or the gateway's (`IMPORT_REQUEST_FAILED`) when the whole request failed. */
  code: string | null;
  message: string;
}

/** Persisted `RUNNING` without a runner in any live process reads as `INTERRUPTED`. */
export type JobState = 'RUNNING' | 'INTERRUPTED' | 'COMPLETED';

export interface JobRecord {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  state: JobState;
  total: number;
  imported: number;
  failed: number;
  /** Items found already imported when a chunk in flight at an interruption was checked. */
  confirmed: number;
  chunks: ChunkState[];
  failures: ImportFailure[];
  /** 429 answers received (the pacing keeps this at 0 unless something else spends the quota). */
  throttled: number;
  /** Why the job stopped before finishing, in words; null otherwise. */
  lastError: string | null;
  /** How many times the job was resumed. */
  resumes: number;
}

/** Splits the items into chunks of at most `size`, kind by kind in dependency order. */
export function planChunks(
  items: ImportItems,
  kinds: readonly ImportKind[],
  size: number,
): ChunkState[] {
  const chunks: ChunkState[] = [];
  for (const kind of kinds) {
    const list = items[kind] ?? [];
    for (let start = 0; start < list.length; start += size) {
      chunks.push({ kind, start, size: Math.min(size, list.length - start), status: 'pending' });
    }
  }
  return chunks;
}

/** A new job over `items`. */
export function newJob(
  id: string,
  items: ImportItems,
  kinds: readonly ImportKind[],
  size: number,
  now: number,
): JobRecord {
  const chunks = planChunks(items, kinds, size);
  return {
    id,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    state: 'RUNNING',
    total: chunks.reduce((sum, chunk) => sum + chunk.size, 0),
    imported: 0,
    failed: 0,
    confirmed: 0,
    chunks,
    failures: [],
    throttled: 0,
    lastError: null,
    resumes: 0,
  };
}

/** Items neither imported nor failed. */
export function pendingOf(job: JobRecord): number {
  return job.total - job.imported - job.failed;
}
