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

describe('schema compatibility with the last release', () => {
  it('has no breaking change against schema/released.graphql', () => {
    const released = buildSchema(readFileSync(RELEASED, 'utf8'));
    const breaking = findBreakingChanges(released, schema)
      .map((change) => `${change.type}: ${change.description}`)
      .filter((line) => !(line in ACCEPTED));
    expect(breaking).toEqual([]);
  });

  it('reports a removed field and a narrowed argument as breaking (the check can fail)', () => {
    const before = buildSchema('type Query { a: String, b(x: String): String }');
    const after = buildSchema('type Query { b(x: Int): String }');
    const types = findBreakingChanges(before, after).map((change) => change.type);
    expect(types).toEqual(expect.arrayContaining(['FIELD_REMOVED', 'ARG_CHANGED_KIND']));
  });
});
