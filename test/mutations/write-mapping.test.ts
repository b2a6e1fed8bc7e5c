/**
 * docs/writes.md against the pinned CometChat specs and the schema: every write endpoint is either
 * mapped to its mutations or listed as not modelled (once), nothing named there is made up, and
 * the mutations named there are exactly the schema's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { HAND_ADDED_ENDPOINTS } from '../../src/upstream/wire-extra.js';

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

function readText(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

/** `METHOD /path` for every write operation of a pinned OpenAPI document. */
function specWrites(file: string): string[] {
  const spec = JSON.parse(readText(`schema/cometchat/${file}`)) as {
    paths: Record<string, Record<string, unknown>>;
  }; // an OpenAPI document: paths -> method -> operation
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    WRITE_METHODS.filter((method) => item[method.toLowerCase()] !== undefined).map(
      (method) => `${method} ${path}`,
    ),
  );
}

const handAddedWrites = HAND_ADDED_ENDPOINTS.filter((endpoint) => endpoint.method !== 'GET').map(
  (endpoint) => `${endpoint.method} ${endpoint.path}`,
);
const pinnedWrites = [...specWrites('chat-apis.json'), ...specWrites('management-webhooks.json')];
const knownWrites = new Set([...pinnedWrites, ...handAddedWrites]);

interface Row {
  endpoint: string;
  mutations: string[];
}

/** The rows of the first table under `## heading`: method, path and the backticked names after. */
function tableRows(markdown: string, heading: string): Row[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/writes.md has no "## ${heading}" section`);
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const method = /^`([A-Z]+)`$/.exec(cells[1] ?? '')?.[1];
    const path = /^`(\/[^`]*)`$/.exec(cells[2] ?? '')?.[1];
    if (!method || !path) continue;
    const names = [...(cells[3] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((match) => match[1] ?? '');
    rows.push({ endpoint: `${method} ${path}`, mutations: names });
  }
  return rows;
}

const doc = readText('docs/writes.md');
const modelled = tableRows(doc, 'Modelled endpoints');
const notModelled = tableRows(doc, 'Endpoints not modelled');
const mutationFields = Object.keys(schema.getMutationType()?.getFields() ?? {});

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('docs/writes.md', () => {
  it('has both tables, with rows', () => {
    expect(modelled.length).toBeGreaterThan(30);
    expect(notModelled.length).toBeGreaterThan(0);
  });

  it('lists every write operation of the pinned specs, mapped or not modelled', () => {
    const listed = new Set([...modelled, ...notModelled].map((row) => row.endpoint));
    expect(pinnedWrites.filter((endpoint) => !listed.has(endpoint))).toEqual([]);
  });

  it('maps every hand-added write endpoint the client calls to a mutation', () => {
    const mapped = new Set(modelled.map((row) => row.endpoint));
    expect(handAddedWrites.filter((endpoint) => !mapped.has(endpoint))).toEqual([]);
  });

  it('lists each endpoint once, in one table only', () => {
    expect(duplicates([...modelled, ...notModelled].map((row) => row.endpoint))).toEqual([]);
  });

  it('names only endpoints that exist in the pinned specs or the hand-added list', () => {
    const unknown = [...modelled, ...notModelled]
      .map((row) => row.endpoint)
      .filter((endpoint) => !knownWrites.has(endpoint));
    expect(unknown).toEqual([]);
  });

  it('names at least one mutation for every mapped endpoint', () => {
    expect(modelled.filter((row) => row.mutations.length === 0)).toEqual([]);
  });

  it('names only mutations the schema has', () => {
    const named = [...new Set(modelled.flatMap((row) => row.mutations))];
    expect(named.filter((name) => !mutationFields.includes(name))).toEqual([]);
  });

  it('names every mutation the schema has', () => {
    const named = new Set(modelled.flatMap((row) => row.mutations));
    expect(mutationFields.filter((name) => !named.has(name))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readText('README.md')).toContain('docs/writes.md');
  });
});
