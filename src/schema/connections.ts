/**
 * What every connection field of the read graph shares: its paging arguments, its cost, the
 * connection type with a `totalCount`, and the read of one window of a page list. The cursor codec
 * itself lives in pagination.ts.
 */
import type { ObjectRef, OutputType } from '@pothos/core';
import type { ConnectionShape } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import type { Page } from '../upstream/records.js';
import {
  arrayConnection,
  type Connection,
  type ConnectionArgs,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pagedConnection,
} from './pagination.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * How a list's `first`/`after` descriptions are worded. Their text is part of the published
 * schema, so lists that first shipped with a terser wording keep it.
 */
export interface PageArgWording {
  /** Whether `first` names its default; true unless given. */
  statesDefault?: boolean;
  /** Whether `after` says the cursor must come from the same list; true unless given. */
  sameList?: boolean;
}

/** The `first`/`after` pair of a forward-only connection field over `noun`. */
export function forwardPageArgs(noun: string, wording: PageArgWording = {}) {
  const range = wording.statesDefault === false ? '' : `; default ${DEFAULT_PAGE_SIZE}`;
  const source =
    wording.sameList === false ? 'a previous page' : 'a previous page of the same list';
  return builder.args((t) => ({
    first: t.int({
      description: `How many ${noun} to return (0 to ${MAX_PAGE_SIZE}${range}).`,
      defaultValue: DEFAULT_PAGE_SIZE,
    }),
    after: t.string({ description: `Return the ${noun} after this cursor (from ${source}).` }),
  }));
}

/** `first`/`after`/`last`/`before` of a connection the upstream can page both ways. */
export function windowArgs(noun: string) {
  return builder.args((t) => ({
    first: t.int({
      description: `How many ${noun} to return from the start, or from \`after\` (0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}). The default gives way when \`last\` or \`before\` is given.`,
      defaultValue: DEFAULT_PAGE_SIZE,
    }),
    after: t.string({
      description: `Return the ${noun} after this cursor (from a previous page of the same list).`,
    }),
    last: t.int({
      description: `How many ${noun} to return from the end, or from \`before\` (0 to ${MAX_PAGE_SIZE}).`,
    }),
    before: t.string({
      description: `Return the ${noun} before this cursor (from a previous page of the same list).`,
    }),
  }));
}

/**
 * The window a two-way connection field was asked for. `first` has a default, so it is dropped
 * when the client pages backwards (`last` or `before`) and left it at that default.
 */
export function windowOf(args: ConnectionArgs): ConnectionArgs {
  const backwards = args.last != null || args.before != null;
  const first = backwards && args.first === DEFAULT_PAGE_SIZE ? null : args.first;
  return { first, after: args.after, last: args.last, before: args.before };
}

/** Complexity of a connection field: every item may cost a further upstream call. */
export function connectionComplexity(args: {
  first?: number | null | undefined;
  last?: number | null | undefined;
}): { field: number; multiplier: number } {
  return { field: 1, multiplier: args.first ?? args.last ?? DEFAULT_PAGE_SIZE };
}

/**
 * Distinct values in a fixed order, or null for none: equal filters then make equal upstream
 * queries and equal cursor keys, however the client ordered or repeated them.
 */
export function distinctSorted<T extends string>(
  values: readonly T[] | null | undefined,
): T[] | null {
  if (!values || values.length === 0) return null;
  return [...new Set(values)].sort();
}

/**
 * A connection type over `type` whose upstream list reports a total, so it carries `totalCount`
 * (`totalCount` below is that field's description). `edge` names and describes its edge type.
 */
export function countedConnection<Type extends OutputType<Types>>(
  connection: { name: string; type: Type; description: string; totalCount: string },
  edge: PothosSchemaTypes.ConnectionEdgeObjectOptions<Types, Type, false, unknown> & {
    name: string;
  },
) {
  return builder.connectionObject(
    {
      name: connection.name,
      type: connection.type,
      description: connection.description,
      fields: (t) => ({
        totalCount: t.int({
          description: connection.totalCount,
          resolve: (result) => result.totalCount ?? 0,
        }),
      }),
    },
    edge,
  );
}

/** A list known to be empty without asking: no items, so no cursors either. */
export function emptyConnection<T>(): Connection<T> {
  return {
    edges: [],
    nodes: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: null,
  };
}

/**
 * The window of a `page`/`perPage` upstream list a forward-only connection field asks for (a
 * view's list, which primes the view from every page it reads). Upstream failures become client
 * errors on that field. `key` names the list and its filters for the cursors.
 */
export function pagedList<T>(
  args: { first?: number | null | undefined; after?: string | null | undefined },
  fetchPage: (page: number, perPage: number) => Promise<Page<T>>,
  options: { key: string },
): Promise<Connection<T>> {
  return pagedConnection({ first: args.first, after: args.after }, fetchPage, { key: options.key });
}

/**
 * An admin-only root field over a list the upstream answers whole (or as one capped window): it
 * reads the list once and pages within it both ways (`windowArgs`), with offset cursors tagged
 * with `key`. Null when the list could not be read. `description` is the field's whole text.
 */
export function adminWindowList<Shape>(
  t: PothosSchemaTypes.QueryFieldBuilder<Types, Types['Root']>,
  list: {
    type: ObjectRef<Types, ConnectionShape<Types, Shape, false>>;
    noun: string;
    description: string;
    key: string;
    read: (context: GatewayContext) => Promise<readonly Shape[]>;
  },
) {
  return t.field({
    type: list.type,
    nullable: true,
    description: list.description,
    authScopes: { admin: true },
    args: windowArgs(list.noun),
    complexity: connectionComplexity,
    resolve: async (_root, args, context) =>
      arrayConnection(await list.read(context), windowOf(args), { key: list.key }),
  });
}
