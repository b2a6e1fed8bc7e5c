/**
 * One declaration per mutation input. An input type is declared once, field by field, and that one
 * declaration gives the GraphQL input type, the checks made before any upstream call, and the
 * documented limits: each field is made from a {@link kind} that holds its GraphQL type, its zod
 * check and the sentence that documents the check (its numbers read from the limits table,
 * `src/cometchat/limits.ts`, which the emulator enforces too). A field's description is its own
 * words followed by its kind's rule, so the schema never documents a limit the check does not make.
 *
 * ```ts
 * const GroupDelete = inputObject('GroupDeleteInput', {
 *   description: 'The group to delete.',
 *   fields: { guid: guid.required('The guid of the group to delete.') },
 * });
 * // args: { input: t.arg({ type: GroupDelete.ref, required: true }) }
 * // resolve: const input = GroupDelete.parse(args.input); // typed, checked, normalised
 * ```
 */
import type { EnumRef, InputObjectRef, InputType, InputTypeParam } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../builder.js';
import { LIMITS } from '../cometchat/limits.js';
import {
  descriptionSchema,
  idSchema,
  metadataSchema,
  nameSchema,
  optional,
  passwordSchema,
  tagsSchema,
  urlSchema,
} from './limits.js';
import { validateInput } from './mutation-support.js';
import type { Types } from './mutations/fields.js';

/** One field of a declared input: everything its input type and its check need. */
export interface InputField<Out, Required extends boolean> {
  readonly type: InputTypeParam<Types>;
  /** The check of a given value (absent and null values never reach it). */
  readonly schema: z.ZodType<Out>;
  readonly required: Required;
  readonly description: string;
  readonly defaultValue?: Out;
  readonly deprecationReason?: string;
  /** For an input field's list type: whether its items may be null (they may not by default). */
  readonly nullableItems?: boolean;
  /** An explicit null stays null after `parse` (it means something, e.g. "turn this off"). */
  readonly keepsNull?: boolean;
}

type AnyField = InputField<unknown, boolean>;

/** What `parse` returns for a field: its checked value, `undefined` when an optional one is absent. */
type FieldOutput<F> =
  F extends InputField<infer Out, infer Required>
    ? Required extends true
      ? Out
      : F extends { readonly keepsNull: true }
        ? Out | null | undefined
        : F extends { readonly defaultValue: Out }
          ? Out
          : Out | undefined
    : never;

/** The checked, normalised value of a declared input. */
export type Parsed<Fields> = { [K in keyof Fields]: FieldOutput<Fields[K]> };

interface FieldOptions<Out> {
  deprecationReason?: string;
  defaultValue?: Out;
  nullableItems?: boolean;
}

/** A kind of input value, from which fields are made: `kind.required(words)`, `kind.optional(words)`. */
export interface Kind<Out> {
  readonly type: InputTypeParam<Types>;
  readonly schema: z.ZodType<Out>;
  /** The sentence documenting the check, appended to every field's description. */
  readonly rule: string | undefined;
  required(description: string, options?: FieldOptions<Out>): InputField<Out, true>;
  optional(
    description: string,
    options?: Omit<FieldOptions<Out>, 'defaultValue'>,
  ): InputField<Out, false>;
  /** An optional field GraphQL fills with `value` when absent: never `undefined` once parsed. */
  withDefault(
    value: Out,
    description: string,
    options?: Omit<FieldOptions<Out>, 'defaultValue'>,
  ): InputField<Out, false> & { readonly defaultValue: Out };
  /** An optional field whose explicit null is kept (`null` once parsed), unlike absent. */
  nullable(
    description: string,
    options?: Omit<FieldOptions<Out>, 'defaultValue'>,
  ): InputField<Out, false> & { readonly keepsNull: true };
}

/** The names of the input types declared with {@link inputObject} (checked by test/schema/inputs.test.ts). */
export const declaredInputs: ReadonlySet<string> = new Set<string>();

/** The words of a field: its own, then its kind's rule. */
function describe(description: string, rule: string | undefined): string {
  if (rule === undefined) return description;
  const own = description.trimEnd();
  return own === '' ? rule : `${/[.!?)]$/.test(own) ? own : `${own}.`} ${rule}`;
}

/**
 * A kind of input value: its GraphQL type, its zod check and, when the check is more than the
 * GraphQL type, the sentence that documents it (a whole sentence, e.g. "At most 1,000 characters.").
 */
export function kind<Out>(
  type: InputTypeParam<Types>,
  schema: z.ZodType<Out>,
  rule?: string,
): Kind<Out> {
  const make = <R extends boolean>(
    required: R,
    description: string,
    options: FieldOptions<Out> = {},
  ): InputField<Out, R> => ({
    type,
    schema,
    required,
    description: describe(description, rule),
    ...options,
  });
  return {
    type,
    schema,
    rule,
    required: (description, options) => make(true, description, options),
    optional: (description, options) => make(false, description, options),
    withDefault: (value, description, options) =>
      make(false, description, { ...options, defaultValue: value }) as InputField<Out, false> & {
        readonly defaultValue: Out;
      },
    nullable: (description, options) => ({ ...make(false, description, options), keepsNull: true }),
  };
}

/** A kind whose values are the GraphQL enum's (GraphQL has checked them already). */
export function choice<Out>(ref: EnumRef<Types, Out>, rule?: string): Kind<Out> {
  return kind(
    ref,
    z.custom<Out>(() => true),
    rule,
  );
}

/** A list of `item`, with at most `max` entries (and at least `min`) when given. */
export function listOf<Out>(
  item: Kind<Out>,
  { max, min = 0, noun = 'entries' }: { max?: number; min?: number; noun?: string } = {},
): Kind<Out[]> {
  const type = (Array.isArray(item.type) ? item.type : [item.type]) as [InputType<Types>];
  let schema = z.array(item.schema);
  if (max !== undefined) schema = schema.max(max, `at most ${max} ${noun}`);
  if (min > 0) schema = schema.min(min, `must name at least ${min === 1 ? 'one' : min}`);
  const count = (n: number) => n.toLocaleString('en');
  const bounds =
    max === undefined
      ? min > 0
        ? `At least ${count(min)} ${noun}`
        : undefined
      : min > 0
        ? `${count(min)} to ${count(max)} ${noun}`
        : `At most ${count(max)} ${noun}`;
  if (bounds === undefined) return kind(type, schema, item.rule && `Each: ${lower(item.rule)}`);
  return kind(type, schema, item.rule ? `${bounds}; each: ${lower(item.rule)}` : `${bounds}.`);
}

function lower(sentence: string): string {
  return `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

/** A declared input: its GraphQL type and its check. */
export interface DeclaredInput<Out> {
  readonly name: string;
  readonly ref: InputObjectRef<Types, Record<string, unknown>>;
  /** The check of the whole input, fields first, then `check`. */
  readonly schema: z.ZodType<Out>;
  /**
   * Checks `input` (the mutation's argument) and returns it normalised; a failure is a
   * ValidationFailure naming every rejected field under `input`.
   */
  parse(input: unknown): Out;
  /** This input as a kind, to nest it in another input. */
  readonly kind: Kind<Out>;
}

interface InputObjectOptions<Fields, Out> {
  description: string;
  fields: Fields;
  /** Checks across fields, on the fields' checked values (run only when every field passed). */
  check?: (input: Parsed<Fields>, ctx: z.RefinementCtx) => void;
  /** Reshapes the checked value (after `check`): what `parse` returns. */
  map?: (input: Parsed<Fields>) => Out;
  /** `@oneOf`: exactly one field must be given. */
  isOneOf?: boolean;
}

/** The check of one field: absent and null read as "not given" unless the field is required. */
function fieldSchema(field: AnyField): z.ZodType {
  if (field.required) return field.schema;
  if (field.keepsNull) return field.schema.nullable().optional();
  if (field.defaultValue !== undefined) {
    const fallback = field.defaultValue;
    return field.schema.nullish().transform((value) => value ?? fallback);
  }
  return optional(field.schema);
}

/**
 * Declares an input type once: its GraphQL type (the fields' types, requiredness, defaults and
 * descriptions with their rules) and its check (the fields' checks, then `check`).
 */
export function inputObject<Fields extends Record<string, AnyField>, Out = Parsed<Fields>>(
  name: string,
  options: InputObjectOptions<Fields, Out>,
): DeclaredInput<Out> {
  const entries = Object.entries(options.fields);
  (declaredInputs as Set<string>).add(name);
  const ref = builder.inputType(name, {
    description: options.description,
    ...(options.isOneOf ? { isOneOf: true } : {}),
    fields: (t) =>
      Object.fromEntries(
        entries.map(([key, field]) => [
          key,
          t.field({
            type: field.type,
            required: Array.isArray(field.type)
              ? { list: field.required, items: !field.nullableItems }
              : field.required,
            description: field.description,
            ...(field.defaultValue === undefined ? {} : { defaultValue: field.defaultValue }),
            ...(field.deprecationReason === undefined
              ? {}
              : { deprecationReason: field.deprecationReason }),
          } as never),
        ]),
      ),
  }) as unknown as InputObjectRef<Types, Record<string, unknown>>;
  const shape = z.object(
    Object.fromEntries(entries.map(([key, field]) => [key, fieldSchema(field)])),
  );
  const { check, map } = options;
  const checked = check
    ? shape.superRefine((value, ctx) => check(value as Parsed<Fields>, ctx))
    : shape;
  const schema = (map
    ? checked.transform((value) => map(value as Parsed<Fields>))
    : checked) as unknown as z.ZodType<Out>;
  return {
    name,
    ref,
    schema,
    parse: (input) => validateInput(schema, input),
    kind: kind(ref as unknown as InputType<Types>, schema),
  };
}

/** The value a declared input's `parse` returns. */
export type InputOf<D> = D extends DeclaredInput<infer Out> ? Out : never;

// The kinds CometChat documents limits for; each rule reads its numbers from the limits table.

/** A CometChat id (uid, guid, role, ...): checked and lowercased as CometChat stores it. */
export const key = kind(
  'String',
  idSchema,
  `1 to ${LIMITS.id} letters, digits, "-" or "_" (stored lowercased).`,
);
/** A display name. */
export const displayName = kind('String', nameSchema, `1 to ${LIMITS.name} characters.`);
/** A longer free text about something. */
export const longText = kind(
  'String',
  descriptionSchema,
  `At most ${LIMITS.description.toLocaleString('en')} characters.`,
);
/** An http(s) URL. */
export const url = kind(
  'String',
  urlSchema,
  `An http or https URL of at most ${LIMITS.url.toLocaleString('en')} characters.`,
);
/** Free-form JSON stored with an object. */
export const metadata = kind(
  'JSONObject',
  metadataSchema,
  `At most ${LIMITS.metadataBytes.toLocaleString('en')} bytes once serialised as JSON.`,
);
/** Labels. */
export const tags = kind(
  ['String'],
  tagsSchema,
  `At most ${LIMITS.tags} tags of 1 to ${LIMITS.tagLength} characters each.`,
);
/** A group's password. */
export const password = kind('String', passwordSchema, `1 to ${LIMITS.password} characters.`);

// Kinds with no limit beyond their GraphQL type.
export const text = kind('String', z.string());
export const flag = kind('Boolean', z.boolean());
export const integer = kind('Int', z.number().int());
export const json = kind('JSONObject', z.record(z.string(), z.unknown()));
export const globalId = kind('ID', z.string());
