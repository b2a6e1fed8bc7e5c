import type { CodegenConfig } from '@graphql-codegen/cli';

/** What both typed-document outputs share: NodeNext ESM imports and the scalars as they travel. */
const typedDocumentConfig = {
  useTypeImports: true,
  emitLegacyCommonJSImports: false,
  enumsAsTypes: true,
  scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' },
  strictScalars: true,
};

/**
 * `npm run codegen` reads the printed schema (schema/schema.graphql) and writes:
 *
 * - client/generated/: what frontend teams import (see docs/clients.md): the typed documents of
 *   the operations in client/operations/*.graphql (client preset: `graphql()`, one
 *   `TypedDocumentNode` per operation, the schema's input and enum types), and the schema's
 *   `possibleTypes` (which object types each interface and union can be) for Apollo Client's
 *   `InMemoryCache` and urql's Graphcache, as TypeScript and as JSON, and a typed SDK
 *   (sdk.ts: `getSdk(requester)`, one function per operation; client/requester.ts is its
 *   requester);
 * - test/gql/: the typed documents of every `graphql(...)` call and `.graphql` file under test/,
 *   with the trusted-documents manifest of those operations (see README, "Trusted documents").
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  // Only `graphql(...)` calls are typed operations; `/* GraphQL */` strings in tests are often
  // templates with interpolations, not documents.
  pluckConfig: { globalGqlIdentifierName: ['graphql'], gqlMagicComment: 'typed-operation' },
  generates: {
    'client/generated/': {
      documents: ['client/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typedDocumentConfig,
    },
    // One typed function per operation in client/operations/ (`getSdk(requester)`), over the
    // client preset's documents and types in ./graphql.js rather than a second copy of them.
    'client/generated/sdk.ts': {
      documents: ['client/operations/**/*.graphql'],
      plugins: ['typescript-generic-sdk'],
      config: {
        documentMode: 'external',
        importDocumentNodeExternallyFrom: './graphql.js',
        importOperationTypesFrom: 'Operations',
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
      },
    },
    'client/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { useExplicitTyping: true },
    },
    'client/generated/possible-types.json': {
      plugins: ['fragment-matcher'],
    },
    'test/gql/': {
      documents: [
        'test/**/*.graphql',
        'test/**/*.ts',
        '!test/gql/**',
        // Its `graphql(...)` is a local request helper called with a template, not a document.
        '!test/gateway/access-log.test.ts',
      ],
      preset: 'client',
      // persistedDocuments: also writes test/gql/persisted-documents.json ({ "sha256:<hex>":
      // document }), the manifest GATEWAY_TRUSTED_DOCUMENTS takes, and puts each document's id
      // in its `__meta__.hash`.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: typedDocumentConfig,
    },
  },
};

export default config;
