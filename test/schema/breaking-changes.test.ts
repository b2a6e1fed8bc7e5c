/**
 * No breaking change without a deprecation: the built schema is compared with the SDL of the last
 * release (`schema/released.graphql`, printed by `npm run schema:print` at release time) using
 * graphql-js's own `findBreakingChanges`. A rename keeps the old name as a deprecated alias, so it
 * never shows up here; a removal or an incompatible type change does, and must either be undone or
 * wait for the next major release (then refresh the snapshot; see docs/schema-conventions.md).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// `graphql/index.js`: the same realm as the schema Pothos builds (see test/schema-rules.test.ts).
import { buildSchema, findBreakingChanges } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

const RELEASED = fileURLToPath(new URL('../../schema/released.graphql', import.meta.url));

/**
 * Breaking changes accepted on purpose, each as `TYPE: description` exactly as reported, with the
 * reason beside it. Empty: every change since the release is additive or a deprecation.
 */
const ACCEPTED: Record<string, string> = {};

/**
 * Accepted on purpose (issue 11, "Partial results"; CHANGELOG): a field whose resolver may call
 * CometChat became nullable so that it can fail alone. Only the dropped `!` of such a field is
 * accepted: its type is otherwise unchanged and its resolver uses its context (test/schema-rules).
 */
function becameNullableToFailAlone(line: string): boolean {
  const match = /^FIELD_CHANGED_KIND: (\w+)\.(\w+) changed type from (.+)! to (.+)\.$/.exec(line);
  if (!match || match[3] !== match[4]) return false;
  const owner = schema.getType(match[1] ?? '');
  const field =
    owner && 'getFields' in owner
      ? (owner.getFields() as Record<string, unknown>)[match[2] ?? '']
      : undefined;
  const resolver = (field as { extensions?: { pothosOriginalResolve?: unknown } } | undefined)
    ?.extensions?.pothosOriginalResolve;
  if (typeof resolver !== 'function') return false;
  const source = String(resolver);
  const params = /^(?:async\s*)?\(([^)]*)\)/.exec(source)?.[1]?.split(',') ?? [];
  const context = params[2]?.trim();
  if (!context || context.startsWith('_')) return false;
  return new RegExp(`\\b${context}\\b`).test(source.slice(source.indexOf(')') + 1));
}

describe('schema compatibility with the last release', () => {
  it('has no breaking change against schema/released.graphql', () => {
    const released = buildSchema(readFileSync(RELEASED, 'utf8'));
    const breaking = findBreakingChanges(released, schema)
      .map((change) => `${change.type}: ${change.description}`)
      .filter((line) => !(line in ACCEPTED) && !becameNullableToFailAlone(line));
    expect(breaking).toEqual([]);
  });

  it('reports a removed field and a narrowed argument as breaking (the check can fail)', () => {
    const before = buildSchema('type Query { a: String, b(x: String): String }');
    const after = buildSchema('type Query { b(x: Int): String }');
    const types = findBreakingChanges(before, after).map((change) => change.type);
    expect(types).toEqual(expect.arrayContaining(['FIELD_REMOVED', 'ARG_CHANGED_KIND']));
  });
});
