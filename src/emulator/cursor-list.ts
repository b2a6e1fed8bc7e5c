/**
 * CometChat's cursor lists (messages, threads, reactions): `limit` (1..1000, default 100),
 * `affix` (`append`|`prepend`, default `prepend`), an exclusive `id` or, without it, `sentAt`.
 * Results are always ascending by id; `append` takes the first `limit` items after the cursor,
 * `prepend` the last `limit` items before it. Lists walk id-ordered indices from the cursor, so a
 * page costs what it returns (plus the items its filters skip), never a scan of the whole store.
 */
import { assertValid, LIMITS } from './http.js';
import type { MessageRow, Store } from './store.js';

export interface Cursor {
  limit: number;
  affix: 'append' | 'prepend';
  id?: number;
  sentAt?: number;
}

/** Reads and validates the cursor query; `fallbackLimit` applies when `limit` is absent. */
export function readCursor(query: URLSearchParams, fallbackLimit = 100): Cursor {
  const details: Record<string, string[]> = {};
  const limitRaw = query.get('limit');
  let limit = fallbackLimit;
  if (limitRaw !== null && limitRaw !== '') {
    limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.cursorListLimit) {
      details.limit = [`The limit must be an integer between 1 and ${LIMITS.cursorListLimit}.`];
    }
  }
  const affix = query.get('affix') || 'prepend';
  if (affix !== 'append' && affix !== 'prepend') {
    details.affix = ['The affix must be append or prepend.'];
  }
  const id = readPositive(query, 'id', details);
  const sentAt = readPositive(query, 'sentAt', details, 0);
  assertValid(details);
  return {
    limit,
    affix: affix === 'append' ? 'append' : 'prepend',
    ...(id !== undefined ? { id } : {}),
    ...(sentAt !== undefined ? { sentAt } : {}),
  };
}

function readPositive(
  query: URLSearchParams,
  name: string,
  details: Record<string, string[]>,
  min = 1,
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    details[name] = [`The ${name} must be an integer of at least ${min}.`];
    return undefined;
  }
  return value;
}

export interface Identified {
  id: number;
}

/**
 * An id-ordered collection that can be walked from any id in either direction. Walks take a
 * visitor (return false to stop) rather than yielding: filtered scans of the whole app's messages
 * are the one place where per-item overhead shows.
 */
export interface Sequence<T extends Identified> {
  /** Visits items with id > afterId, ascending, until `visit` returns false. */
  walkUp(afterId: number, visit: (row: T) => boolean): void;
  /** Visits items with id < beforeId, descending, until `visit` returns false. */
  walkDown(beforeId: number, visit: (row: T) => boolean): void;
  /** The smallest id whose time is >= at (> at when strict); Infinity when there is none. */
  firstIdAtTime(at: number, strict: boolean): number;
}

/** A sequence over a list already sorted by id (the store's per-conversation indices). */
export function arraySequence<T extends Identified>(
  rows: readonly T[],
  timeOf: (row: T) => number,
): Sequence<T> {
  const firstIndexAbove = (id: number): number => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const row = rows[mid] as T; // mid < rows.length
      if (row.id > id) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    walkUp(afterId, visit) {
      for (let i = firstIndexAbove(afterId); i < rows.length; i++) {
        if (!visit(rows[i] as T)) return; // i in range
      }
    },
    walkDown(beforeId, visit) {
      for (let i = firstIndexAbove(beforeId - 1) - 1; i >= 0; i--) {
        if (!visit(rows[i] as T)) return; // i in range
      }
    },
    firstIdAtTime(at, strict) {
      // Ids are assigned in time order, so times are non-decreasing along the list.
      let lo = 0;
      let hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const time = timeOf(rows[mid] as T); // mid < rows.length
        if (strict ? time > at : time >= at) hi = mid;
        else lo = mid + 1;
      }
      return lo < rows.length ? (rows[lo] as T).id : Number.POSITIVE_INFINITY; // lo in range
    },
  };
}

/** Every message of the app, walked through the id space (ids are dense, gaps are deletions). */
export function storeSequence(store: Store): Sequence<MessageRow> {
  const maxId = () => store.nextMessageId - 1;
  const { messages } = store;
  return {
    walkUp(afterId, visit) {
      const top = maxId();
      for (let id = Math.max(afterId + 1, 1); id <= top; id++) {
        const row = messages.get(id);
        if (row && !visit(row)) return;
      }
    },
    walkDown(beforeId, visit) {
      for (let id = Math.min(beforeId - 1, maxId()); id >= 1; id--) {
        const row = messages.get(id);
        if (row && !visit(row)) return;
      }
    },
    firstIdAtTime(at, strict) {
      const passes = (row: MessageRow) => (strict ? row.sentAt > at : row.sentAt >= at);
      let lo = 1;
      let hi = maxId() + 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        let probe: MessageRow | undefined;
        for (let id = mid; id < hi && !probe; id++) probe = messages.get(id);
        if (!probe) hi = mid;
        else if (passes(probe)) hi = probe.id;
        else lo = probe.id + 1;
      }
      return hi <= maxId() ? hi : Number.POSITIVE_INFINITY;
    },
  };
}

export interface CursorPage<T> {
  items: T[];
  /** More matching items exist before the first item. */
  hasBefore: boolean;
  /** More matching items exist after the last item. */
  hasAfter: boolean;
}

type Walk<T> = (visit: (row: T) => boolean) => void;

function take<T>(walk: Walk<T>, matches: (row: T) => boolean, count: number): T[] {
  const out: T[] = [];
  if (count <= 0) return out;
  walk((row) => {
    if (matches(row)) out.push(row);
    return out.length < count;
  });
  return out;
}

/** One page over the union of `sequences` (disjoint, each id-ordered) under `matches`. */
export function cursorPage<T extends Identified>(
  sequences: readonly Sequence<T>[],
  cursor: Cursor,
  matches: (row: T) => boolean,
): CursorPage<T> {
  const { limit } = cursor;
  const collected: T[] = [];
  if (cursor.affix === 'append') {
    for (const sequence of sequences) {
      const after =
        cursor.id ??
        (cursor.sentAt !== undefined ? sequence.firstIdAtTime(cursor.sentAt, false) - 1 : 0);
      collected.push(...take((v) => sequence.walkUp(after, v), matches, limit + 1));
    }
    collected.sort((a, b) => a.id - b.id);
    const items = collected.slice(0, limit);
    const first = items[0];
    const hasBefore =
      first !== undefined &&
      sequences.some((s) => take((v) => s.walkDown(first.id, v), matches, 1).length > 0);
    return { items, hasBefore, hasAfter: collected.length > limit };
  }
  for (const sequence of sequences) {
    const before =
      cursor.id ??
      (cursor.sentAt !== undefined
        ? sequence.firstIdAtTime(cursor.sentAt, true)
        : Number.POSITIVE_INFINITY);
    collected.push(...take((v) => sequence.walkDown(before, v), matches, limit + 1));
  }
  collected.sort((a, b) => b.id - a.id);
  const items = collected.slice(0, limit).reverse();
  const last = items[items.length - 1];
  const hasAfter =
    last !== undefined &&
    sequences.some((s) => take((v) => s.walkUp(last.id, v), matches, 1).length > 0);
  return { items, hasBefore: collected.length > limit, hasAfter };
}

/** `meta` of a cursor list: `previous` / `current` / `next` (the cursors omit `sentAt` when absent). */
export function cursorMeta<T extends Identified>(
  page: CursorPage<T>,
  cursor: Cursor,
  timeOf?: (row: T) => number,
): Record<string, unknown> {
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  const position = (affix: 'append' | 'prepend', row: T) => ({
    affix,
    ...(timeOf ? { sentAt: timeOf(row) } : {}),
    id: String(row.id),
  });
  return {
    ...(page.hasBefore && first ? { previous: position('prepend', first) } : {}),
    current: { limit: cursor.limit, count: page.items.length },
    ...(page.hasAfter && last ? { next: position('append', last) } : {}),
  };
}
