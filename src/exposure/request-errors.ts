/**
 * Requests Yoga cannot read are the client's fault and get a GraphQL error body like any other:
 * - a request parser that throws something other than a GraphQL error (malformed JSON in GET's
 *   `variables` or `extensions`, a broken multipart or form body) would be masked as INTERNAL;
 *   it becomes HTTP 400 `BAD_USER_INPUT`;
 * - an `operationName` that is not a string is refused (400 `BAD_USER_INPUT`) before anything
 *   uses it (Yoga does not check its type, and the metrics labels broke on an object);
 * - some of Yoga's HTTP-level refusals have an empty body (415 for an unsupported content type,
 *   406 for an `Accept` nothing matches); on the GraphQL path they get a GraphQL JSON body
 *   (`BAD_USER_INPUT`), keeping their status and headers.
 */
import { GraphQLError } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from '../errors.js';

const MESSAGES: Record<number, string> = {
  405: 'This method is not supported here: use GET or POST.',
  406: 'None of the accepted media types can be produced: accept application/graphql-response+json or application/json.',
  415: 'Unsupported content type: send application/json (or application/graphql, multipart/form-data, application/x-www-form-urlencoded).',
};

function isJson(contentType: string | null): boolean {
  return contentType !== null && /json/i.test(contentType);
}

function unreadable(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  return badUserInput(
    'The request could not be read: check the JSON in query, variables and extensions, and the body format.',
    { http: { status: 400 } },
  );
}

/** The plugin for the GraphQL endpoint at `path`. */
export function requestErrors(path: string): Plugin {
  return {
    onParams({ params }) {
      const { operationName } = params as { operationName?: unknown }; // straight from the request
      if (operationName != null && typeof operationName !== 'string') {
        throw badUserInput('operationName must be a string.', { http: { status: 400 } });
      }
    },
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      const parse = requestParser;
      setRequestParser(async (request) => {
        try {
          return await parse(request);
        } catch (error) {
          throw unreadable(error);
        }
      });
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status < 400 || response.status >= 500) return;
      if (isJson(response.headers.get('content-type'))) return;
      if (new URL(request.url).pathname !== path) return;
      const message = MESSAGES[response.status] ?? 'The request could not be processed.';
      const body = JSON.stringify({
        errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }],
      });
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      headers.delete('content-encoding');
      setResponse(
        new fetchAPI.Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers,
        }),
      );
    },
  };
}
