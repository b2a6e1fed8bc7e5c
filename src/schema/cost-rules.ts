/**
 * The vocabulary of the cost rules (see src/schema/cost.ts for how the estimate uses them): what a
 * rule sees and returns, the common rule builders every rule table uses, and the field extension
 * that lets a field declare its rule where it is defined, so a new field needs no entry in a table.
 */
import type { GraphQLField } from 'graphql/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';

export type CallerKind = 'admin' | 'user';

/**
 * What is known about the objects a field returns, where that changes what their own fields cost:
 * - `fullProfile`: users fetched by uid or listed with their tags, so `User.tags` is free;
 * - `notPrimed`: messages whose embedded entities were never primed (their sender etc. cost a
 *   lookup even for an admin);
 * - `othersView`: groups read as someone other than the caller, so a user caller's
 *   `viewerMembership` needs a lookup;
 * - `viewerless`: users as another answer embedded them (rendered for nobody), so a user caller's
 *   viewer fields (`blockedByViewer`, `hasBlockedViewer`) need a lookup.
 */
export type Origin = 'fullProfile' | 'notPrimed' | 'othersView' | 'groupsPrimed' | 'viewerless';

/** What one resolution of a field costs, and what it hands its sub-selection. */
export interface FieldCost {
  /** CometChat calls (list pages, writes, lookups that are not primed). */
  calls?: number;
  /** Lookups on the roles loader (see {@link MAX_ROLES_PER_APP}). */
  roleLoads?: number;
  /**
   * Reads of a user's muted conversations (`GET /notifications/v1/preferences/mute`), which a view
   * makes once per request: at most one for a user caller (one view), one per item for an admin
   * (each conversation may belong to another user).
   */
  muteLists?: number;
  /** A list field: the most items one resolution returns. */
  items?: number;
  /** A connection field: the page size its `edges` and `nodes` hold. */
  page?: number;
  /** What the returned objects are known to be. */
  origin?: Origin;
  /** The field fails its argument checks before any call: nothing below it runs either. */
  refused?: boolean;
}

/** What a rule sees of one field. */
export interface FieldEnv {
  caller: CallerKind;
  /** The field's arguments, defaults and variables applied. */
  args: Record<string, unknown>;
  /** The arguments of the root field it is under (a mutation's input sizes its outcome lists). */
  rootArgs: Record<string, unknown>;
  /** What the parent object is known to be. */
  origin: Origin | null;
}

export type CostRule = (env: FieldEnv) => FieldCost;

// ---------------------------------------------------------------------------------------------
// Rule builders

/** Resolves from the parent's own data: no call. */
export const free: CostRule = () => ({});

/**
 * A list of objects with only leaf fields (attachments, violations): no call, and nothing below
 * can cost one (a test checks the item types stay leaf-only).
 */
export const leafList: CostRule = () => ({ items: 0 });

export function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/**
 * The page a connection asks for, or null when its checks refuse it before any call. `last` wins:
 * a two-way list drops `first` at its default when paging backwards (see `windowOf`).
 */
export function pageSize(args: Record<string, unknown>): number | null {
  const first = args.first ?? null;
  const last = args.last ?? null;
  for (const value of [first, last]) {
    if (value === null) continue;
    const n = int(value);
    if (n === null || n < 0 || n > MAX_PAGE_SIZE) return null;
  }
  return int(last) ?? int(first) ?? DEFAULT_PAGE_SIZE;
}

/**
 * A connection over a `page`/`perPage` list: one call, or two when `after` starts the window
 * where one upstream page cannot hold it (see `planPages`).
 */
export function pagedList(origin?: Origin): CostRule {
  return ({ args }) => {
    const page = pageSize(args);
    if (page === null) return { refused: true };
    return { calls: args.after == null ? 1 : 2, page, ...(origin ? { origin } : {}) };
  };
}

/** A connection over an id/affix/limit list (messages, replies, reactions): one call. */
export const cursorList: CostRule = ({ args }) => {
  const page = pageSize(args);
  return page === null ? { refused: true } : { calls: 1, page };
};

/** A lookup by key that is never primed: one call per resolution. */
export function lookup(origin?: Origin): CostRule {
  return () => ({ calls: 1, ...(origin ? { origin } : {}) });
}

/**
 * A connection over one list call, paged in memory both ways (`windowArgs`): one call, a page of
 * at most the larger of `first` and `last`; refused when either is out of range.
 */
export const windowList: CostRule = ({ args }) => {
  const first = args.first ?? null;
  const last = args.last ?? null;
  const size = (value: unknown) => (value === null ? 0 : int(value));
  const sizes = [size(first), size(last)];
  if (sizes.some((n) => n === null || n < 0 || n > MAX_PAGE_SIZE)) return { refused: true };
  const [firstSize, lastSize] = sizes as [number, number];
  const page = first === null && last === null ? DEFAULT_PAGE_SIZE : Math.max(firstSize, lastSize);
  return { calls: 1, page };
};

/** A list of objects from one call, at most `items` of them. */
export function listCall(items: number): CostRule {
  return () => ({ calls: 1, items });
}

/** A mutation that makes `calls` calls (its writes and the reads it makes itself). */
export function writes(calls: number | ((env: FieldEnv) => number)): CostRule {
  return (env) => ({ calls: typeof calls === 'number' ? calls : calls(env) });
}

/** The mutation input the field is under (its root field's `input` argument). */
export function inputOf(env: FieldEnv): Record<string, unknown> {
  const input = env.rootArgs.input;
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
}

/** How many distinct strings the input list `field` holds (at most `max`). */
export function inputCount(env: FieldEnv, field: string, max: number): number {
  return distinctCount(inputOf(env)[field], max);
}

/** How many distinct strings a list value holds (at most `max`). */
export function distinctCount(value: unknown, max: number): number {
  if (!Array.isArray(value)) return 0;
  return Math.min(new Set(value.map(String)).size, max);
}

// ---------------------------------------------------------------------------------------------
// Rules declared with the field

/** The extension key under which a field carries its cost rule. */
const COST_EXTENSION = 'cometchatCost';

/**
 * The `extensions` of a field that declares its own cost where it is defined, e.g.
 * `t.field({ ..., extensions: costs(writes(1)) })`: the estimate reads it before the tables.
 */
export function costs(rule: CostRule): Record<string, CostRule> {
  return { [COST_EXTENSION]: rule };
}

/** The rule `field` declares with {@link costs}, if any. */
export function declaredRule(
  field: GraphQLField<unknown, unknown> | undefined,
): CostRule | undefined {
  const rule = field?.extensions?.[COST_EXTENSION];
  return typeof rule === 'function' ? (rule as CostRule) : undefined;
}
