import { describe, expect, it } from 'vitest';
import {
  arrayConnection,
  type Connection,
  type ConnectionArgs,
  type CursorQuery,
  cursorConnection,
  cursorListEdge,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pagedConnection,
  planPages,
  validateConnectionArgs,
} from '../../src/schema/pagination.js';
import type { CursorPage, Page } from '../../src/upstream/records.js';

// ---------------------------------------------------------------------------------------------
// Helpers and in-memory upstream fakes

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function decodeCursor(cursor: string): unknown {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
}

function encodeRaw(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The error a call throws (synchronously or as a rejection). */
async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

async function expectBadInput(run: () => unknown, message: RegExp): Promise<void> {
  const error = await caught(run);
  expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect((error as Error).message).toMatch(message); // caught() only returns thrown values; these are Errors
}

interface PagedFake<T> {
  items: T[];
  calls: { page: number; perPage: number }[];
  fetchPage: (page: number, perPage: number) => Promise<Page<T>>;
}

/**
 * A page/perPage list as the emulator serves it. `quirk` reproduces CometChat's `total: 0` answers;
 * `cap` an upstream that silently serves smaller pages than asked.
 */
function pagedFake<T>(items: T[], options: { quirk?: boolean; cap?: number } = {}): PagedFake<T> {
  const calls: { page: number; perPage: number }[] = [];
  return {
    items,
    calls,
    async fetchPage(page, requested) {
      calls.push({ page, perPage: requested });
      if (!Number.isInteger(page) || page < 1) throw new Error(`bad page ${page}`);
      if (!Number.isInteger(requested) || requested < 1 || requested > 1000) {
        throw new Error(`bad perPage ${requested}`);
      }
      const perPage = Math.min(requested, options.cap ?? requested);
      const start = (page - 1) * perPage;
      const slice = items.slice(start, start + perPage);
      const totalPages = Math.max(1, Math.ceil(items.length / perPage));
      return {
        items: slice,
        pagination: {
          total: options.quirk ? 0 : items.length,
          count: slice.length,
          perPage,
          currentPage: page,
          totalPages: options.quirk ? 0 : totalPages,
        },
        cursor: null,
      };
    },
  };
}

interface Msg {
  id: string;
}

interface CursorFake {
  items: Msg[];
  calls: CursorQuery[];
  fetch: (q: CursorQuery) => Promise<CursorPage<Msg>>;
  append: (n: number) => void;
}

/** An id/affix/limit list with the emulator's semantics: ascending ids, exclusive `id`. */
function cursorFake(n: number): CursorFake {
  const items: Msg[] = range(n).map((i) => ({ id: String(i + 1) }));
  const calls: CursorQuery[] = [];
  const num = (m: Msg): number => Number(m.id);
  return {
    items,
    calls,
    append(count) {
      const next = items.length === 0 ? 1 : num(items[items.length - 1]!) + 1;
      for (let i = 0; i < count; i++) items.push({ id: String(next + i) });
    },
    async fetch(q) {
      calls.push({ ...q });
      if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > 1000) {
        throw new Error(`bad limit ${q.limit}`);
      }
      let picked: Msg[];
      if (q.affix === 'append') {
        const after = q.id === null ? Number.NEGATIVE_INFINITY : Number(q.id);
        picked = items.filter((m) => num(m) > after).slice(0, q.limit);
      } else {
        const before = q.id === null ? Number.POSITIVE_INFINITY : Number(q.id);
        picked = items.filter((m) => num(m) < before).slice(-q.limit);
      }
      return { items: picked, limit: q.limit, count: picked.length, next: null, previous: null };
    },
  };
}

const idOf = (m: Msg): string => m.id;

// ---------------------------------------------------------------------------------------------

describe('constants', () => {
  it('default to 20 and cap at 100', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(MAX_PAGE_SIZE).toBe(100);
  });
});

describe('cursor codec', () => {
  it('issues small versioned base64url cursors holding the offset and a short list tag', () => {
    const conn = arrayConnection(range(10), { first: 3 }, { key: 'users?search=al' });
    for (const [i, edge] of conn.edges.entries()) {
      expect(edge.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(edge.cursor.length).toBeLessThan(40);
      const payload = decodeCursor(edge.cursor);
      expect(payload).toEqual({ v: 1, k: expect.stringMatching(/^[A-Za-z0-9_-]{8}$/), o: i });
    }
    expect(conn.pageInfo.startCursor).toBe(conn.edges[0]?.cursor);
    expect(conn.pageInfo.endCursor).toBe(conn.edges[2]?.cursor);
  });

  it('round-trips: an offset cursor resumes right after its item', async () => {
    const key = 'users';
    const first = arrayConnection(range(10), { first: 4 }, { key });
    const next = arrayConnection(range(10), { first: 3, after: first.pageInfo.endCursor }, { key });
    expect(next.nodes).toEqual([4, 5, 6]);
    const back = arrayConnection(
      range(10),
      { last: 2, before: next.pageInfo.startCursor },
      { key },
    );
    expect(back.nodes).toEqual([2, 3]);
    // The same cursors are valid on the upstream-backed connection with the same key.
    const fake = pagedFake(range(10));
    const paged = await pagedConnection(
      { first: 3, after: first.pageInfo.endCursor },
      fake.fetchPage,
      {
        key,
      },
    );
    expect(paged.nodes).toEqual([4, 5, 6]);
  });

  it('round-trips: an id cursor resumes right after its item', async () => {
    const fake = cursorFake(10);
    const key = 'messages?group=g1';
    const first = await cursorConnection({ first: 3 }, fake.fetch, { key, idOf });
    expect(decodeCursor(first.pageInfo.endCursor ?? '')).toEqual({
      v: 1,
      k: expect.stringMatching(/^[A-Za-z0-9_-]{8}$/),
      id: '3',
    });
    const next = await cursorConnection({ first: 3, after: first.pageInfo.endCursor }, fake.fetch, {
      key,
      idOf,
    });
    expect(next.nodes.map(idOf)).toEqual(['4', '5', '6']);
  });

  it('cursorListEdge gives a single item the cursor its list would give it', async () => {
    const fake = cursorFake(10);
    const key = 'messages';
    const edge = cursorListEdge({ id: '5' }, { key, idOf });
    const listed = await cursorConnection({ first: 10 }, fake.fetch, { key, idOf });
    expect(listed.edges[4]?.cursor).toBe(edge.cursor);
    const next = await cursorConnection({ first: 2, after: edge.cursor }, fake.fetch, {
      key,
      idOf,
    });
    expect(next.nodes.map(idOf)).toEqual(['6', '7']);
  });

  const tagOf = (key: string): unknown =>
    (decodeCursor(arrayConnection([1], {}, { key }).edges[0]?.cursor ?? '') as { k: unknown }).k;

  const rejected: [string, () => string, RegExp][] = [
    ['empty', () => '', /not a cursor issued by this API/],
    ['not base64url', () => 'abc$%^', /not a cursor issued by this API/],
    ['padded base64', () => `${encodeRaw({ v: 1, k: tagOf('users'), o: 1 })}==`, /not a cursor/],
    ['base64 of non-JSON', () => Buffer.from('hello').toString('base64url'), /not a cursor/],
    ['JSON that is not an object', () => encodeRaw([1, 'users', 3]), /not a cursor issued/],
    ['JSON null', () => encodeRaw(null), /not a cursor issued/],
    ['too long', () => 'A'.repeat(5000), /not a cursor issued/],
    ['no version', () => encodeRaw({ k: tagOf('users'), o: 1 }), /incompatible version/],
    ['wrong version', () => encodeRaw({ v: 2, k: tagOf('users'), o: 1 }), /incompatible version/],
    ['version as a string', () => encodeRaw({ v: '1', k: tagOf('users'), o: 1 }), /version/],
    ['another list', () => encodeRaw({ v: 1, k: tagOf('groups'), o: 1 }), /different list/],
    [
      'other filters of the same list',
      () => encodeRaw({ v: 1, k: tagOf('users?search=bob'), o: 1 }),
      /different list \(another conversation, or a page list with other filters\)/,
    ],
    ['raw key instead of tag', () => encodeRaw({ v: 1, k: 'users', o: 1 }), /different list/],
    ['negative offset', () => encodeRaw({ v: 1, k: tagOf('users'), o: -1 }), /does not point/],
    ['fractional offset', () => encodeRaw({ v: 1, k: tagOf('users'), o: 1.5 }), /does not point/],
    ['offset as a string', () => encodeRaw({ v: 1, k: tagOf('users'), o: '1' }), /does not point/],
    ['an id cursor', () => encodeRaw({ v: 1, k: tagOf('users'), id: '4' }), /does not point/],
  ];

  it.each(rejected)(
    'pagedConnection rejects a cursor that is %s, with no fetch',
    async (_, make, why) => {
      const fake = pagedFake(range(30));
      await expectBadInput(
        () => pagedConnection({ first: 5, after: make() }, fake.fetchPage, { key: 'users' }),
        /^Invalid cursor in `after`/,
      );
      await expectBadInput(
        () => pagedConnection({ first: 5, after: make() }, fake.fetchPage, { key: 'users' }),
        why,
      );
      expect(fake.calls).toEqual([]);
    },
  );

  it('arrayConnection rejects foreign cursors in `after` and `before`', async () => {
    const other = arrayConnection(range(5), {}, { key: 'roles' }).pageInfo.endCursor;
    await expectBadInput(
      () => arrayConnection(range(5), { after: other }, { key: 'users' }),
      /^Invalid cursor in `after`: it belongs to a different list/,
    );
    await expectBadInput(
      () => arrayConnection(range(5), { before: other }, { key: 'users' }),
      /^Invalid cursor in `before`: it belongs to a different list/,
    );
  });

  it('cursorConnection rejects offset cursors, foreign ids and garbage, with no fetch', async () => {
    const fake = cursorFake(20);
    const key = 'messages?group=g1';
    const offsetCursor = arrayConnection([1], {}, { key }).pageInfo.endCursor;
    const otherGroup = cursorListEdge({ id: '3' }, { key: 'messages?group=g2', idOf }).cursor;
    const emptyId = encodeRaw({ v: 1, k: tagOf(key), id: '' });
    const numericId = encodeRaw({ v: 1, k: tagOf(key), id: 3 });
    for (const cursor of [offsetCursor, emptyId, numericId]) {
      await expectBadInput(
        () => cursorConnection({ first: 5, after: cursor }, fake.fetch, { key, idOf }),
        /^Invalid cursor in `after`: it does not point into this list/,
      );
    }
    await expectBadInput(
      () => cursorConnection({ last: 5, before: otherGroup }, fake.fetch, { key, idOf }),
      /^Invalid cursor in `before`: it belongs to a different list/,
    );
    await expectBadInput(
      () => cursorConnection({ before: 'not a cursor' }, fake.fetch, { key, idOf }),
      /^Invalid cursor in `before`: not a cursor issued by this API/,
    );
    expect(fake.calls).toEqual([]);
  });
});

describe('validateConnectionArgs', () => {
  const ok: [string, ConnectionArgs, boolean][] = [
    ['no arguments', {}, false],
    ['first 0', { first: 0 }, false],
    ['first 100', { first: 100 }, false],
    ['first with after', { first: 5, after: 'x' }, false],
    ['nulls everywhere', { first: null, after: null, last: null, before: null }, false],
    ['last 100 on a backwards list', { last: 100 }, true],
    ['last with before', { last: 5, before: 'x' }, true],
    ['before alone', { before: 'x' }, true],
  ];
  it.each(ok)('accepts %s', (_, args, backwards) => {
    expect(() => validateConnectionArgs(args, { backwards })).not.toThrow();
  });

  const bad: [string, ConnectionArgs, boolean, RegExp][] = [
    ['first above the maximum', { first: 101 }, false, /`first` must be at most 100/],
    ['last above the maximum', { last: 1000 }, true, /`last` must be at most 100/],
    ['negative first', { first: -1 }, false, /`first` must not be negative/],
    ['negative last', { last: -5 }, true, /`last` must not be negative/],
    ['fractional first', { first: 2.5 }, false, /`first` must be a whole number/],
    ['first and last', { first: 5, last: 5 }, true, /either `first` or `last`/],
    ['after and before', { after: 'a', before: 'b' }, true, /either `after` or `before`/],
    [
      'first with before',
      { first: 5, before: 'b' },
      true,
      /`first` .*cannot be combined with `before`/,
    ],
    ['last with after', { last: 5, after: 'a' }, true, /`last` .*cannot be combined with `after`/],
    ['last on a forward-only list', { last: 5 }, false, /only be paged forwards/],
    ['before on a forward-only list', { before: 'b' }, false, /only be paged forwards/],
  ];
  it.each(bad)('rejects %s', async (_, args, backwards, message) => {
    await expectBadInput(() => validateConnectionArgs(args, { backwards }), message);
  });

  it('says what the maximum is', async () => {
    const error = await caught(() => validateConnectionArgs({ first: 500 }, { backwards: false }));
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', maximum: 100 } });
    expect((error as Error).message).toContain('100'); // caught() returns what was thrown: an Error
  });

  it.each(bad)('%s makes no upstream call in either connection', async (_, args, backwards) => {
    const paged = pagedFake(range(30));
    const cursor = cursorFake(30);
    const validCursor = arrayConnection([1], {}, { key: 'k' }).pageInfo.endCursor;
    const withCursors: ConnectionArgs = {
      ...args,
      ...(args.after != null ? { after: validCursor } : {}),
      ...(args.before != null ? { before: validCursor } : {}),
    };
    await expectBadInput(() => pagedConnection(withCursors, paged.fetchPage, { key: 'k' }), /./);
    if (backwards) {
      await expectBadInput(
        () => cursorConnection(withCursors, cursor.fetch, { key: 'k', idOf }),
        /./,
      );
    }
    expect(paged.calls).toEqual([]);
    expect(cursor.calls).toEqual([]);
  });
});

describe('planPages', () => {
  it('serves a window from the start with one page', () => {
    expect(planPages(0, 20)).toEqual({ perPage: 21, pages: [1] });
    expect(planPages(0, 7)).toEqual({ perPage: 8, pages: [1] });
    expect(planPages(0, 100)).toEqual({ perPage: 101, pages: [1] });
  });

  it('keeps aligned windows on their page', () => {
    expect(planPages(21, 20)).toEqual({ perPage: 21, pages: [2] });
    expect(planPages(808, 100)).toEqual({ perPage: 101, pages: [9] });
  });

  it('finds one page for a window that straddles the natural page boundaries', () => {
    // items 13..20: 8-, 9- and 10-item pages all cut it; 11-item page 2 holds 11..21
    expect(planPages(13, 7)).toEqual({ perPage: 11, pages: [2] });
    // items 995..1002 straddle every power-of-ten page size
    expect(planPages(995, 7)).toEqual({ perPage: 14, pages: [72] });
  });

  it('handles deep offsets with one call of at most 1000', () => {
    for (const offset of [10_000, 99_999, 123_456, 1_000_000, 2_718_281]) {
      const plan = planPages(offset, 100);
      expect(plan.pages).toHaveLength(1);
      expect(plan.perPage).toBeGreaterThanOrEqual(101);
      expect(plan.perPage).toBeLessThanOrEqual(1000);
    }
  });

  it('asks for one item when the window is empty', () => {
    expect(planPages(0, 0)).toEqual({ perPage: 1, pages: [1] });
    expect(planPages(41, 0)).toEqual({ perPage: 1, pages: [42] });
  });

  it('falls back to the fewest pages of one size when no single page fits', () => {
    expect(planPages(950, 999)).toEqual({ perPage: 1000, pages: [1, 2] });
    expect(planPages(0, 2500)).toEqual({ perPage: 1000, pages: [1, 2, 3] });
  });

  it('always covers the range with the smallest single page, or else the fewest pages', () => {
    const covers = (offset: number, count: number, perPage: number, pages: number[]): boolean =>
      (pages[0]! - 1) * perPage <= offset &&
      pages[pages.length - 1]! * perPage - 1 >= offset + count;
    for (const count of [0, 1, 6, 7, 19, 20, 50, 99, 100]) {
      for (let offset = 0; offset < 1500; offset += 7) {
        const { perPage, pages } = planPages(offset, count);
        expect(perPage).toBeGreaterThanOrEqual(count + 1);
        expect(perPage).toBeLessThanOrEqual(1000);
        expect(pages).toEqual(range(pages.length).map((i) => pages[0]! + i));
        expect(covers(offset, count, perPage, pages)).toBe(true);
        // no smaller perPage does it in as few pages
        let smallerAsGood: number | null = null;
        for (let smaller = count + 1; smaller < perPage; smaller++) {
          const pagesNeeded =
            Math.floor((offset + count) / smaller) - Math.floor(offset / smaller) + 1;
          if (pagesNeeded <= pages.length) smallerAsGood = smaller;
        }
        expect(smallerAsGood).toBeNull();
      }
    }
  });

  it('rejects impossible input', () => {
    expect(() => planPages(-1, 5)).toThrow(RangeError);
    expect(() => planPages(0, -1)).toThrow(RangeError);
    expect(() => planPages(1.5, 5)).toThrow(RangeError);
  });
});

describe('pagedConnection', () => {
  async function walk<T>(
    fake: PagedFake<T>,
    first: number,
    key = 'users',
  ): Promise<{ pages: Connection<T>[]; seen: T[] }> {
    const pages: Connection<T>[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const conn: Connection<T> = await pagedConnection({ first, after }, fake.fetchPage, { key });
      pages.push(conn);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    return { pages, seen: pages.flatMap((p) => p.nodes) };
  }

  it('walks a 53-item list with first 7: every item exactly once, in order, one call a page', async () => {
    const fake = pagedFake(range(53).map((i) => `user-${i}`));
    const { pages, seen } = await walk(fake, 7);
    expect(seen).toEqual(fake.items);
    expect(pages).toHaveLength(8);
    expect(pages.map((p) => p.nodes.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 4]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(pages.every((p) => p.totalCount === 53)).toBe(true);
    expect(pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
    expect(fake.calls).toHaveLength(pages.length);
    for (const page of pages) {
      expect(page.nodes).toEqual(page.edges.map((e) => e.node));
    }
  });

  it('returns items 13..19 for first 7 after the cursor of item 12', async () => {
    const fake = pagedFake(range(53));
    const head = await pagedConnection({ first: 13 }, fake.fetchPage, { key: 'users' });
    const cursor12 = head.edges[12]?.cursor ?? null;
    fake.calls.length = 0;
    const conn = await pagedConnection({ first: 7, after: cursor12 }, fake.fetchPage, {
      key: 'users',
    });
    expect(conn.nodes).toEqual([13, 14, 15, 16, 17, 18, 19]);
    expect(conn.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(decodeCursor(conn.pageInfo.startCursor ?? '')).toMatchObject({ o: 13 });
    expect(decodeCursor(conn.pageInfo.endCursor ?? '')).toMatchObject({ o: 19 });
    expect(fake.calls).toEqual([{ page: 2, perPage: 11 }]);
  });

  it('serves every window of every size exactly like slicing the whole list', async () => {
    const items = range(53);
    const fake = pagedFake(items);
    const cursors = arrayConnection(items, { first: 53 }, { key: 'users' }).edges.map(
      (e) => e.cursor,
    );
    for (const first of [0, 1, 2, 7, 13, 20, 52, 53, 100]) {
      for (let start = 0; start <= 53; start++) {
        const after = start === 0 ? null : (cursors[start - 1] ?? null);
        const conn = await pagedConnection({ first, after }, fake.fetchPage, { key: 'users' });
        expect(conn.nodes).toEqual(items.slice(start, start + first));
        expect(conn.pageInfo.hasNextPage).toBe(start + first < 53);
        expect(conn.pageInfo.hasPreviousPage).toBe(start > 0);
        expect(conn.totalCount).toBe(53);
      }
    }
  });

  it('defaults to 20 and serves 100 from the start in one call', async () => {
    const fake = pagedFake(range(250));
    const twenty = await pagedConnection({}, fake.fetchPage, { key: 'users' });
    expect(twenty.nodes).toEqual(range(20));
    const hundred = await pagedConnection({ first: 100 }, fake.fetchPage, { key: 'users' });
    expect(hundred.nodes).toEqual(range(100));
    expect(hundred.pageInfo.hasNextPage).toBe(true);
    expect(fake.calls).toEqual([
      { page: 1, perPage: 21 },
      { page: 1, perPage: 101 },
    ]);
  });

  it('first 0 returns no edges, with hasNextPage and the total from one tiny call', async () => {
    const fake = pagedFake(range(53));
    const start = await pagedConnection({ first: 0 }, fake.fetchPage, { key: 'users' });
    expect(start).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: 53,
    });
    expect(fake.calls).toEqual([{ page: 1, perPage: 1 }]);

    const lastCursor = arrayConnection(range(53), { last: 1 }, { key: 'users' }).pageInfo.endCursor;
    const end = await pagedConnection({ first: 0, after: lastCursor }, fake.fetchPage, {
      key: 'users',
    });
    expect(end.edges).toEqual([]);
    expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const empty = await pagedConnection({ first: 0 }, pagedFake([]).fetchPage, { key: 'users' });
    expect(empty.pageInfo.hasNextPage).toBe(false);
    expect(empty.totalCount).toBe(0);
  });

  it('copes with CometChat reporting total 0 while returning items', async () => {
    const fake = pagedFake(range(53), { quirk: true });
    const { pages, seen } = await walk(fake, 7);
    expect(seen).toEqual(range(53));
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    // never less than what was actually seen
    pages.forEach((page, i) => {
      expect(page.totalCount).toBeGreaterThanOrEqual(i * 7 + page.nodes.length);
    });
    expect(pages.at(-1)?.totalCount).toBe(53);
  });

  it('trusts the total when it is larger than what was seen', async () => {
    const conn = await pagedConnection({ first: 5 }, pagedFake(range(400)).fetchPage, { key: 'u' });
    expect(conn.totalCount).toBe(400);
  });

  it('returns an empty page past the end', async () => {
    const fake = pagedFake(range(10));
    const far =
      arrayConnection(range(60), { first: 60 }, { key: 'users' }).edges[40]?.cursor ?? null;
    const conn = await pagedConnection({ first: 5, after: far }, fake.fetchPage, { key: 'users' });
    expect(conn.edges).toEqual([]);
    expect(conn.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(conn.totalCount).toBe(10);
  });

  it('never misplaces items when upstream serves smaller pages than asked', async () => {
    const fake = pagedFake(range(53), { cap: 8 });
    const conn = await pagedConnection({ first: 20 }, fake.fetchPage, { key: 'users' });
    expect(conn.nodes).toEqual(range(8));
    expect(conn.pageInfo.hasNextPage).toBe(true);
    // items 13..20 are planned as page 2 of 11; the capped upstream answers with its page 2 of 8
    const cursor12 = arrayConnection(range(53), { first: 13 }, { key: 'users' }).pageInfo.endCursor;
    const next = await pagedConnection({ first: 7, after: cursor12 }, fake.fetchPage, {
      key: 'users',
    });
    expect(fake.calls.at(-1)).toEqual({ page: 2, perPage: 11 });
    expect(next.nodes).toEqual([13, 14, 15]);
    expect(next.pageInfo.hasNextPage).toBe(true);
  });

  it('passes upstream failures through untouched', async () => {
    const boom = new Error('upstream down');
    await expect(
      pagedConnection({ first: 5 }, () => Promise.reject(boom), { key: 'users' }),
    ).rejects.toBe(boom);
  });
});

describe('cursorConnection', () => {
  const key = 'messages?group=g1';

  it('translates each direction into one append/prepend call for count + 1', async () => {
    const fake = cursorFake(30);
    const head = await cursorConnection({ first: 7 }, fake.fetch, { key, idOf });
    await cursorConnection({ first: 7, after: head.pageInfo.endCursor }, fake.fetch, { key, idOf });
    const tail = await cursorConnection({ last: 7 }, fake.fetch, { key, idOf });
    await cursorConnection({ last: 7, before: tail.pageInfo.startCursor }, fake.fetch, {
      key,
      idOf,
    });
    await cursorConnection({}, fake.fetch, { key, idOf });
    await cursorConnection({ before: tail.pageInfo.startCursor }, fake.fetch, { key, idOf });
    expect(fake.calls).toEqual([
      { affix: 'append', id: null, limit: 8 },
      { affix: 'append', id: '7', limit: 8 },
      { affix: 'prepend', id: null, limit: 8 },
      { affix: 'prepend', id: '24', limit: 8 },
      { affix: 'append', id: null, limit: DEFAULT_PAGE_SIZE + 1 },
      { affix: 'prepend', id: '24', limit: DEFAULT_PAGE_SIZE + 1 },
    ]);
  });

  it('reports pages from the extra item and the side it came from, and no total', async () => {
    const fake = cursorFake(30);
    const head = await cursorConnection({ first: 7 }, fake.fetch, { key, idOf });
    expect(head.nodes.map(idOf)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(head.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(head.totalCount).toBeNull();

    const tail = await cursorConnection({ last: 7 }, fake.fetch, { key, idOf });
    expect(tail.nodes.map(idOf)).toEqual(['24', '25', '26', '27', '28', '29', '30']);
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const before = await cursorConnection(
      { last: 7, before: tail.pageInfo.startCursor },
      fake.fetch,
      { key, idOf },
    );
    expect(before.nodes.map(idOf)).toEqual(['17', '18', '19', '20', '21', '22', '23']);
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const all = await cursorConnection({ first: 30 }, fake.fetch, { key, idOf });
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const allBack = await cursorConnection({ last: 30 }, fake.fetch, { key, idOf });
    expect(allBack.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('first 0 and last 0 return no edges but say whether items exist', async () => {
    const fake = cursorFake(3);
    const none = await cursorConnection({ first: 0 }, fake.fetch, { key, idOf });
    expect(none.edges).toEqual([]);
    expect(none.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    const noneBack = await cursorConnection({ last: 0 }, fake.fetch, { key, idOf });
    expect(noneBack.edges).toEqual([]);
    expect(noneBack.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const empty = await cursorConnection({ first: 0 }, cursorFake(0).fetch, { key, idOf });
    expect(empty.pageInfo.hasNextPage).toBe(false);
    expect(fake.calls.map((c) => c.limit)).toEqual([1, 1]);
  });

  it('walks forwards while messages arrive: nothing skipped, nothing repeated', async () => {
    const fake = cursorFake(30);
    const seen: string[] = [];
    let after: string | null = null;
    let lastEnd: string | null = null;
    for (let step = 0; step < 100; step++) {
      const conn: Connection<Msg> = await cursorConnection({ first: 7, after }, fake.fetch, {
        key,
        idOf,
      });
      seen.push(...conn.nodes.map(idOf));
      lastEnd = conn.pageInfo.endCursor ?? lastEnd;
      if (step === 1) fake.append(5); // new messages mid-walk
      if (step === 3) fake.append(2);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(fake.items.map(idOf));
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);

    // Resuming from the last cursor later picks up exactly what arrived since.
    fake.append(3);
    const resumed = await cursorConnection({ first: 7, after: lastEnd }, fake.fetch, { key, idOf });
    expect(resumed.nodes.map(idOf)).toEqual(['38', '39', '40']);
    expect(resumed.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('walks backwards while messages arrive: every older message exactly once', async () => {
    const fake = cursorFake(30);
    const original = fake.items.map(idOf);
    const pages: string[][] = [];
    let before: string | null = null;
    let newestCursor: string | null = null;
    for (let step = 0; step < 100; step++) {
      const conn: Connection<Msg> = await cursorConnection({ last: 7, before }, fake.fetch, {
        key,
        idOf,
      });
      pages.push(conn.nodes.map(idOf));
      if (step === 0) newestCursor = conn.pageInfo.endCursor;
      if (step === 1 || step === 2) fake.append(4); // new messages mid-walk
      if (!conn.pageInfo.hasPreviousPage) break;
      before = conn.pageInfo.startCursor;
    }
    const seen = pages.reverse().flat();
    expect(seen).toEqual(original);
    expect(pages[0]).toEqual(['1', '2']);

    // Walking forwards from the newest message seen then yields exactly the arrivals.
    const arrivals = await cursorConnection({ first: 20, after: newestCursor }, fake.fetch, {
      key,
      idOf,
    });
    expect(arrivals.nodes.map(idOf)).toEqual(['31', '32', '33', '34', '35', '36', '37', '38']);
  });

  it('passes upstream failures through untouched', async () => {
    const boom = new Error('upstream down');
    await expect(
      cursorConnection({ last: 5 }, () => Promise.reject(boom), { key, idOf }),
    ).rejects.toBe(boom);
  });
});

describe('arrayConnection', () => {
  const items = range(25);

  it('pages forwards and backwards over an in-memory list, with its length as total', () => {
    const head = arrayConnection(items, { first: 10 }, { key: 'roles' });
    expect(head.nodes).toEqual(range(10));
    expect(head.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(head.totalCount).toBe(25);

    const rest = arrayConnection(
      items,
      { first: 100, after: head.pageInfo.endCursor },
      { key: 'roles' },
    );
    expect(rest.nodes).toEqual(range(15).map((i) => i + 10));
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const tail = arrayConnection(items, { last: 4 }, { key: 'roles' });
    expect(tail.nodes).toEqual([21, 22, 23, 24]);
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const earlier = arrayConnection(
      items,
      { last: 30, before: tail.pageInfo.startCursor },
      { key: 'roles' },
    );
    expect(earlier.nodes).toEqual(range(21));
    expect(earlier.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('defaults to the first 20 and handles an empty list', () => {
    expect(arrayConnection(items, {}, { key: 'roles' }).nodes).toEqual(range(20));
    const empty = arrayConnection([], {}, { key: 'roles' });
    expect(empty).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: 0,
    });
  });

  it('validates its arguments', async () => {
    await expectBadInput(
      () => arrayConnection(items, { first: 101 }, { key: 'roles' }),
      /at most 100/,
    );
    await expectBadInput(
      () => arrayConnection(items, { first: 1, last: 1 }, { key: 'roles' }),
      /not both/,
    );
  });
});
