/**
 * A request that runs many upstream calls at once listens to its abort signal once per call; that
 * is by design, so it must not make Node print "Possible EventTarget memory leak detected" (an
 * operator reading that warning would hunt a leak that is not there).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

beforeAll(async () => {
  t = await startTestGateway({ emulator: { latencyMs: 20 } });
  process.on('warning', onWarning);
});
afterAll(async () => {
  process.off('warning', onWarning);
  await t.close();
});

it('runs a request with dozens of concurrent upstream calls without a listener warning', async () => {
  const body = await t.query<{ users: { nodes: unknown[] } }>(
    `{ users(first: 40) { nodes { uid friends(first: 1) { totalCount } groups(first: 1) { totalCount } } } }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data?.users.nodes).toHaveLength(40);
  // Warnings are emitted on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning'))).toEqual(
    [],
  );
});
