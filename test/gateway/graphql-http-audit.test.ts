/**
 * The GraphQL-over-HTTP audit (graphql-http's server audits) against the gateway over a real
 * socket, as an admin: every mandatory (MUST) audit passes, and so does every recommendation
 * (SHOULD/MAY) apart from the ones listed with a reason.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('graphql-http audit', () => {
  it('passes every audit', async () => {
    const audits = serverAudits({
      url: () => t.info.graphqlUrl,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
        return fetch(input, { ...init, headers });
      },
    });
    const failed: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(audits.length).toBeGreaterThan(20);
    expect(failed).toEqual([]);
  });
});
