/**
 * The tooling operations (RBAC, moderation, metrics) through a logging gateway: neither the
 * CometChat API key nor the management secret appears in any answer or log line, on success or
 * on an upstream refusal (the gateway's close checks every captured body and line).
 */
import { describe, expect, it } from 'vitest';
import { demoGuid as g } from '../../src/emulator/seed-demo.js';
import { withSecretsKept } from '../support/tooling.js';

describe('tooling operations and secrets', () => {
  it('never show the API key or the management secret', async () => {
    // Those two are every logging gateway's secrets: nothing more to add.
    await withSecretsKept([], async (t) => {
      const ok = await t.query(`{
        role(role: "default") { permissions { key } restrictedFeatures { totalCount } }
        group(guid: "${g(1)}") { scopePermissions(scope: ADMIN) { key } }
        moderationQueue { totalCount } moderationRules { totalCount } moderationReasons { totalCount }
        appStats(from: "2025-01-01T00:00:00Z", to: "2025-01-02T00:00:00Z") { activeUsers }
      }`);
      expect(ok.errors).toBeUndefined();
      const refused = await t.query(
        'mutation { rolePermissionsUpdate(input: { role: "nobody", permissions: [{ key: "createGroup", value: "deny" }] }) { __typename } }',
      );
      expect(refused.data).toEqual({ rolePermissionsUpdate: { __typename: 'NotFoundError' } });
    });
  });
});
