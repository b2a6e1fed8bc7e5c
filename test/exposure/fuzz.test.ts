/**
 * Fuzzing the GraphQL endpoint with fast-check: 10,000 hostile requests in all, anonymous and as
 * the admin, sent in process (`yoga.fetch`) to stay fast. Hostile means random and unicode text,
 * deep nesting, alias floods, unknown fields, wrongly typed and non-object variables, broken JSON,
 * wrong content types and methods, and GET with odd parameters.
 *
 * Every answer must be a 2xx/4xx GraphQL JSON body whose errors each carry a code from the closed
 * list (or data), never INTERNAL; and nothing may crash, reject unhandled, or log an error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

const RUNS_PER_PROPERTY = 2500; // four properties: 10,000 requests

/**
 * A fixed seed by default, so a CI run is reproducible; `FUZZ_SEED=<n>` explores another part of
 * the space (`FUZZ_SEED=random` a fresh one each run). fast-check prints the seed of a failure.
 */
const FUZZ_SEED_SETTING = process.env.FUZZ_SEED;
const FUZZ_SEED =
  FUZZ_SEED_SETTING === 'random'
    ? undefined
    : Number.isSafeInteger(Number(FUZZ_SEED_SETTING)) && FUZZ_SEED_SETTING
      ? Number(FUZZ_SEED_SETTING)
      : 20_261_204;
const PROPERTY_TIMEOUT_MS = 240_000;

interface HostileRequest {
  method: string;
  /** The query string after `/graphql`, including `?` when present. */
  search: string;
  headers: Record<string, string>;
  body: string | null;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let t: TestGateway;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await startTestGateway();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t.close();
});

// ---- building blocks ----

const token = fc.constantFrom<string | null>(null, ADMIN_TOKEN, ADMIN_TOKEN, 'not-a-token');

const junk = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'{}[]()$:!@.=|&"#,\n\\ aZ0_-'.split('')), maxLength: 80 }),
);

const fieldName = fc.oneof(
  fc.constantFrom(
    'users',
    'user',
    'groups',
    'group',
    'viewer',
    'node',
    'nodes',
    'conversations',
    'roles',
    'uid',
    'name',
    'id',
    'nodes',
    'edges',
    'totalCount',
    '__typename',
    '__schema',
    '__type',
  ),
  fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,6}$/),
);

const literal = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.string({ maxLength: 12 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('true', 'false', 'null', 'PUBLIC', '$v', '[]', '{}', '"""x"""'),
);

const argumentsText = fc
  .array(fc.tuple(fc.constantFrom('first', 'uid', 'id', 'ids', 'after', 'x'), literal), {
    maxLength: 3,
  })
  .map((args) => (args.length ? `(${args.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''));

const { selection } = fc.letrec<{ selection: string }>((tie) => ({
  selection: fc
    .array(
      fc.tuple(
        fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), { nil: undefined }),
        fieldName,
        argumentsText,
        fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(''), tie('selection')),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map(
      (fields) =>
        `{ ${fields.map(([alias, name, args, sub]) => `${alias ? `${alias}: ` : ''}${name}${args} ${sub}`).join(' ')} }`,
    ),
}));

const deepDocument = fc
  .record({
    depth: fc.integer({ min: 1, max: 3000 }),
    open: fc.constantFrom('a{', '{', '[', '(', '{a:', 'a(x:['),
    closed: fc.boolean(),
  })
  .map(({ depth, open, closed }) => {
    const body = open.repeat(depth);
    const closing = open
      .replace(/[^{[(]/g, '')
      .replace(/\{/g, '}')
      .replace(/\[/g, ']')
      .replace(/\(/g, ')');
    return `{${body}${closed ? closing.repeat(depth) : ''}}`;
  });

const aliasFlood = fc
  .record({
    count: fc.integer({ min: 1, max: 400 }),
    field: fc.constantFrom('__typename', 'viewer { kind }', 'user(uid: "cometchat-uid-1") { uid }'),
  })
  .map(
    ({ count, field }) =>
      `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`,
  );

const document = fc.oneof(
  junk,
  selection,
  selection.map((s) => `query Q($v: Int) ${s}`),
  selection.map((s) => `mutation ${s}`),
  selection.map((s) => `subscription ${s}`),
  deepDocument,
  aliasFlood,
  fc.constantFrom(
    '',
    ' ',
    '#',
    'query',
    '{',
    '}',
    '{ __typename }',
    '{ __schema { types { name } } }',
  ),
);

// Valid documents, so that hostile variables reach coercion and execution.
const VALID = [
  'query ($first: Int, $after: String, $search: String) { users(first: $first, after: $after, search: $search) { totalCount nodes { uid name } pageInfo { hasNextPage endCursor } } }',
  'query ($uid: String!) { user(uid: $uid) { uid name metadata } }',
  'query ($id: ID!) { node(id: $id) { id __typename } }',
  'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
  'query ($first: Int) { groups(first: $first) { nodes { guid name } } }',
  'mutation ($input: UserCreateInput!) { userCreate(input: $input) { __typename ... on UserError { message code } } }',
  'mutation ($input: GroupCreateInput!) { groupCreate(input: $input) { __typename ... on UserError { message } } }',
  'mutation ($input: MessageSendInput!) { messageSend(input: $input) { __typename ... on UserError { message } } }',
];

const anyJson = fc.jsonValue({ maxDepth: 3 });
const deepJson = fc
  .integer({ min: 1, max: 2000 })
  .map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown);

const input = fc.oneof(
  anyJson,
  deepJson,
  fc.record(
    {
      uid: fc.oneof(fc.string({ maxLength: 120 }), anyJson),
      guid: fc.oneof(fc.string({ maxLength: 120 }), anyJson),
      name: fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), anyJson),
      text: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), anyJson),
      receiverUids: fc.oneof(fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), anyJson),
      metadata: fc.oneof(anyJson, deepJson),
      tags: anyJson,
      type: fc.oneof(fc.constantFrom('PUBLIC', 'PRIVATE', 'nope'), anyJson),
    },
    { requiredKeys: [] },
  ),
);

const variables = fc.oneof(
  anyJson,
  deepJson,
  fc.record(
    {
      first: fc.oneof(fc.integer(), anyJson),
      after: anyJson,
      search: fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), anyJson),
      uid: fc.oneof(fc.string({ maxLength: 300 }), anyJson),
      id: fc.oneof(fc.base64String({ maxLength: 40 }), anyJson),
      ids: fc.oneof(fc.array(fc.base64String({ maxLength: 40 }), { maxLength: 5 }), anyJson),
      input,
    },
    { requiredKeys: [] },
  ),
);

function jsonPost(auth: string | null, body: unknown, accept?: string): HostileRequest {
  return {
    method: 'POST',
    search: '',
    headers: {
      'content-type': 'application/json',
      ...(accept ? { accept } : {}),
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
    },
    body: JSON.stringify(body),
  };
}

const accept = fc.constantFrom(
  undefined,
  'application/json',
  'application/graphql-response+json',
  '*/*',
  'application/xml',
  'application/json;q=0',
);

// ---- the four families of requests ----

const documentRequests = fc
  .record({ auth: token, query: document, accept })
  .map(({ auth, query, accept: a }) => jsonPost(auth, { query }, a));

const variableRequests = fc
  .record({
    auth: token,
    query: fc.oneof(fc.constantFrom(...VALID), document),
    variables,
    operationName: fc.option(fc.oneof(fc.string({ maxLength: 10 }), anyJson), { nil: undefined }),
    extensions: fc.option(fc.oneof(anyJson, deepJson), { nil: undefined }),
    accept,
  })
  .map(({ auth, accept: a, ...body }) => jsonPost(auth, body, a));

const rawRequests = fc
  .record({
    auth: token,
    method: fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE'),
    contentType: fc.option(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-16',
        'application/graphql',
        'application/graphql+json',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'text/plain',
        'text/html',
        'application/octet-stream',
        'json',
        ';;;',
      ),
      { nil: undefined },
    ),
    body: fc.oneof(
      junk,
      anyJson.map((value) => JSON.stringify(value)),
      fc
        .array(fc.record({ query: document }), { maxLength: 3 })
        .map((batch) => JSON.stringify(batch)),
      document,
      fc.constantFrom(
        '{',
        '{"query":',
        '{"query": 1}',
        '{"query": null}',
        'null',
        '[]',
        '""',
        '{"query":"{ __typename }",}',
      ),
    ),
  })
  .map(
    ({ auth, method, contentType, body }): HostileRequest => ({
      method,
      search: '',
      headers: {
        ...(contentType ? { 'content-type': contentType } : {}),
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      },
      body,
    }),
  );

const paramValue = fc.oneof(
  junk,
  document,
  anyJson.map((value) => JSON.stringify(value)),
);
const getRequests = fc
  .record({
    auth: token,
    params: fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            'query',
            'query',
            'variables',
            'operationName',
            'extensions',
            'documentId',
          ),
          fc.string({ maxLength: 8 }),
        ),
        paramValue,
      ),
      { maxLength: 4 },
    ),
    accept,
  })
  .map(({ auth, params, accept: a }): HostileRequest => {
    const search = new URLSearchParams(params).toString();
    return {
      method: 'GET',
      search: search ? `?${search}` : '',
      headers: {
        ...(a ? { accept: a } : {}),
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      },
      body: null,
    };
  });

// ---- checking answers ----

const CODES = new Set<string>(ERROR_CODES);

async function send(request: HostileRequest): Promise<Response> {
  return t.inProcess(`/graphql${request.search}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== null ? { body: request.body } : {}),
  });
}

/** Throws with the request when the answer breaks a rule (fast-check then shrinks the request). */
async function check(request: HostileRequest): Promise<void> {
  const response = await send(request);
  const text = await response.text();
  const where = `${request.method} /graphql${request.search.slice(0, 200)} ${JSON.stringify(request.headers)} ${String(request.body).slice(0, 300)}\n→ ${response.status} ${text.slice(0, 500)}`;
  if (response.status >= 500) throw new Error(`5xx: ${where}`);
  if (!/json/.test(response.headers.get('content-type') ?? '')) {
    throw new Error(`not a JSON answer: ${where}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`unparsable JSON: ${where}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`not a GraphQL response object: ${where}`);
  }
  const { errors, data } = body as { errors?: unknown; data?: unknown };
  if (errors === undefined) {
    if (data === undefined) throw new Error(`neither data nor errors: ${where}`);
    return;
  }
  if (!Array.isArray(errors) || errors.length === 0) throw new Error(`malformed errors: ${where}`);
  for (const error of errors as { message?: unknown; extensions?: { code?: unknown } }[]) {
    const code = error.extensions?.code;
    if (typeof error.message !== 'string') throw new Error(`error without a message: ${where}`);
    if (typeof code !== 'string' || !CODES.has(code))
      throw new Error(`undocumented code: ${where}`);
    if (code === 'INTERNAL') throw new Error(`INTERNAL: ${where}`);
    if (/\bat .+:\d+:\d+/.test(error.message)) throw new Error(`stack in message: ${where}`);
  }
}

async function fuzz(requests: fc.Arbitrary<HostileRequest>): Promise<void> {
  await fc.assert(fc.asyncProperty(requests, check), {
    numRuns: RUNS_PER_PROPERTY,
    ...(FUZZ_SEED === undefined ? {} : { seed: FUZZ_SEED }),
  });
}

describe('fuzzing /graphql (10,000 hostile requests)', () => {
  it('answers hostile documents', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(documentRequests));

  it(
    'answers hostile variables, operation names and extensions',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => fuzz(variableRequests),
  );

  it(
    'answers broken bodies, wrong content types and methods',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => fuzz(rawRequests),
  );

  it('answers GET with odd parameters', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(getRequests));

  it.each<[string, HostileRequest]>([
    [
      'an object as operationName (it broke the metrics labels)',
      jsonPost(ADMIN_TOKEN, {
        query: 'query Q { __typename }',
        operationName: { toString: [] },
      }),
    ],
    [
      'an empty object as operationName',
      jsonPost(ADMIN_TOKEN, { query: '{ __typename }', operationName: {} }),
    ],
    [
      'malformed JSON in GET extensions',
      {
        method: 'GET',
        search: `?query=${encodeURIComponent('{ __typename }')}&extensions=%7Ba%7B%7D`,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        body: null,
      },
    ],
    [
      'a text/plain body',
      {
        method: 'POST',
        search: '',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: '{ __typename }',
      },
    ],
  ])('answers %s with a documented code (found by fuzzing)', async (_, request) => {
    await check(request);
  });

  it('crashed nothing, left no unhandled rejection, logged no error, and still answers', async () => {
    expect(unhandled).toEqual([]);
    const errorLines = t.logs.filter((line) => /"level":(50|60)/.test(line));
    expect(errorLines.map((line) => line.slice(0, 500))).toEqual([]);
    const { data, errors } = await t.query('{ users(first: 1) { nodes { uid } } }');
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({ users: { nodes: [{ uid: expect.any(String) }] } });
  });
});
