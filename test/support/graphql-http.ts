/** GraphQL over HTTP as the tests speak it: the JSON body shapes and one POST helper. */

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** A GraphQL-over-HTTP JSON body. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

/** The `extensions.code` of every error, in order (none when there are no errors). */
export function errorCodes(errors: readonly GraphQLErrorBody[] | undefined): unknown[] {
  return (errors ?? []).map((error) => error.extensions?.code);
}

/**
 * POSTs `{ query, variables }` through `send` (in process or over a socket), with a bearer `token`
 * when given and an `accept` header when given, and parses the JSON answer.
 */
export async function postGraphQL<T>(
  send: (init: RequestInit) => Promise<Response>,
  body: { query: string; variables: unknown },
  options: { token?: string | null; accept?: string } = {},
): Promise<{ status: number; body: GraphQLResponse<T> }> {
  const response = await send({
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.accept ? { accept: options.accept } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as GraphQLResponse<T>; // a GraphQL-over-HTTP JSON body
  return { status: response.status, body: json };
}
