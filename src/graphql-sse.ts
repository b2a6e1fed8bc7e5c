/**
 * The GraphQL over SSE protocol (`graphql-sse`) on `/graphql/stream`, in both of its modes
 * (distinct connections, and single connection with a reservation), beside Yoga's own SSE on
 * `/graphql`. The server authenticates every request to this path first, as for `/graphql`, so
 * the protocol handler only ever sees an authenticated caller.
 */
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import type { Plugin } from 'graphql-yoga';

export const GRAPHQL_SSE_PATH = '/graphql/stream';

export function graphqlSsePlugin(): Plugin {
  return useGraphQLSSE({ endpoint: GRAPHQL_SSE_PATH });
}
