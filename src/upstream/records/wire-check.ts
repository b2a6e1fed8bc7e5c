/**
 * Record schemas checked against the wire types at compile time.
 *
 * A record's zod shape is keyed by CometChat's own field names, and its fast reader reads the same
 * names off the raw object. Both are written against the record's wire type (`*Wire` in
 * `../wire-extra.ts`: the generated type of the pinned spec, `../wire.ts` or
 * `../wire-management.ts`, joined with the fields the spec lacks), so that a spec update that
 * drops or retypes a field a record reads fails `npm run typecheck`:
 *
 * - `wireShape<W>()(shape)` accepts a zod shape only when every key is a field of `W` and the
 *   field's schema accepts every value `W` allows for it. Absence and null are left out of the
 *   comparison (the spec marks nearly every field optional; presence stays a run-time check), and
 *   literal types are widened (the spec types enums as plain strings): `status: string` in the
 *   spec is accepted by `z.enum([...])`, `createdAt: boolean` is not accepted by `epochSeconds`.
 *   An object or a list of objects is compared as `object`: its own fields get their own shape.
 * - `wireFields<W>(raw)` gives a fast reader the raw object typed as `W`'s field names with
 *   unknown values: reading a name `W` does not have is a compile error.
 */
import type { z } from 'zod';

/** What a field's schema is compared with: literals widened, objects as `object`. */
type Widen<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? readonly Widen<E>[]
        : T extends object
          ? object
          : T;

type Accepts<S> = S extends z.ZodType ? Widen<z.input<S>> : never;

/** Each key of `S` as it is, or a message type that fails the check naming what is wrong. */
export type WireChecked<W, S> = {
  [K in keyof S]: K extends keyof W
    ? [NonNullable<W[K]>] extends [Accepts<S[K]>]
      ? S[K]
      : `the record's schema does not accept the wire type of "${K & string}"`
    : `"${K & string}" is not a field of the record's wire type`;
};

/** A zod shape checked against the wire type `W` (see the module comment). */
export function wireShape<W>() {
  return <S extends Record<string, z.ZodType>>(shape: S & WireChecked<W, S>): S => shape;
}

/** The raw object of a fast reader: the wire type's field names, values not yet checked. */
export type WireFields<W> = { readonly [K in keyof W]?: unknown };

/** `raw` typed as `W`'s fields when it is an object (see the module comment), else undefined. */
export function wireFields<W>(raw: unknown): WireFields<W> | undefined {
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  return isObject ? (raw as WireFields<W>) : undefined; // every key reads as unknown
}
