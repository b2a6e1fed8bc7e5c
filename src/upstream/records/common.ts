/**
 * Building blocks for validating CometChat JSON at the edge: tolerant primitives (epoch seconds,
 * string-or-number ids, numeric strings) and the three response envelopes (single object, page
 * list, cursor list) plus acknowledgements and per-item bulk results.
 */
import { z } from 'zod';

/** Epoch seconds (number or numeric string) as a Date. */
export const epochSeconds = z
  .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)])
  .transform((v) => new Date(Number(v) * 1000));

/** Optional epoch seconds: absent, null, 0 or "" read as null. */
export const optionalEpoch = z
  .union([z.number(), z.string().regex(/^\d*(\.\d+)?$/)])
  .nullish()
  .transform((v) =>
    v === null || v === undefined || v === '' || Number(v) === 0
      ? null
      : new Date(Number(v) * 1000),
  );

/** Ids that CometChat sends as strings in most places and as numbers in a few. */
export const idString = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));

export const optionalId = z
  .union([z.string(), z.number().int()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)));

/** A string that may be absent; absent and null both become null. */
export const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** A count that CometChat sometimes sends as a string (`unreadMessageCount: "0"`). */
export const count = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform((v) => Number(v));

export const optionalCount = count
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : v));

export const jsonObject = z.record(z.string(), z.unknown());

/** An optional JSON object (metadata, settings); absent or null becomes null. */
export const optionalObject = jsonObject.nullish().transform((v) => v ?? null);

export const tagList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);

/**
 * Parses `value` with `schema` inside another schema's transform, reporting failures as issues of
 * the outer parse (under `path`) so that the error still names where the body went wrong.
 */
export function parseNested<T>(
  schema: z.ZodType<T, unknown>,
  value: unknown,
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({
      code: 'custom',
      message: issue.message,
      path: [...path, ...issue.path],
      input: value,
    });
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Envelopes

/** Validates `{data: X}` and yields X. */
export function dataOf<T>(item: z.ZodType<T, unknown>): z.ZodType<T, unknown> {
  return z.object({ data: item }).transform((v) => v.data);
}

export interface PageInfoRecord {
  total: number;
  count: number;
  perPage: number;
  currentPage: number;
  totalPages: number;
}

export interface Page<T> {
  items: T[];
  pagination: PageInfoRecord;
  /** CometChat's `meta.cursor` (read inside `meta` or at the top level), when present. */
  cursor: Record<string, unknown> | null;
}

const paginationSchema = z
  .object({
    total: count,
    count: count,
    per_page: count,
    current_page: count,
    total_pages: count,
  })
  .transform(
    (p): PageInfoRecord => ({
      total: p.total,
      count: p.count,
      perPage: p.per_page,
      currentPage: p.current_page,
      totalPages: p.total_pages,
    }),
  );

/**
 * A page list: `{data: [...], meta: {pagination, cursor?}}`. CometChat's own examples put `cursor`
 * inside `meta` for most resources and at the top level for users and group members; both are read.
 */
export function pageOf<T>(item: z.ZodType<T, unknown>): z.ZodType<Page<T>, unknown> {
  return z
    .object({
      data: z.array(item),
      meta: z.object({ pagination: paginationSchema, cursor: optionalObject }),
      cursor: optionalObject,
    })
    .transform((v) => ({
      items: v.data,
      pagination: v.meta.pagination,
      cursor: v.meta.cursor ?? v.cursor,
    }));
}

export interface MessageCursor {
  affix: 'append' | 'prepend';
  id: string | null;
  /** Epoch seconds, as the next request's `sentAt` query parameter wants it. */
  sentAt: number | null;
}

export interface CursorPage<T> {
  items: T[];
  limit: number;
  count: number;
  /** Query values for the following (newer) items, null when there are none. */
  next: MessageCursor | null;
  /** Query values for the preceding (older) items, null when there are none. */
  previous: MessageCursor | null;
}

const cursorSchema = z
  .object({
    affix: z.enum(['append', 'prepend']),
    id: optionalId,
    sentAt: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish(),
  })
  .nullish()
  .transform((c): MessageCursor | null =>
    c
      ? {
          affix: c.affix,
          id: c.id,
          sentAt: c.sentAt === null || c.sentAt === undefined ? null : Number(c.sentAt),
        }
      : null,
  );

/**
 * A cursor list (messages, threads, reactions): `{data, meta:{current:{limit,count}, next?, previous?}}`.
 * An empty `next`/`previous` object (no affix) means there is nothing in that direction.
 */
export function cursorPageOf<T>(item: z.ZodType<T, unknown>): z.ZodType<CursorPage<T>, unknown> {
  const maybeEmpty = z.preprocess(
    (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && !('affix' in v) ? null : v),
    cursorSchema,
  );
  return z
    .object({
      data: z.array(item),
      meta: z.object({
        current: z.object({ limit: count, count: count }),
        next: maybeEmpty,
        previous: maybeEmpty,
      }),
    })
    .transform((v) => ({
      items: v.data,
      limit: v.meta.current.limit,
      count: v.meta.current.count,
      next: v.meta.next,
      previous: v.meta.previous,
    }));
}

export interface AckRecord {
  success: boolean;
  message: string;
}

const ackBody = z
  .object({
    success: z.boolean(),
    message: z.string().optional(),
    Message: z.string().optional(),
  })
  .transform((v): AckRecord => ({ success: v.success, message: v.message ?? v.Message ?? '' }));

/**
 * An acknowledgement: `{data:{success, message}}`. Some endpoints spell the key `Message`, and a few
 * omit the `data` wrapper; all are accepted.
 */
export const ackSchema: z.ZodType<AckRecord, unknown> = z.union([
  z.object({ data: ackBody }).transform((v) => v.data),
  ackBody,
]);

export interface BulkOutcomeItem<D = unknown> {
  success: boolean;
  message: string | null;
  code: string | null;
  data?: D;
}

/** Per-id results of a bulk call (block users, add friends, add members, add triggers). */
export interface BulkOutcome<D = unknown> {
  [id: string]: BulkOutcomeItem<D>;
}

const bulkError = z
  .union([z.object({ code: optionalString, message: optionalString }), z.string()])
  .nullish()
  .transform((e) =>
    e === null || e === undefined
      ? { code: null, message: null }
      : typeof e === 'string'
        ? { code: null, message: e }
        : e,
  );

/**
 * One bulk result map. A failed item is documented only as appearing "in the error objects in their
 * respective scope", so both `{success:false, error:{code,message}}` and a flat `message` are read.
 * `data` (the action message of an added member) is kept only when `readData` understands it: the
 * write already happened, so an odd attachment must not turn the whole answer into a failure.
 */
export function bulkOf<D = never>(
  readData?: (raw: unknown) => D | undefined,
): z.ZodType<BulkOutcome<D>, unknown> {
  const item = z
    .object({
      success: z.boolean(),
      message: optionalString,
      Message: optionalString,
      error: bulkError,
      data: z.unknown().optional(),
    })
    .transform((v): BulkOutcomeItem<D> => {
      const out: BulkOutcomeItem<D> = {
        success: v.success,
        message: v.message ?? v.Message ?? v.error.message,
        code: v.error.code,
      };
      const data = readData && v.data !== undefined ? readData(v.data) : undefined;
      if (data !== undefined) out.data = data;
      return out;
    });
  return z.record(z.string(), item);
}
