/**
 * Hand-written readers in front of the zod record schemas. A list answer of 50 to 100 records went
 * through a zod object walk per record (a payload and an issue list per field, a copied object per
 * record, then the record built from the copy): a tenth of the gateway's CPU on the list workloads,
 * and a good part of its garbage. A fast reader checks a record with the very same per-field checks
 * (`FieldRead`s of `common.ts`) and builds the record directly.
 *
 * The zod schema stays the definition: a fast reader accepts only what its schema accepts and
 * builds exactly what it would build (test/upstream/fast-readers.test.ts compares the two on
 * generated records), and answers `undefined` for anything it does not handle, a malformed record
 * included. The schema then parses the value itself, so a refused record fails with the same issue,
 * path and typed error as before, and rare shapes (a deleted message, a partial embedded entity)
 * keep their exact zod semantics without a second implementation.
 *
 * The reader is installed on the schema instance (zod's `_zod.run`, which every parse of the schema
 * goes through, nested in arrays, objects and `safeParse` alike), so every caller of the schema
 * gains without knowing about it.
 */
import type { z } from 'zod';

/** A fast reader: the record, or `undefined` to let the schema decide. */
export type FastReader<T> = (raw: unknown) => T | undefined;

type Run = z.core.$ZodTypeInternals['run'];

const slowRuns = new WeakMap<object, Run>();

/** Puts `read` in front of `schema`'s own parse (see the module comment). */
export function withFastReader<T>(schema: z.ZodType<T, unknown>, read: FastReader<T>): void {
  const internals = schema._zod as unknown as z.core.$ZodTypeInternals;
  const slow = internals.run;
  slowRuns.set(schema, slow);
  internals.run = (payload, ctx) => {
    // Encoding (`direction: backward`) and a payload that already carries issues stay with zod.
    if (ctx.direction !== 'backward' && payload.issues.length === 0) {
      const out = read(payload.value);
      if (out !== undefined) {
        payload.value = out;
        return payload;
      }
    }
    return slow(payload, ctx);
  };
}

/**
 * `schema`'s parse without its fast reader (for tests comparing the two): the parsed value, or
 * `{ failed: issues }`.
 */
export function parseWithoutFastReader<T>(
  schema: z.ZodType<T, unknown>,
  value: unknown,
): { ok: true; value: T } | { ok: false; issues: unknown[] } {
  const slow = slowRuns.get(schema) ?? (schema._zod as unknown as z.core.$ZodTypeInternals).run;
  const result = slow({ value, issues: [] }, { async: false });
  if (result instanceof Promise) throw new Error('an asynchronous schema');
  return result.issues.length === 0
    ? { ok: true, value: result.value as T }
    : { ok: false, issues: result.issues };
}
