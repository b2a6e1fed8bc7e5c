/**
 * Building blocks for validating CometChat JSON at the edge: tolerant primitives (epoch seconds,
 * string-or-number ids, numeric strings) and the three response envelopes (single object, page
 * list, cursor list) plus acknowledgements and per-item bulk results.
 */
import { z } from 'zod';
import type { CursorCurrentWire, CursorWire, PaginationWire } from '../wire-extra.js';
import { wireShape } from './wire-check.js';

/** What a {@link field} reader returns for a value it refuses. */
export const REFUSED: unique symbol = Symbol('refused');

/** A field's check and conversion on its own, shared by its zod field and the fast readers (`fast.ts`). */
export type FieldRead<T> = (value: unknown) => T | typeof REFUSED;

/**
 * A field read in one step: `read` checks the raw value and converts it, or returns
 * {@link REFUSED}, which fails the parse with an issue saying what was `expected` (the record's
 * answer becomes a typed `bad_response`, as with any zod issue). Every record of every list goes
 * through these for most of its fields, so they avoid what made the zod compositions they replace
 * costly per item: unions that try each alternative (allocating the failures of the ones that do
 * not match) and chains of wrappers and pipes, each with its own intermediate result.
 */
function field<T, Accepts>(expected: string, read: FieldRead<T>): Field<T, Accepts> {
  // `.optional()` so that zod hands an absent key to `read` (as undefined) instead of refusing it.
  const schema = z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const out = read(value);
      if (out !== REFUSED) return out;
      ctx.addIssue({
        code: 'custom',
        message: `Invalid input: expected ${expected}`,
        input: value,
      });
      return z.NEVER;
    });
  // Typed as taking what `read` accepts (it takes anything at run time): the compile-time check of
  // record schemas against the wire types compares with that (`wire-check.ts`).
  return schema as unknown as Field<T, Accepts>;
}

/** A {@link field}: its record value `T`, and the wire values its reader accepts (`Accepts`). */
export type Field<T, Accepts> = z.ZodType<T, Accepts | null | undefined>;

const DECIMAL = /^\d+(\.\d+)?$/;
const OPTIONAL_DECIMAL = /^\d*(\.\d+)?$/;
const DIGITS = /^\d+$/;

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Epoch seconds (number or numeric string) as a Date. */
export const readEpochSeconds: FieldRead<Date> = (v) =>
  isNumber(v) || (typeof v === 'string' && DECIMAL.test(v)) ? new Date(Number(v) * 1000) : REFUSED;
export const epochSeconds = field<Date, number | string>(
  'epoch seconds (a number or a numeric string)',
  readEpochSeconds,
);

/** Optional epoch seconds: absent, null, 0 or "" read as null. */
export const readOptionalEpoch: FieldRead<Date | null> = (v) => {
  if (v === null || v === undefined) return null;
  if (!isNumber(v) && !(typeof v === 'string' && OPTIONAL_DECIMAL.test(v))) return REFUSED;
  return v === '' || Number(v) === 0 ? null : new Date(Number(v) * 1000);
};
export const optionalEpoch = field<Date | null, number | string>(
  'epoch seconds or nothing',
  readOptionalEpoch,
);

/** Ids that CometChat sends as strings in most places and as numbers in a few. */
export const readIdString: FieldRead<string> = (v) =>
  (typeof v === 'string' && v !== '') || Number.isSafeInteger(v) ? String(v) : REFUSED;
export const idString = field<string, string | number>(
  'an id (a non-empty string or an integer)',
  readIdString,
);

export const readOptionalId: FieldRead<string | null> = (v) => {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'string' || Number.isSafeInteger(v) ? String(v) : REFUSED;
};
export const optionalId = field<string | null, string | number>('an id or nothing', readOptionalId);

/** A string that may be absent; absent and null both become null. */
export const readOptionalString: FieldRead<string | null> = (v) =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : REFUSED;
export const optionalString = field<string | null, string>(
  'a string or nothing',
  readOptionalString,
);

/** A count that CometChat sometimes sends as a string (`unreadMessageCount: "0"`). */
export const readCount: FieldRead<number> = (v) =>
  (Number.isSafeInteger(v) && (v as number) >= 0) || (typeof v === 'string' && DIGITS.test(v))
    ? Number(v)
    : REFUSED;
export const count = field<number, number | string>(
  'a count (a whole number or a string of digits)',
  readCount,
);

export const readOptionalCount: FieldRead<number | null> = (v) =>
  v === null || v === undefined
    ? null
    : (Number.isSafeInteger(v) && (v as number) >= 0) || (typeof v === 'string' && DIGITS.test(v))
      ? Number(v)
      : REFUSED;
export const optionalCount = field<number | null, number | string>(
  'a count or nothing',
  readOptionalCount,
);

/** A JSON object, as CometChat sent it (not copied). */
export const readJsonObject: FieldRead<Record<string, unknown>> = (v) =>
  isObject(v) ? v : REFUSED;
export const jsonObject = field<Record<string, unknown>, object>('an object', readJsonObject);

/** An optional JSON object (metadata, settings); absent or null becomes null. */
export const readOptionalObject: FieldRead<Record<string, unknown> | null> = (v) =>
  v === null || v === undefined ? null : isObject(v) ? v : REFUSED;
export const optionalObject = field<Record<string, unknown> | null, object>(
  'an object or nothing',
  readOptionalObject,
);

export const readTagList: FieldRead<string[]> = (v): string[] | typeof REFUSED => {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) return REFUSED;
  for (const tag of v) if (typeof tag !== 'string') return REFUSED;
  return v as string[]; // every item checked just above
};
export const tagList = field<string[], readonly string[]>(
  'a list of strings or nothing',
  readTagList,
);

export const readOptionalBoolean: FieldRead<boolean | null> = (v) =>
  v === null || v === undefined ? null : typeof v === 'boolean' ? v : REFUSED;
export const optionalBoolean = field<boolean | null, boolean>(
  'a boolean or nothing',
  readOptionalBoolean,
);

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
  .object(
    wireShape<PaginationWire>()({
      total: count,
      count: count,
      per_page: count,
      current_page: count,
      total_pages: count,
    }),
  )
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
  .object(
    wireShape<CursorWire>()({
      affix: z.enum(['append', 'prepend']),
      id: optionalId,
      sentAt: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish(),
    }),
  )
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
        current: z.object(wireShape<CursorCurrentWire>()({ limit: count, count: count })),
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
