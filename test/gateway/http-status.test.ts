/**
 * GraphQL over HTTP (application/graphql-response+json): a response that carries data is a 200,
 * whatever its field errors, so clients keep the data beside a FORBIDDEN field; a request refused
 * as a whole keeps its 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

async function post(
  query: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: unknown }[] } }> {
  const response = await t.inProcess('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

const PARTIAL = `{
  viewer { user { uid } }
  other: user(uid: "cometchat-uid-2") { friends(first: 1) { totalCount } }
}`;

describe('HTTP status of a partial result', () => {
  for (const accept of ['application/graphql-response+json', 'application/json']) {
    it(`is 200 with the data and a FORBIDDEN field error (${accept})`, async () => {
      const { status, body } = await post(PARTIAL, {
        accept,
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'x-act-as': 'cometchat-uid-1',
      });
      expect(status).toBe(200);
      expect(body.data).toEqual({
        viewer: { user: { uid: 'cometchat-uid-1' } },
        other: { friends: null },
      });
      expect(body.errors).toEqual([
        expect.objectContaining({ path: ['other', 'friends'], extensions: { code: 'FORBIDDEN' } }),
      ]);
    });
  }

  it('keeps 401 for a request refused as a whole (no data)', async () => {
    const { status, body } = await post(PARTIAL, {
      accept: 'application/graphql-response+json',
      authorization: 'Bearer not-a-token-at-all',
    });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
  });

  it('keeps 400 for a document that does not validate', async () => {
    const { status, body } = await post('{ noSuchField }', {
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('a body in an unsupported media type', () => {
  it('is 415 with a JSON body saying what to send', async () => {
    const response = await t.inProcess('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${ADMIN_TOKEN}`,
      },
      body: '{ __typename }',
    });
    expect(response.status).toBe(415);
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: unknown }[];
    };
    expect(body.errors?.[0]?.message).toMatch(/application\/json/);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
