import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { printSortedSchema, SCHEMA_FILE } from '../../src/schema/print.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after a schema change)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(printSortedSchema(schema));
  });

  it('holds the first slice: node, nodes, viewer, user(uid) and the users connection', () => {
    const query = schema.getQueryType()?.getFields() ?? {};
    for (const field of ['node', 'nodes', 'viewer', 'user', 'users'])
      expect(query[field]).toBeDefined();
    expect(String(query.users?.type)).toBe('UserConnection');
    expect(query.users?.args.map((arg) => arg.name)).toEqual(
      expect.arrayContaining(['first', 'after', 'search', 'status', 'role']),
    );
    expect(query.users?.args.find((arg) => arg.name === 'first')?.defaultValue).toBe(20);
    expect(String(query.node?.type)).toBe('Node');
    expect(String(query.nodes?.type)).toBe('[Node]!');
  });
});
