/**
 * Trusted documents (persisted operations only), on when `GATEWAY_TRUSTED_DOCUMENTS` names a
 * JSON manifest `{ "<id>": "<document>" }`, the `persisted-documents.json` that GraphQL Code
 * Generator's client preset writes with `persistedDocuments: true` (ids `sha256:<hex>`).
 *
 * A client then sends an id instead of a document: `{"documentId": "<id>", "variables": …}` (POST
 * body or GET parameter), or Apollo's `extensions.persistedQuery.sha256Hash`; over graphql-ws,
 * `documentId` or the same extension in the subscribe payload, with an empty `query`. Any
 * document text is refused with `PERSISTED_QUERY_REQUIRED`, an unknown id with
 * `PERSISTED_QUERY_NOT_FOUND` (both HTTP 400).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLError } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import { ConfigError } from '../config.js';
import { gatewayError } from '../errors.js';
import { parseWithLimits } from './document-limits.js';

const VARIABLE = 'GATEWAY_TRUSTED_DOCUMENTS';
const SHA256_PREFIX = 'sha256:';

export interface TrustedDocuments {
  /** How many documents the manifest lists. */
  readonly size: number;
  /** The document for an id (`sha256:<hex>`, or the bare hex of a sha256 id), if listed. */
  get(id: string): string | undefined;
  /** The Yoga plugin that admits only listed documents over HTTP. */
  plugin(): Plugin;
  /**
   * The document a graphql-ws subscribe payload stands for.
   * @throws GraphQLError (`PERSISTED_QUERY_REQUIRED`/`PERSISTED_QUERY_NOT_FOUND`)
   */
  resolveSocketPayload(payload: { query: string; extensions?: unknown }): string;
}

function required(): GraphQLError {
  return gatewayError(
    'PERSISTED_QUERY_REQUIRED',
    'This gateway accepts only trusted (persisted) documents: send a documentId instead of a query.',
  ) as GraphQLError; // gatewayError builds a GraphQLError
}

function notFound(): GraphQLError {
  return gatewayError(
    'PERSISTED_QUERY_NOT_FOUND',
    'No trusted document has this documentId: ship the current persisted-documents.json to the gateway.',
  ) as GraphQLError; // gatewayError builds a GraphQLError
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `documentId` or Apollo's `extensions.persistedQuery.sha256Hash`, whichever is present. */
function idFrom(documentId: unknown, extensions: unknown): string | null {
  if (typeof documentId === 'string' && documentId !== '') return documentId;
  if (isRecord(extensions) && isRecord(extensions.persistedQuery)) {
    const hash = extensions.persistedQuery.sha256Hash;
    if (typeof hash === 'string' && hash !== '') return hash;
  }
  return null;
}

function fail(reason: string): never {
  throw new ConfigError(VARIABLE, `${VARIABLE} ${reason}`);
}

/** Builds the allowlist from a parsed manifest; throws ConfigError when it is not usable. */
export function trustedDocumentsFrom(manifest: unknown): TrustedDocuments {
  if (!isRecord(manifest)) fail('must name a JSON object of documentId to document');
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(manifest)) {
    if (typeof document !== 'string' || id === '') {
      fail('must name a JSON object whose values are GraphQL documents (strings)');
    }
    try {
      parseWithLimits(document);
    } catch {
      fail(`lists a document that does not parse (id ${id.slice(0, 80)})`);
    }
    if (id.startsWith(SHA256_PREFIX)) {
      const hash = createHash('sha256').update(document).digest('hex');
      if (id !== `${SHA256_PREFIX}${hash}`) {
        fail(`lists a document whose sha256 does not match its id (id ${id.slice(0, 80)})`);
      }
    }
    documents.set(id, document);
  }
  if (documents.size === 0) fail('names a manifest without documents');

  function get(id: string): string | undefined {
    return (
      documents.get(id) ??
      (/^[0-9a-f]{64}$/.test(id) ? documents.get(`${SHA256_PREFIX}${id}`) : undefined)
    );
  }

  return {
    size: documents.size,
    get,
    plugin() {
      return usePersistedOperations({
        allowArbitraryOperations: false,
        extractPersistedOperationId: (params, request) => {
          const fromBody = (params as { documentId?: unknown }).documentId; // the POST body's own key
          const fromQuery =
            request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null;
          return idFrom(fromBody ?? fromQuery, params.extensions);
        },
        getPersistedOperation: (id) => get(id) ?? null,
        customErrors: {
          persistedQueryOnly: required,
          keyNotFound: required,
          notFound,
        },
      });
    },
    resolveSocketPayload(payload) {
      if (payload.query !== '') throw required();
      const id = idFrom((payload as { documentId?: unknown }).documentId, payload.extensions); // an extra payload key
      if (id === null) throw required();
      const document = get(id);
      if (document === undefined) throw notFound();
      return document;
    },
  };
}

/** Reads the manifest at `path` (start-up only). Throws ConfigError naming the variable. */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    fail(`names a file that cannot be read (${path})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    fail(`names a file that is not JSON (${path})`);
  }
  return trustedDocumentsFrom(manifest);
}
