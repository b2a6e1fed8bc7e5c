/**
 * The tooling operations (RBAC, moderation, metrics) through a logging gateway: neither the
 * CometChat API key nor the management secret appears in any answer or log line, on success or
 * on an upstream refusal (the gateway's close checks every captured body and line).
 */
import { describe, expect, it } from 'vitest';
import { demoGuid as g } from '../../src/emulator/seed-demo.js';
import { ADMIN_TOKEN, startTestGateway } from '../support/gateway.js';

describe('tooling operations and secrets', () => {
  it('never show the API key or the management secret', async () => {
    const t = await startTestGateway();
    try {
      const run = async (query: string) => {
        const response = await t.inProcess('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
          body: JSON.stringify({ query }),
        });
        return (await response.json()) as { data?: unknown; errors?: unknown[] };
      };
      const ok = await run(`{
        role(role: "default") { permissions { key } restrictedFeatures { totalCount } }
        group(guid: "${g(1)}") { scopePermissions(scope: ADMIN) { key } }
        moderationQueue { totalCount } moderationRules { totalCount } moderationReasons { totalCount }
        appStats(from: "2025-01-01T00:00:00Z", to: "2025-01-02T00:00:00Z") { activeUsers }
      }`);
      expect(ok.errors).toBeUndefined();
      const refused = await run(
        'mutation { rolePermissionsUpdate(input: { role: "nobody", permissions: [{ key: "createGroup", value: "deny" }] }) { __typename } }',
      );
      expect(refused.data).toEqual({ rolePermissionsUpdate: { __typename: 'NotFoundError' } });
      t.assertNoSecretLeaked();
      expect(t.logs.length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
