import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the operations the tests send: `npm run codegen` reads the printed schema
 * and every `graphql(...)` call and `.graphql` file under test/, and writes test/gql/, with the
 * trusted-documents manifest of those operations (see README, "Trusted documents").
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
      // persistedDocuments: also writes test/gql/persisted-documents.json ({ "sha256:<hex>":
      // document }), the manifest GATEWAY_TRUSTED_DOCUMENTS takes, and puts each document's id
      // in its `__meta__.hash`.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
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
