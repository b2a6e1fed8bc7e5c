/**
 * The client output frontend teams import (client/generated/: typed documents, typed SDK,
 * possibleTypes) is what `npm run codegen` writes from the current schema and client/operations/,
 * and its possibleTypes cover every abstract type of the schema.
 */
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, isAbstractType } from 'graphql';
import { describe, expect, it } from 'vitest';
import possibleTypes from '../../client/generated/possible-types.js';
import possibleTypesJson from '../../client/generated/possible-types.json' with { type: 'json' };
import config from '../../codegen.js';

const root = new URL('../../', import.meta.url);

describe('client/generated', () => {
  it('is what npm run codegen writes from the schema and client/operations', async () => {
    const generates = Object.fromEntries(
      Object.entries(config.generates).filter(([path]) => path.startsWith('client/')),
    );
    const files: { filename: string; content: string }[] = await generate(
      { ...config, cwd: root.pathname, generates, silent: true },
      false,
    );
    const relative = (filename: string) => filename.slice(filename.indexOf('client/generated/'));
    expect(files.map((file) => relative(file.filename)).sort()).toEqual([
      'client/generated/gql.ts',
      'client/generated/graphql.ts',
      'client/generated/index.ts',
      'client/generated/possible-types.json',
      'client/generated/possible-types.ts',
      'client/generated/sdk.ts',
    ]);
    for (const file of files) {
      const path = relative(file.filename);
      expect(readFileSync(new URL(path, root), 'utf8'), `${path}: run npm run codegen`).toBe(
        file.content,
      );
    }
  });

  it('lists the possible types of every interface and union of the schema', () => {
    const schema = buildSchema(readFileSync(new URL('schema/schema.graphql', root), 'utf8'));
    const abstract = Object.values(schema.getTypeMap()).filter(
      (type) => isAbstractType(type) && !type.name.startsWith('__'),
    );
    expect(Object.keys(possibleTypes.possibleTypes).sort()).toEqual(
      abstract.map((type) => type.name).sort(),
    );
    for (const type of abstract) {
      if (!isAbstractType(type)) continue;
      expect(
        possibleTypes.possibleTypes[type.name as keyof typeof possibleTypes.possibleTypes],
      ).toEqual(
        schema
          .getPossibleTypes(type)
          .map((member) => member.name)
          .sort(),
      );
    }
    expect(possibleTypesJson).toEqual(possibleTypes);
    expect(possibleTypes.possibleTypes.UserError).toContain('ValidationError');
    expect(possibleTypes.possibleTypes.Node).toEqual(
      expect.arrayContaining(['Reaction', 'AuthToken']),
    );
  });
});
