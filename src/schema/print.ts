/**
 * `npm run schema:print`: writes the checked-in SDL, sorted so that diffs only show real changes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql/index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

/** The SDL exactly as `schema/schema.graphql` must hold it. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { schema } = await import('./index.js');
  writeFileSync(SCHEMA_FILE, printSortedSchema(schema));
  process.stdout.write('Wrote schema/schema.graphql\n');
}
