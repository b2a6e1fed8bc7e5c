/**
 * The requester the generated SDK (client/generated/sdk.ts, `getSdk`) calls: one `fetch` POST to
 * the gateway per operation, with the caller's headers, resolving to the response's `data`. A
 * response with GraphQL errors, or without JSON `data`, rejects with a `GatewayRequestError`.
 * It logs nothing, and no error it throws holds a request header.
 *
 * ```ts
 * const sdk = getSdk(createRequester({ url, headers: () => ({ authorization: `Bearer ${jwt}` }) }));
 * const { viewer } = await sdk.Viewer();
 * ```
 */
import { type DocumentNode, print } from 'graphql';
import type { Requester } from './generated/sdk.js';

/** One entry of a response's `errors`, with the gateway's `extensions.code` (src/errors.ts). */
export interface GatewayGraphQLError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * A request the gateway answered with GraphQL errors (`errors`, with `code` the first one's
 * `extensions.code`), keeping whatever partial `data` came with them; or a response that was not
 * a GraphQL result at all (`errors` empty, `data` null, see `status`).
 */
export class GatewayRequestError extends Error {
  override readonly name = 'GatewayRequestError';
  /** The first error's `extensions.code`, if any. */
  readonly code: string | undefined;

  constructor(
    readonly status: number,
    readonly errors: readonly GatewayGraphQLError[],
    /** The partial result: the fields that resolved beside the errors (null if none). */
    readonly data: Record<string, unknown> | null,
  ) {
    const first = errors[0];
    super(
      first
        ? `${first.extensions?.code ?? 'GRAPHQL_ERROR'}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
        : `The gateway answered HTTP ${status} without a GraphQL result`,
    );
    this.code = first?.extensions?.code;
  }
}

/** What each SDK call may pass as its last argument. */
export interface RequestOptions {
  /** Headers for this call only, over the requester's. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RequesterOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://gateway.example.com/graphql`. */
  url: string | URL;
  /** Headers sent with every call (e.g. `authorization`), or a function returning them per call. */
  headers?:
    | Record<string, string>
    | (() => Record<string, string> | Promise<Record<string, string>>);
  /** The `fetch` to use (the global one by default). */
  fetch?: typeof fetch;
}

interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: GatewayGraphQLError[];
}

export function createRequester(options: RequesterOptions): Requester<RequestOptions> {
  const fetchImpl = options.fetch ?? fetch;
  return async <R, V>(document: DocumentNode, variables?: V, call?: RequestOptions) => {
    const shared =
      typeof options.headers === 'function' ? await options.headers() : options.headers;
    const response = await fetchImpl(options.url, {
      method: 'POST',
      headers: {
        ...shared,
        ...call?.headers,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
      ...(call?.signal ? { signal: call.signal } : {}),
    });
    let body: GraphQLResponseBody | undefined;
    try {
      body = (await response.json()) as GraphQLResponseBody;
    } catch {
      body = undefined;
    }
    if (body === null || typeof body !== 'object') {
      throw new GatewayRequestError(response.status, [], null);
    }
    const errors = Array.isArray(body.errors) ? body.errors : [];
    const data = body.data && typeof body.data === 'object' ? body.data : null;
    if (errors.length > 0 || data === null) {
      throw new GatewayRequestError(response.status, errors, data);
    }
    return data as R;
  };
}
