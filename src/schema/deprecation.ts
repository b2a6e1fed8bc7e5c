/**
 * Deprecated aliases (docs/schema-conventions.md, "Renames"): a renamed field, argument or input
 * field keeps its old name, marked deprecated with the new name and the removal date, until that
 * date. Every alias is listed in CHANGELOG.md.
 */

/** The earliest date a deprecated alias may be removed (a major release on or after it). */
export const REMOVAL_DATE = '2027-06-30';

/** The deprecation reason of an old name that now has `replacement` (a field path or a hint). */
export function renamedTo(replacement: string): string {
  return `Use \`${replacement}\` (same value). Removal on or after ${REMOVAL_DATE}.`;
}

/** The deprecation reason of something replaced by another mechanism, said in `instead`. */
export function replacedBy(instead: string): string {
  return `${instead} Removal on or after ${REMOVAL_DATE}.`;
}

/** What `aliased` hands its field factory: nothing for the new name, the reason for the old one. */
export type AliasOptions = { deprecationReason?: string };

/**
 * A field under its new name and, built the same way, under its old name as a deprecated alias:
 * `...aliased('message', 'sentMessage', (options) => t.field({ ...options, type, resolve }))`.
 */
export function aliased<Field>(
  name: string,
  legacyName: string,
  make: (options: AliasOptions) => Field,
): Record<string, Field> {
  return { [name]: make({}), [legacyName]: make({ deprecationReason: renamedTo(name) }) };
}

/**
 * For an input that takes a value under its new name and its deprecated old name: true unless both
 * are given with different values (a zod refinement; either name alone is fine).
 */
export function sameUnderBothNames<Key extends string, Legacy extends string>(
  name: Key,
  legacyName: Legacy,
): (value: Partial<Record<Key | Legacy, unknown>>) => boolean {
  return (value) =>
    value[name] == null || value[legacyName] == null || value[name] === value[legacyName];
}

/** The field a deprecated alias stands for (the name `renamedTo` put in its reason), or null. */
export function aliasTarget(deprecationReason: string | null | undefined): string | null {
  const match = /^Use `([A-Za-z0-9_]+)` \(same value\)\./.exec(deprecationReason ?? '');
  return match?.[1] ?? null;
}
