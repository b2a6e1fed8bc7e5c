/**
 * Trusted documents: with GATEWAY_TRUSTED_DOCUMENTS naming the manifest that `npm run codegen`
 * writes (test/gql/persisted-documents.json, from the tests' own typed operations), a listed id
 * runs over POST, GET and graphql-ws, and any document text or unknown id is refused (HTTP 400).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { trustedDocumentsFrom } from '../../src/exposure/trusted-documents.js';
import { UsersPageQuery, ViewerQuery } from '../gateway/operations.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

const MANIFEST = fileURLToPath(new URL('../gql/persisted-documents.json', import.meta.url));

function idOf(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash; // codegen's persistedDocuments metadata
  if (typeof hash !== 'string') throw new Error('run npm run codegen: the document has no hash');
  return hash;
}

let t: TestGateway;
let open: TestGateway;
beforeAll(async () => {
  [t, open] = await Promise.all([
    startTestGateway({ env: { GATEWAY_TRUSTED_DOCUMENTS: MANIFEST } }),
    startTestGateway(),
  ]);
});
afterAll(async () => {
  await Promise.all([t.close(), open.close()]);
});

async function post(gateway: TestGateway, body: unknown) {
  const response = await gateway.inProcess('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('with a trusted-documents manifest', () => {
  it('runs a listed document by its documentId', async () => {
    const { status, body } = await post(t, {
      documentId: idOf(UsersPageQuery),
      variables: { first: 2 },
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.users.edges).toHaveLength(2);
  });

  it("accepts Apollo's persistedQuery extension and GET with a documentId parameter", async () => {
    const hex = idOf(ViewerQuery).replace(/^sha256:/, '');
    const apollo = await post(t, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hex } },
    });
    expect(apollo.body).toEqual({ data: { viewer: { kind: 'ADMIN', user: null } } });

    const response = await t.inProcess(
      `/graphql?documentId=${encodeURIComponent(idOf(ViewerQuery))}`,
      { headers: { accept: 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { kind: 'ADMIN', user: null } } });
  });

  it('refuses an arbitrary document, even one that is listed, sent as text', async () => {
    t.emulator.clearRequests();
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>; // codegen's manifest
    const listedText = manifest[idOf(ViewerQuery)] ?? '';
    expect(listedText).toMatch(/viewer/);
    for (const query of ['{ users(first: 1) { nodes { uid } } }', '{ __typename }', listedText]) {
      const { status, body } = await post(t, { query });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    }
    const refusedGet = await t.inProcess(`/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(refusedGet.status).toBe(400);
    expect((await refusedGet.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect(t.emulator.requests()).toHaveLength(0);
  });

  it('refuses an unknown id and a request with neither id nor document', async () => {
    const unknown = await post(t, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const empty = await post(t, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
  });

  it('admits only listed documents over graphql-ws too', async () => {
    const client = createClient({
      url: t.info.graphqlUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
      retryAttempts: 0,
      lazy: true,
    });
    const run = (payload: { query: string; documentId?: string }) =>
      new Promise<unknown>((resolve) => {
        let value: unknown;
        client.subscribe(payload, {
          next: (data) => (value = data),
          error: resolve,
          complete: () => resolve(value),
        });
      });
    try {
      expect(await run({ query: '', documentId: idOf(ViewerQuery) })).toEqual({
        data: { viewer: { kind: 'ADMIN', user: null } },
      });
      expect(await run({ query: '{ __typename }' })).toMatchObject([
        { extensions: { code: 'PERSISTED_QUERY_REQUIRED' } },
      ]);
      expect(await run({ query: '', documentId: 'sha256:unknown' })).toMatchObject([
        { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ]);
    } finally {
      await client.dispose();
    }
  });
});

describe('without a manifest', () => {
  it('accepts any document, as before', async () => {
    const { status, body } = await post(open, { query: '{ __typename }' });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the manifest', () => {
  it('must map ids to parsable documents whose sha256 matches a sha256 id', () => {
    const good = trustedDocumentsFrom({ custom: '{ __typename }' });
    expect(good.get('custom')).toBe('{ __typename }');
    expect(() => trustedDocumentsFrom([])).toThrow(/GATEWAY_TRUSTED_DOCUMENTS/);
    expect(() => trustedDocumentsFrom({})).toThrow(/without documents/);
    expect(() => trustedDocumentsFrom({ a: 1 })).toThrow(/strings/);
    expect(() => trustedDocumentsFrom({ a: '{ users(' })).toThrow(/does not parse/);
    expect(() => trustedDocumentsFrom({ [`sha256:${'0'.repeat(64)}`]: '{ a }' })).toThrow(
      /does not match/,
    );
  });
});
