import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the operations the tests send: `npm run codegen` reads the printed schema
 * and every `graphql(...)` call and `.graphql` file under test/, and writes test/gql/.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.graphql', 'test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  // Only `graphql(...)` calls are typed operations; `/* GraphQL */` strings in tests are often
  // templates with interpolations, not documents.
  pluckConfig: { globalGqlIdentifierName: ['graphql'], gqlMagicComment: 'typed-operation' },
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' },
        strictScalars: true,
      },
    },
  },
};

export default config;
