/**
 * The README's configuration table and the code name the same environment variables: every
 * variable src/config.ts (the gateway) or src/emulator/main.ts (`npm run emulator`) reads has a
 * row, and every row is a variable one of them reads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

/**
 * The variables a configuration source reads: its upper-case string literals (the names it passes
 * to its readers) and its `env.NAME` reads; signal names are not variables.
 */
function configVariables(source: string): string[] {
  const reads = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? '');
  const literals = [...source.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g)].map(
    (m) => m[1] ?? '',
  );
  return [...new Set([...reads, ...literals])]
    .filter((name) => name.length > 0 && !/^SIG[A-Z]+$/.test(name))
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
  it('lists exactly the environment variables src/config.ts and the emulator read', () => {
    const config = configVariables(
      ['src/config.ts', 'src/emulator/main.ts']
        .map((file) => readFileSync(new URL(file, root), 'utf8'))
        .join('\n'),
    );
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
