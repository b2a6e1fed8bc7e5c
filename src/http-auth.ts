/**
 * Authentication as the first step of every GraphQL request over HTTP: it runs in Yoga's
 * `onRequest`, on the headers alone, before the body is read, parsed or validated, so an anonymous
 * caller learns nothing about the schema. The caller it finds rides on the server context to the
 * context factory.
 */
import { GraphQLError } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import { ACT_AS_HEADER, type Authenticator } from './auth.js';
import type { Caller } from './context.js';
import { toClientError } from './errors.js';
import type { Logger } from './logger.js';
import { isUpstreamError } from './upstream/errors.js';

/** Where the authenticated caller travels from `onRequest` to the context factory. */
export interface AuthenticatedServerContext {
  caller?: Caller;
}

/** Whether this request is a browser asking for the GraphiQL page (served without credentials). */
function isGraphiQLPage(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
}

/** The status and body a refused request gets: the error's own HTTP status, 401 by default. */
export function refusal(error: unknown, fetchAPI: { Response: typeof Response }): Response {
  const safe = toClientError(error);
  const extensions = safe instanceof GraphQLError ? { ...safe.extensions } : {};
  const http = extensions.http as { status?: number } | undefined;
  delete extensions.http;
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL';
  const status =
    http?.status ?? (code === 'UNAUTHENTICATED' ? 401 : code === 'INTERNAL' ? 500 : 503);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="graphql"';
  return new fetchAPI.Response(
    JSON.stringify({
      errors: [
        {
          message: code === 'INTERNAL' ? 'Unexpected error.' : safe.message,
          extensions: { ...extensions, code },
        },
      ],
    }),
    { status, headers },
  );
}

export function authenticationPlugin(
  authenticator: Authenticator,
  graphqlPath: string,
  logger: Logger,
  graphiqlEnabled: boolean,
): Plugin<Record<string, unknown>, AuthenticatedServerContext> {
  return {
    async onRequest({ url, request, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlPath) return;
      if (request.method === 'OPTIONS' || (graphiqlEnabled && isGraphiQLPage(request))) return;
      try {
        const caller = await authenticator.authenticate({
          authorization: request.headers.get('authorization'),
          actAs: request.headers.get(ACT_AS_HEADER),
        });
        (serverContext as AuthenticatedServerContext).caller = caller;
      } catch (error) {
        if (isUpstreamError(error)) {
          logger.warn({ err: error }, 'authentication could not reach CometChat');
        } else if (!(error instanceof GraphQLError)) {
          logger.error({ err: error }, 'authentication failed unexpectedly');
        }
        endResponse(refusal(error, fetchAPI));
      }
    },
  };
}
