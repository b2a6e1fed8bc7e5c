/**
 * The record schemas are checked against the generated wire types at compile time
 * (src/upstream/records/wire-check.ts): compiled with an edited copy of the pinned spec's types, a
 * record that reads a field the spec no longer has, or no longer types as the record reads it,
 * does not compile.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WIRE = `${root}src/upstream/wire.ts`;
const MANAGEMENT = `${root}src/upstream/wire-management.ts`;
const RECORDS = ['users', 'groups', 'conversations', 'messages', 'webhooks'].map(
  (name) => `${root}src/upstream/records/${name}.ts`,
);

const config = ts.getParsedCommandLineOfConfigFile(
  `${root}tsconfig.json`,
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  },
);
if (!config) throw new Error('tsconfig.json could not be read');

/** The compile errors of the record modules, with `edits` applied to the generated files. */
function errorsWith(edits: Record<string, (text: string) => string> = {}): string[] {
  const host = ts.createCompilerHost(config?.options ?? {});
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) => {
    const edit = edits[fileName];
    if (!edit) return read(fileName, language, onError, create);
    const text = ts.sys.readFile(fileName);
    if (text === undefined) throw new Error(`${fileName} is missing`);
    const edited = edit(text);
    expect(edited).not.toBe(text); // the edit must change what it means to change
    return ts.createSourceFile(fileName, edited, language);
  };
  const program = ts.createProgram({
    rootNames: RECORDS,
    options: config?.options ?? {},
    host,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file?.fileName.slice(root.length)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

/** Replaces `from` once inside the block that starts with `block` (a schema of the spec). */
function inBlock(block: string, from: string, to: string): (text: string) => string {
  return (text) => {
    const start = text.indexOf(block);
    const at = text.indexOf(from, start);
    if (start < 0 || at < 0) return text;
    return text.slice(0, at) + to + text.slice(at + from.length);
  };
}

describe('record schemas typed against the wire types', () => {
  // One compilation with every edit (each is about another record); the unedited sources compile
  // cleanly, which `npm run typecheck` checks.
  const errors = (() => {
    let found: string[] | undefined;
    return () => {
      found ??= errorsWith({
        [WIRE]: (text) =>
          inBlock(
            '        messageSchema: {',
            'sentAt?: number;',
            'sentAt?: boolean;',
          )(inBlock('        userSchema: {', '            avatar?: string;\n', '')(text)),
        [MANAGEMENT]: inBlock('        webhookSchema: {', '            webhookURL?: string;\n', ''),
      });
      return found;
    };
  })();
  const has = (pattern: RegExp) => errors().some((error) => pattern.test(error));

  it('do not compile when the spec drops a field a record reads', () => {
    expect(has(/records\/users\.ts: .*\\"avatar\\" is not a field of the record's wire type/)).toBe(
      true,
    );
    // Its fast reader reads it too.
    expect(has(/records\/users\.ts: Property 'avatar' does not exist on type 'WireFields/)).toBe(
      true,
    );
  });

  it('do not compile when the spec retypes a field a record reads', () => {
    expect(has(/records\/messages\.ts: .*does not accept the wire type of \\"sentAt\\"/)).toBe(
      true,
    );
  });

  it('check the Management API records too', () => {
    expect(has(/records\/webhooks\.ts: .*\\"webhookURL\\" is not a field/)).toBe(true);
  });

  it('report nothing about the fields left as they were', () => {
    expect(errors().filter((error) => !/avatar|sentAt|webhookURL/.test(error))).toEqual([]);
  });
});
