/**
 * GraphiQL served from the installed package, never from a CDN, so it works air-gapped. The page
 * inlines all its assets (~9 MB), so it is rendered once, gzip-compressed once, and served with
 * an ETag and a cache lifetime.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

const gzipAsync = promisify(gzip);

export const EXAMPLE_QUERY = `# The gateway over CometChat. Press the run button (or Ctrl-Enter) to run this query.
# The Authorization header it needs is in the Headers tab below.
{
  users(first: 5) {
    totalCount
    edges {
      cursor
      node {
        id
        uid
        name
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

export interface GraphiQLSetup {
  /** A bearer token to pre-fill in the headers editor (only the public development token). */
  prefillToken: string | null;
  /** Emulator mode: a development end-user JWT, and the uid it names, to show how to switch. */
  developmentUser?: { uid: string; jwt: string } | null;
}

/** The example query, with how to switch to the development end user when there is one. */
export function exampleQuery(developmentUser: GraphiQLSetup['developmentUser']): string {
  if (!developmentUser) return EXAMPLE_QUERY;
  return `# To query as the end user ${developmentUser.uid} (their own conversations, their rules),
# replace the Authorization header in the Headers tab with:
#   "Authorization": "Bearer ${developmentUser.jwt}"
# or keep the admin token and add the header "X-Act-As": "${developmentUser.uid}".
${EXAMPLE_QUERY}`;
}

/** The options yoga passes to the renderer. */
export function graphiqlOptions(setup: GraphiQLSetup): GraphiQLOptions {
  return {
    title: 'CometChat GraphQL Gateway',
    defaultQuery: exampleQuery(setup.developmentUser),
    headers:
      setup.prefillToken === null
        ? JSON.stringify({ Authorization: 'Bearer <token>' }, null, 2)
        : JSON.stringify({ Authorization: `Bearer ${setup.prefillToken}` }, null, 2),
    defaultEditorToolsVisibility: 'headers',
    subscriptionsProtocol: 'WS',
    shouldPersistHeaders: false,
  };
}

interface RenderedPage {
  html: string;
  gzipped: Promise<Uint8Array<ArrayBuffer>>;
  etag: string;
}

/**
 * Yoga's `graphiql` options and renderer for one gateway, plus a plugin that serves the rendered
 * page compressed and cacheable. The package is imported on first use, so a gateway without
 * GraphiQL never loads it.
 */
export function createGraphiQL(
  options: GraphiQLOptions,
  endpoint: string,
): {
  options: GraphiQLOptions;
  render: () => Promise<string>;
  plugin: Plugin;
  /** Renders and compresses the page ahead of the first request. */
  warm: () => Promise<void>;
} {
  let cached: Promise<RenderedPage> | undefined;

  function page(): Promise<RenderedPage> {
    cached ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => {
      const html = renderGraphiQL(options);
      const gzipped = gzipAsync(html, { level: 6 }).then((buffer) => new Uint8Array(buffer));
      // Callers await it; this only keeps a failure from also being an unhandled rejection.
      gzipped.catch(() => undefined);
      const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
      return { html, gzipped, etag };
    });
    return cached;
  }

  return {
    options,
    render: async () => (await page()).html,
    warm: async () => {
      await (await page()).gzipped;
    },
    plugin: {
      async onResponse({ request, response, setResponse, fetchAPI }) {
        if (request.method !== 'GET' || response.status !== 200) return;
        if (!response.headers.get('content-type')?.startsWith('text/html')) return;
        const path = new URL(request.url).pathname;
        if (path !== endpoint && path !== `${endpoint}/`) return;
        const rendered = await page();
        const headers = new fetchAPI.Headers({
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'private, max-age=600',
          etag: rendered.etag,
          vary: 'Accept-Encoding',
        });
        if (request.headers.get('if-none-match') === rendered.etag) {
          setResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
          const body = await rendered.gzipped;
          headers.set('content-encoding', 'gzip');
          headers.set('content-length', String(body.byteLength));
          setResponse(new fetchAPI.Response(body, { headers }));
          return;
        }
        setResponse(new fetchAPI.Response(rendered.html, { headers }));
      },
    },
  };
}
