/**
 * The layer rules of docs/architecture.md, checked on the source: which folder may import which,
 * and that the schema reads only through the request's views (no upstream read function, no
 * loader internals, no `onBehalfOf` of its own). Each rule lists every offender.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

interface Import {
  /** The importing file, relative to src/ (e.g. `schema/user.ts`). */
  from: string;
  /** The imported module: a path relative to src/ for local modules, else the package name. */
  target: string;
  local: boolean;
  /** Only types cross (`import type`, or every named binding marked `type`). */
  typeOnly: boolean;
  /** The names bound by value (not `type`) from the module. */
  values: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const FILES = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  source: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
}));

function resolveTarget(from: string, specifier: string): { target: string; local: boolean } {
  if (!specifier.startsWith('.')) return { target: specifier, local: false };
  const path = relative(SRC, resolve(SRC, dirname(from), specifier)).replace(/\.js$/, '.ts');
  return { target: path, local: true };
}

/** Every import, re-export and dynamic `import()` of every file under src/. */
function allImports(): Import[] {
  const found: Import[] = [];
  for (const { path, source } of FILES) {
    const visit = (node: ts.Node): void => {
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        let typeOnly = false;
        const values: string[] = [];
        if (ts.isImportDeclaration(node)) {
          const clause = node.importClause;
          typeOnly = clause?.isTypeOnly === true;
          if (clause && !typeOnly) {
            if (clause.name) values.push('default');
            const bindings = clause.namedBindings;
            if (bindings && ts.isNamespaceImport(bindings)) values.push('*');
            if (bindings && ts.isNamedImports(bindings)) {
              for (const element of bindings.elements) {
                if (!element.isTypeOnly) values.push((element.propertyName ?? element.name).text);
              }
            }
            // A side-effect import (`import './x.js'`) binds nothing but still runs the module.
            if (!clause.name && !bindings) values.push('(side effect)');
            typeOnly = values.length === 0;
          } else if (!clause) {
            values.push('(side effect)');
          }
        } else {
          typeOnly = node.isTypeOnly;
          const clause = node.exportClause;
          if (!typeOnly && clause && ts.isNamedExports(clause)) {
            for (const element of clause.elements) {
              if (!element.isTypeOnly) values.push((element.propertyName ?? element.name).text);
            }
            typeOnly = values.length === 0;
          } else if (!typeOnly) {
            values.push('*');
          }
        }
        found.push({
          from: path,
          ...resolveTarget(path, node.moduleSpecifier.text),
          typeOnly,
          values,
        });
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        found.push({
          from: path,
          ...resolveTarget(path, node.arguments[0].text),
          typeOnly: false,
          values: ['*'],
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const IMPORTS = allImports();

const inFolder = (path: string, folder: string) => path.startsWith(`${folder}/`);
const describeImport = (entry: Import) =>
  `${entry.from} -> ${entry.target}${entry.values.length ? ` {${entry.values.join(', ')}}` : ''}`;

/** Offending imports: local imports out of `folder` whose target `allowed` refuses. */
function offenders(folder: string, allowed: (entry: Import) => boolean): string[] {
  return IMPORTS.filter((entry) => inFolder(entry.from, folder) && entry.local)
    .filter((entry) => !allowed(entry))
    .map(describeImport);
}

/** The upstream modules that only the upstream client itself uses. */
const UPSTREAM_INTERNALS = new Set([
  'upstream/answers.ts',
  'upstream/call.ts',
  'upstream/options.ts',
  'upstream/transport.ts',
  'upstream/transport-failures.ts',
  'upstream/urls.ts',
  'upstream/wire.ts',
  'upstream/wire-extra.ts',
  'upstream/wire-management.ts',
]);

/** An upstream function that reads (lists or gets): only the read layer calls those. */
const READ_FUNCTION = /^(list|get)[A-Z]/;

describe('layer rules (docs/architecture.md)', () => {
  it('finds the imports it checks', () => {
    // A parser that found nothing would pass every rule below.
    expect(IMPORTS.filter((entry) => inFolder(entry.from, 'schema')).length).toBeGreaterThan(100);
    expect(
      IMPORTS.some((e) => e.from === 'loaders/view.ts' && e.values.includes('listUsers')),
    ).toBe(true);
  });

  it('schema reads only through the views: loaders/index.ts, never upstream reads', () => {
    const bad = offenders('schema', (entry) => {
      const { target } = entry;
      if (inFolder(target, 'schema')) return true;
      if (['builder.ts', 'context.ts', 'errors.ts'].includes(target)) return true;
      if (inFolder(target, 'cometchat')) return true;
      if (inFolder(target, 'webhooks')) return target !== 'webhooks/receiver.ts';
      if (inFolder(target, 'loaders')) return target === 'loaders/index.ts';
      if (inFolder(target, 'imports')) return entry.typeOnly;
      if (inFolder(target, 'upstream')) {
        if (UPSTREAM_INTERNALS.has(target)) return false;
        if (entry.typeOnly) return true;
        // Record types and errors; writes, but no list* or get* (the views make those calls).
        return !entry.values.some((name) => READ_FUNCTION.test(name) || name === '*');
      }
      return false;
    });
    expect(bad).toEqual([]);
  });

  it('schema never chooses who CometChat is asked as (no `onBehalfOf` of its own)', () => {
    const bad: string[] = [];
    for (const { path, source } of FILES) {
      if (!inFolder(path, 'schema')) continue;
      const visit = (node: ts.Node): void => {
        if (
          (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
          node.name.getText(source) === 'onBehalfOf'
        ) {
          bad.push(`${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(bad).toEqual([]);
  });

  it('loaders import only upstream (and the shared context types and errors)', () => {
    const bad = offenders('loaders', ({ target, typeOnly }) => {
      if (inFolder(target, 'loaders')) return true;
      if (inFolder(target, 'upstream')) return !target.startsWith('upstream/wire');
      if (target === 'context.ts') return typeOnly;
      return target === 'errors.ts';
    });
    expect(bad).toEqual([]);
  });

  it('imports (data import jobs) import only upstream and the logger types', () => {
    const bad = offenders('imports', ({ target, typeOnly }) => {
      if (inFolder(target, 'imports')) return true;
      if (inFolder(target, 'upstream')) return !UPSTREAM_INTERNALS.has(target);
      return (target === 'logger.ts' || target === 'config.ts') && typeOnly;
    });
    expect(bad).toEqual([]);
  });

  it('upstream imports nothing outside src/upstream', () => {
    expect(offenders('upstream', ({ target }) => inFolder(target, 'upstream'))).toEqual([]);
  });

  it('webhooks import only upstream records and wire types, CometChat facts, config and the logger', () => {
    const bad = offenders('webhooks', ({ target }) => {
      if (inFolder(target, 'webhooks') || inFolder(target, 'upstream')) return true;
      if (inFolder(target, 'cometchat')) return true;
      return ['config.ts', 'logger.ts'].includes(target);
    });
    expect(bad).toEqual([]);
  });

  it('the emulator is a program of its own: it imports nothing of the gateway', () => {
    // Besides CometChat's documented facts (src/cometchat), which the gateway shares with it.
    expect(
      offenders(
        'emulator',
        ({ target }) => inFolder(target, 'emulator') || inFolder(target, 'cometchat'),
      ),
    ).toEqual([]);
    const users = IMPORTS.filter(
      (entry) =>
        entry.local && inFolder(entry.target, 'emulator') && !inFolder(entry.from, 'emulator'),
    ).filter((entry) => entry.from !== 'main.ts');
    expect(users.map(describeImport)).toEqual([]);
  });

  it('src/cometchat (the limits and trigger catalogue both programs share) imports nothing', () => {
    const own = IMPORTS.filter((entry) => inFolder(entry.from, 'cometchat'));
    expect(own.filter((entry) => !inFolder(entry.target, 'cometchat')).map(describeImport)).toEqual(
      [],
    );
    // The modules it holds are in use by both programs.
    for (const user of ['emulator', 'schema', 'webhooks']) {
      expect(
        IMPORTS.some((entry) => inFolder(entry.from, user) && inFolder(entry.target, 'cometchat')),
      ).toBe(true);
    }
  });

  it('nothing imports server.ts but main.ts (its entry point)', () => {
    const bad = IMPORTS.filter(
      (entry) => entry.local && entry.target === 'server.ts' && entry.from !== 'main.ts',
    );
    expect(bad.map(describeImport)).toEqual([]);
  });

  it('only src/upstream speaks HTTP (undici), besides the emulator', () => {
    const bad = IMPORTS.filter(
      (entry) =>
        !entry.local &&
        entry.target.startsWith('undici') &&
        !inFolder(entry.from, 'upstream') &&
        !inFolder(entry.from, 'emulator'),
    );
    expect(bad.map(describeImport)).toEqual([]);
  });

  it('only config.ts reads process.env (main.ts hands it over; the emulator has its own)', () => {
    const allowed = new Set(['config.ts', 'main.ts', 'emulator/main.ts']);
    const bad = FILES.filter(
      ({ path, source }) => !allowed.has(path) && /\bprocess\.env\b/.test(source.text),
    ).map(({ path }) => path);
    expect(bad).toEqual([]);
  });
});
