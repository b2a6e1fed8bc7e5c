/**
 * Per-item outcomes of bulk changes (per uid, per receiver, per trigger): the typed failure of an
 * item CometChat refused or left out of its answer, where the item is in the input, and the `ok`
 * and `error` fields every outcome type shows.
 */
import { wrapOrThrow } from '@pothos/plugin-errors';
import { errorKindFor } from '../../upstream/errors.js';
import type { BulkOutcomeItem } from '../../upstream/records.js';
import { aliased } from '../deprecation.js';
import {
  type FailureKind,
  failureOfKind,
  ITEM_ERRORS,
  type ItemFailure,
  UserError,
} from '../errors.js';
import type { ObjectFieldBuilder } from './fields.js';

/** How one kind of bulk item words and types its failures. */
export interface ItemRules {
  /** The failure for an item CometChat's answer left out: nothing says whether it changed. */
  missing: { kind: 'not_found' | 'not_applied'; message: string };
  /** The message of a refusal CometChat gave no words for. */
  refused: string;
  /** The type of a refusal whose code is of no shared kind (an internal failure, an unknown code). */
  otherwise: FailureKind;
}

/** The kinds of upstream error that name a refusal type of their own. */
function isRefusalKind(kind: string): kind is Exclude<FailureKind, 'not_applied'> {
  return kind === 'invalid' || kind === 'not_found' || kind === 'conflict' || kind === 'forbidden';
}

/**
 * The typed error for an item of CometChat's per-id answer that was not applied. CometChat's code
 * decides the type as it does for whole calls.
 */
export function itemFailure(
  item: BulkOutcomeItem<unknown> | undefined,
  path: string[],
  rules: ItemRules,
): ItemFailure {
  if (item === undefined)
    return failureOfKind(rules.missing.kind, rules.missing.message, path, null);
  const kind = errorKindFor(undefined, item.code ?? undefined);
  const type = isRefusalKind(kind) ? kind : rules.otherwise;
  return failureOfKind(type, item.message ?? rules.refused, path, item.code);
}

/**
 * Where an item is in an input list: its first position as the caller sent it (before checks
 * normalised and de-duplicated the list), 0 when no sent value matches.
 */
export function itemPath(
  field: string,
  sent: readonly string[] | null | undefined,
  matches: (sent: string) => boolean,
): string[] {
  return ['input', field, String(Math.max((sent ?? []).findIndex(matches), 0))];
}

/**
 * A failure as a field value. graphql-js treats any Error a resolver returns as a field error, so
 * it is handed over the way the errors plugin hands over a caught one: branded with its type.
 */
function asErrorValue(error: ItemFailure | null): ItemFailure | null {
  if (error === null) return null;
  return wrapOrThrow(error, ITEM_ERRORS) as ItemFailure; // a branded proxy of the same error
}

/** The `ok` and `error` fields of an outcome type, for values carrying `error` (null when ok). */
export function outcomeFields<T extends { error: ItemFailure | null }>(
  t: ObjectFieldBuilder<T>,
  descriptions: { ok: string; error: string },
) {
  return {
    ...aliased('isOk', 'ok', (options) =>
      t.boolean({
        ...options,
        description: descriptions.ok,
        resolve: (outcome) => outcome.error === null,
      }),
    ),
    error: t.field({
      type: UserError,
      nullable: true,
      description: descriptions.error,
      resolve: (outcome) => asErrorValue(outcome.error),
    }),
  };
}
