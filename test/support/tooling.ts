/**
 * What the admin tooling suites (test/tooling) share: the expectations they make of every admin
 * operation (bad input refused before any call, CometChat's refusals typed, end users refused
 * without a call), a node read, CometChat's 400 with field details as an emulator fault, and a
 * logging gateway whose answers and log lines must never show the given secrets.
 */
import { expect } from 'vitest';
import { demoUid } from '../../src/emulator/seed-demo.js';
import type { Emulator } from '../../src/emulator/server.js';
import {
  type InProcessGateway,
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from './gateway.js';
import type { GraphQLResponse } from './graphql-http.js';
import { type MutationOutcome, mutateOn, type UserErrorShape } from './harness.js';

/** A mutation document, its `input`, and the path of the ValidationError it must answer. */
export type CheckedCase = readonly [
  document: string,
  input: Record<string, unknown>,
  path: readonly string[],
];

/** Each case answers a ValidationError at its path, as data, without an upstream call. */
export async function expectCheckedFirst(
  gateway: InProcessGateway,
  cases: readonly CheckedCase[],
): Promise<void> {
  for (const [document, input, path] of cases) {
    const label = JSON.stringify(input);
    const outcome = await mutateOn<UserErrorShape>(gateway, document, { input });
    expect(outcome.calls, label).toBe(0);
    expect(outcome.result.__typename, label).toBe('ValidationError');
    expect(outcome.result.path, label).toEqual(path);
  }
}

/**
 * Runs a one-field mutation as the admin and expects its result to match `expected` (a typed
 * error, as data), after exactly `calls` upstream calls when given. Returns the outcome for more.
 */
export async function expectUserError(
  gateway: InProcessGateway,
  document: string,
  input: Record<string, unknown>,
  expected: Partial<UserErrorShape>,
  calls?: number,
): Promise<MutationOutcome<UserErrorShape>> {
  const label = JSON.stringify(input);
  const outcome = await mutateOn<UserErrorShape>(gateway, document, { input });
  if (calls !== undefined) expect(outcome.calls, label).toBe(calls);
  expect(outcome.result, label).toMatchObject(expected);
  return outcome;
}

/** A mutation document and its `input`. */
export type Write = readonly [document: string, input: Record<string, unknown>];

/**
 * The end user `uid` (default: the first demo user) gets FORBIDDEN for every read and every write,
 * and the emulator receives no request meanwhile.
 */
export function expectEndUserRefused(
  gateway: InProcessGateway,
  refused: Refused,
  uid: string = demoUid(1),
): Promise<void> {
  return expectForbiddenWithoutCall(gateway, refused, (text, variables) =>
    gateway.asUser(uid, text, variables),
  );
}

/**
 * The admin gets FORBIDDEN for every read and every write (e.g. from a gateway without management
 * credentials), and the emulator receives no request meanwhile.
 */
export function expectAdminRefused(gateway: InProcessGateway, refused: Refused): Promise<void> {
  return expectForbiddenWithoutCall(gateway, refused, (text, variables) =>
    gateway.query(text, variables),
  );
}

/** Operations to refuse: queries without variables, and mutations with their `input`. */
export interface Refused {
  reads?: readonly string[];
  writes?: readonly Write[];
}

async function expectForbiddenWithoutCall(
  gateway: InProcessGateway,
  refused: Refused,
  run: (text: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>,
): Promise<void> {
  gateway.emulator.clearRequests();
  for (const query of refused.reads ?? []) {
    const response = await run(query);
    expect(response.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
  }
  for (const [document, input] of refused.writes ?? []) {
    const response = await run(document, { input });
    expect(response.errors?.[0]?.extensions?.code, document).toBe('FORBIDDEN');
  }
  expect(gateway.emulator.requests()).toEqual([]);
}

/** The object with global `id`, as `type` and with `fields` selected (null when there is none). */
export async function nodeOf(
  gateway: InProcessGateway,
  type: string,
  fields: string,
  id: unknown,
): Promise<unknown> {
  const response = await gateway.query<{ node: unknown }>(
    `query ($id: ID!) { node(id: $id) { ... on ${type} { ${fields} } } }`,
    { id },
  );
  return response.data?.node;
}

/**
 * Makes the emulator answer the next `method path` with CometChat's 400 (`ERR_BAD_REQUEST`,
 * `message`), naming the wire fields it refused in `details` when given.
 */
export function refuseNextWithBadRequest(
  emulator: Emulator,
  method: string,
  path: string,
  details?: Record<string, string[]>,
  message = 'Invalid.',
): void {
  emulator.injectFault({
    method,
    path,
    status: 400,
    body: { error: { code: 'ERR_BAD_REQUEST', message, ...(details ? { details } : {}) } },
  });
}

/** The gateway logged something, and no secret of its shows in any answer or log line. */
export function expectSecretsKept(t: TestGateway): void {
  expect(t.logs.length).toBeGreaterThan(0);
  t.assertNoSecretLeaked();
}

/**
 * Starts a logging gateway (`startTestGateway`) that must also never show `secrets`, runs `fn`
 * against it, then expects `expectSecretsKept`; closes it whatever happens (which checks again).
 */
export async function withSecretsKept(
  secrets: readonly string[],
  fn: (t: TestGateway) => Promise<void>,
  options?: TestGatewayOptions,
): Promise<void> {
  const t = await startTestGateway(options);
  t.secrets.push(...secrets);
  try {
    await fn(t);
    expectSecretsKept(t);
  } finally {
    await t.close();
  }
}
