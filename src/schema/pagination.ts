/**
 * Relay connections over CometChat's two kinds of upstream list, and the only place that knows what
 * a cursor looks like.
 *
 * - Page lists (`page`/`perPage`, with `meta.pagination`): a cursor holds the item's absolute
 *   offset, so any `first`/`after` window can be served, even one that straddles upstream pages.
 * - Cursor lists (`limit`/`affix`/`id`, ascending ids): a cursor holds the item's id, so paging never
 *   skips or repeats an item while new ones arrive.
 *
 * A cursor is base64url of `{"v":1,"k":<list tag>,"o":<offset>}` or `{"v":1,"k":<list tag>,"id":<id>}`.
 * The list tag is a short hash of the caller's `key`: what a position is a position in (for
 * messages, the conversation, so any list over one conversation, whatever its filters or reader,
 * takes the cursors of any other; for page lists, the list plus its filters, since an offset means
 * nothing elsewhere). A cursor from anything else is refused rather than silently paging through
 * it. `acceptKeys` names earlier keys whose cursors a list still honours.
 */
import { createHash } from 'node:crypto';
import { badUserInput } from '../errors.js';
import type { CursorPage, Page } from '../upstream/records.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Pages of one emoji's reactions (of 1000 each) that resolving a `Reaction` global ID reads at
 * most while looking for its user: CometChat has no single-reaction GET.
 */
export const MAX_REACTION_LOOKUP_PAGES = 5;

/** The largest `perPage` CometChat accepts on its page lists. */
const MAX_UPSTREAM_PER_PAGE = 1000;
const CURSOR_VERSION = 1;
/** Our cursors are a few dozen characters; anything far longer is not one of ours. */
const MAX_CURSOR_LENGTH = 256;

export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

export interface CursorQuery {
  affix: 'append' | 'prepend';
  id: string | null;
  limit: number;
}

// ---------------------------------------------------------------------------------------------
// Cursor codec

type CursorPosition = { kind: 'offset'; offset: number } | { kind: 'id'; id: string };

function listTag(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

function encodeCursor(tag: string, position: CursorPosition): string {
  const payload =
    position.kind === 'offset'
      ? { v: CURSOR_VERSION, k: tag, o: position.offset }
      : { v: CURSOR_VERSION, k: tag, id: position.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type CursorArg = 'after' | 'before';

function invalidCursor(argName: CursorArg, why: string): Error {
  return badUserInput(`Invalid cursor in \`${argName}\`: ${why}.`, { argumentName: argName });
}

/** Checks encoding, version and list tag (one of `tags`); the caller checks the position it expects. */
function decodePayload(
  argName: CursorArg,
  cursor: string,
  tag: string | readonly string[],
): Record<string, unknown> {
  const foreign = 'not a cursor issued by this API';
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) {
    throw invalidCursor(argName, foreign);
  }
  // Buffer's base64url decoder skips characters it does not know; check the alphabet first so
  // that garbage is rejected instead of decoding to something half-valid.
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor(argName, foreign);
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(argName, foreign);
  }
  if (!isRecord(payload)) throw invalidCursor(argName, foreign);
  if (payload.v !== CURSOR_VERSION) {
    throw invalidCursor(
      argName,
      'it was issued by an incompatible version of this API; start again without a cursor',
    );
  }
  const tags: readonly string[] = typeof tag === 'string' ? [tag] : tag;
  if (typeof payload.k !== 'string' || !tags.includes(payload.k)) {
    throw invalidCursor(
      argName,
      'it belongs to a different list (another conversation, or a page list with other filters)',
    );
  }
  return payload;
}

function decodeOffsetCursor(argName: CursorArg, cursor: string, tag: string): number {
  const offset = decodePayload(argName, cursor, tag).o;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw invalidCursor(argName, 'it does not point into this list');
  }
  return offset;
}

function decodeIdCursor(argName: CursorArg, cursor: string, tag: readonly string[]): string {
  const id = decodePayload(argName, cursor, tag).id;
  if (typeof id !== 'string' || id.length === 0) {
    throw invalidCursor(argName, 'it does not point into this list');
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Arguments

interface Window {
  direction: 'forward' | 'backward';
  count: number;
  /** `after` when forward, `before` when backward. */
  cursor: string | null;
}

function checkSize(argName: 'first' | 'last', value: number): void {
  if (!Number.isInteger(value)) throw badUserInput(`\`${argName}\` must be a whole number.`);
  if (value < 0) throw badUserInput(`\`${argName}\` must not be negative.`);
  if (value > MAX_PAGE_SIZE) {
    throw badUserInput(
      `\`${argName}\` must be at most ${MAX_PAGE_SIZE} (the maximum page size); page with \`${
        argName === 'first' ? 'after' : 'before'
      }\` for more.`,
      { maximum: MAX_PAGE_SIZE },
    );
  }
}

/**
 * Rejects argument combinations that do not describe one window of a list. Throws BAD_USER_INPUT
 * before anything is fetched. `backwards: false` is for lists the upstream can only page forwards.
 */
export function validateConnectionArgs(
  args: ConnectionArgs,
  options: { backwards: boolean },
): void {
  const { first, after, last, before } = args;
  const hasFirst = first != null;
  const hasLast = last != null;
  if (!options.backwards && (hasLast || before != null)) {
    throw badUserInput(
      'This list can only be paged forwards: use `first` and `after`, not `last` or `before`.',
    );
  }
  if (hasFirst && hasLast) throw badUserInput('Pass either `first` or `last`, not both.');
  if (after != null && before != null) {
    throw badUserInput('Pass either `after` or `before`, not both.');
  }
  if (hasFirst && before != null) {
    throw badUserInput('`first` pages forwards and cannot be combined with `before`; use `last`.');
  }
  if (hasLast && after != null) {
    throw badUserInput('`last` pages backwards and cannot be combined with `after`; use `first`.');
  }
  if (hasFirst) checkSize('first', first);
  if (hasLast) checkSize('last', last);
}

function resolveWindow(args: ConnectionArgs, backwards: boolean): Window {
  validateConnectionArgs(args, { backwards });
  // `before` alone asks for the page that ends there, so it defaults `last`, not `first`.
  if (args.last != null || (args.first == null && args.before != null)) {
    return {
      direction: 'backward',
      count: args.last ?? DEFAULT_PAGE_SIZE,
      cursor: args.before ?? null,
    };
  }
  return {
    direction: 'forward',
    count: args.first ?? DEFAULT_PAGE_SIZE,
    cursor: args.after ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Offset-based connections

function offsetEdges<T>(items: readonly T[], start: number, tag: string): Edge<T>[] {
  return items.map((node, i) => ({
    cursor: encodeCursor(tag, { kind: 'offset', offset: start + i }),
    node,
  }));
}

function buildConnection<T>(
  edges: Edge<T>[],
  hasPreviousPage: boolean,
  hasNextPage: boolean,
  totalCount: number | null,
): Connection<T> {
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

/**
 * A connection over a list already in memory (small closed sets, or lists the upstream returns
 * whole). Pages both ways; cursors are offsets, tagged with `key`.
 */
export function arrayConnection<T>(
  items: readonly T[],
  args: ConnectionArgs,
  options: { key: string },
): Connection<T> {
  const window = resolveWindow(args, true);
  const tag = listTag(options.key);
  if (window.direction === 'forward') {
    const start = window.cursor === null ? 0 : decodeOffsetCursor('after', window.cursor, tag) + 1;
    const page = items.slice(start, start + window.count);
    return buildConnection(
      offsetEdges(page, start, tag),
      start > 0,
      start + window.count < items.length,
      items.length,
    );
  }
  const end =
    window.cursor === null
      ? items.length
      : Math.min(decodeOffsetCursor('before', window.cursor, tag), items.length);
  const start = Math.max(0, end - window.count);
  return buildConnection(
    offsetEdges(items.slice(start, end), start, tag),
    start > 0,
    end < items.length,
    items.length,
  );
}

/**
 * Chooses upstream pages covering items `offset` .. `offset + count` inclusive: the window plus one
 * item to learn whether a next page exists. One call is preferred, with the smallest `perPage`
 * (between `count + 1` and 1000) whose page boundaries do not cut the range. Failing that, the fewest
 * pages of a single `perPage`, to be fetched in parallel. Pages are 1-based, as upstream.
 */
export function planPages(offset: number, count: number): { perPage: number; pages: number[] } {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`planPages: offset must be a non-negative integer, got ${offset}`);
  }
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`planPages: count must be a non-negative integer, got ${count}`);
  }
  const last = offset + count;
  const smallest = Math.min(count + 1, MAX_UPSTREAM_PER_PAGE);
  let best: { perPage: number; firstIndex: number; lastIndex: number } | null = null;
  for (let perPage = smallest; perPage <= MAX_UPSTREAM_PER_PAGE; perPage++) {
    const firstIndex = Math.floor(offset / perPage);
    const lastIndex = Math.floor(last / perPage);
    if (best === null || lastIndex - firstIndex < best.lastIndex - best.firstIndex) {
      best = { perPage, firstIndex, lastIndex };
      if (firstIndex === lastIndex) break;
    }
  }
  // The loop runs at least once because `smallest` never exceeds the maximum.
  const plan = best!;
  const pages: number[] = [];
  for (let index = plan.firstIndex; index <= plan.lastIndex; index++) pages.push(index + 1);
  return { perPage: plan.perPage, pages };
}

function pagedPlan(args: ConnectionArgs, options: { key: string }) {
  const window = resolveWindow(args, false);
  const tag = listTag(options.key);
  const offset = window.cursor === null ? 0 : decodeOffsetCursor('after', window.cursor, tag) + 1;
  return { window, tag, offset, ...planPages(offset, window.count) };
}

/**
 * The upstream pages (`page`, `perPage`) `pagedConnection` fetches for `args` over the list
 * `key`, for starting them ahead (the look-ahead). Throws BAD_USER_INPUT as it would.
 */
export function plannedPages(
  args: ConnectionArgs,
  options: { key: string },
): { page: number; perPage: number }[] {
  const { perPage, pages } = pagedPlan(args, options);
  return pages.map((page) => ({ page, perPage }));
}

/**
 * A forward-only connection over a `page`/`perPage` upstream list. Fetches the upstream pages
 * covering the requested window (in parallel when there are several) and slices them, so any
 * `first`/`after` works, page-aligned or not.
 */
export async function pagedConnection<T>(
  args: ConnectionArgs,
  fetchPage: (page: number, perPage: number) => Promise<Page<T>>,
  options: { key: string },
): Promise<Connection<T>> {
  const { window, tag, offset, perPage, pages } = pagedPlan(args, options);
  const results = await Promise.all(pages.map((page) => fetchPage(page, perPage)));

  // Lay the fetched pages out by absolute position; a short page leaves later positions unknown.
  const byPosition = new Map<number, T>();
  let seen = 0; // one past the furthest position any page returned
  let reportedTotal = 0;
  let morePagesReported = false;
  results.forEach((result, i) => {
    // An upstream that caps `perPage` below what was asked numbers its pages by its own size; lay
    // items out by that size so they land at their true offsets (gaps then end the window early).
    const reported = result.pagination.perPage;
    const size =
      Number.isSafeInteger(reported) && reported > 0 && reported < perPage ? reported : perPage;
    const base = ((pages[i] ?? 1) - 1) * size;
    const items = result.items.slice(0, size);
    items.forEach((item, j) => {
      byPosition.set(base + j, item);
    });
    if (items.length > 0) seen = Math.max(seen, base + items.length);
    reportedTotal = Math.max(reportedTotal, result.pagination.total);
    if (i === results.length - 1) {
      morePagesReported = result.pagination.currentPage < result.pagination.totalPages;
    }
  });

  const slice: T[] = [];
  for (let position = offset; position < offset + window.count; position++) {
    if (!byPosition.has(position)) break;
    slice.push(byPosition.get(position) as T); // has() was just checked; T itself may include undefined
  }
  // CometChat sometimes reports `total: 0` (with page counts to match) while returning items, so
  // neither `total` nor `total_pages` alone decides anything. The extra item fetched past the window
  // is the next-page signal; failing that (a page came back short), upstream's own claim that later
  // pages exist is honoured. The total is never reported below the number of items actually seen.
  const hasNextPage = seen > offset + slice.length || morePagesReported;
  const totalCount = Math.max(reportedTotal, seen);
  return buildConnection(offsetEdges(slice, offset, tag), offset > 0, hasNextPage, totalCount);
}

// ---------------------------------------------------------------------------------------------
// Id-based connections

function cursorPlan(
  args: ConnectionArgs,
  options: { key: string; acceptKeys?: readonly string[] | undefined },
) {
  const window = resolveWindow(args, true);
  const tag = listTag(options.key);
  const accepted = [tag, ...(options.acceptKeys ?? []).map(listTag)];
  const from =
    window.cursor === null
      ? null
      : decodeIdCursor(
          window.direction === 'forward' ? 'after' : 'before',
          window.cursor,
          accepted,
        );
  return { window, tag, from };
}

/** One call of `count + 1` items: the extra one tells whether more exist that way. */
function cursorQueryOf(window: Window, from: string | null): CursorQuery {
  return {
    affix: window.direction === 'forward' ? 'append' : 'prepend',
    id: from,
    limit: window.count + 1,
  };
}

/**
 * The one upstream query `cursorConnection` makes for `args` over the list `key`, for starting it
 * ahead (the look-ahead). Throws BAD_USER_INPUT as it would.
 */
export function plannedCursorQuery(args: ConnectionArgs, options: { key: string }): CursorQuery {
  const { window, from } = cursorPlan(args, options);
  return cursorQueryOf(window, from);
}

/**
 * A connection over an id/affix/limit upstream list whose items come in ascending id order
 * (messages, thread replies, reactions). Pages both ways with one call of `count + 1` items; the
 * extra item tells whether more exist in the direction of travel. No total is known.
 */
export async function cursorConnection<T>(
  args: ConnectionArgs,
  fetch: (q: CursorQuery) => Promise<CursorPage<T>>,
  options: { key: string; idOf: (item: T) => string; acceptKeys?: readonly string[] },
): Promise<Connection<T>> {
  const { window, tag, from } = cursorPlan(args, options);
  const toEdges = (items: readonly T[]): Edge<T>[] =>
    items.map((node) => ({
      cursor: encodeCursor(tag, { kind: 'id', id: options.idOf(node) }),
      node,
    }));

  if (window.direction === 'forward') {
    const result = await fetch(cursorQueryOf(window, from));
    const items = result.items.slice(0, window.count);
    return buildConnection(toEdges(items), from !== null, result.items.length > window.count, null);
  }
  const result = await fetch(cursorQueryOf(window, from));
  const extra = result.items.length > window.count;
  const items = window.count === 0 ? [] : result.items.slice(-window.count);
  return buildConnection(toEdges(items), extra, from !== null, null);
}

/**
 * The edge of one item of an id-based list, for payloads that hand back a new item so a client can
 * insert it into a connection fetched with the same `key` (e.g. a sent message).
 */
export function cursorListEdge<T>(
  node: T,
  options: { key: string; idOf: (item: T) => string },
): Edge<T> {
  return {
    cursor: encodeCursor(listTag(options.key), { kind: 'id', id: options.idOf(node) }),
    node,
  };
}
