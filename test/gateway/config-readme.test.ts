/**
 * The README's configuration table and src/config.ts name the same environment variables: every
 * variable the configuration reads has a row, and every row is a variable it reads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

/** The variables src/config.ts reads: its upper-case string literals (names passed to its readers). */
function configVariables(source: string): string[] {
  return [
    ...new Set([...source.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g)].map((m) => m[1] ?? '')),
  ]
    .filter((name) => name.length > 0)
    .sort();
}

/** The variables of the README's "Configuration" table: the backticked names of its first column. */
function readmeVariables(readme: string): string[] {
  const start = readme.indexOf('\n## Configuration');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) continue;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1] ?? '');
  }
  return [...names].sort();
}

describe('README configuration table', () => {
  it('lists exactly the environment variables src/config.ts reads', () => {
    const config = configVariables(readFileSync(new URL('src/config.ts', root), 'utf8'));
    const readme = readmeVariables(readFileSync(new URL('README.md', root), 'utf8'));
    expect(config.length).toBeGreaterThan(20);
    expect(readme).toEqual(config);
  });

  it('finds a variable missing from either side (the check can fail)', () => {
    const config = configVariables("read(env, 'PORT'); read(env, 'NEW_SETTING');");
    const readme = readmeVariables(
      '# Gateway\n## Configuration\n| `PORT`, `HOST` | x |\n## Next\n| `OTHER` | y |',
    );
    expect(config).toEqual(['NEW_SETTING', 'PORT']);
    expect(readme).toEqual(['HOST', 'PORT']);
    expect(readme).not.toEqual(config);
  });
});
