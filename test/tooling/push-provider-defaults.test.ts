/**
 * The default FCM and APNs providers (`fcmProviderSetDefault`, `apnsProviderSetDefault`) through
 * GraphQL against the emulator: the chosen provider becomes the one listed as default, an unknown
 * id is a NotFoundError, a malformed one is refused before any call, and end users are refused.
 */
import { describe, expect, it } from 'vitest';
import {
  ERROR_AND_VIOLATION_FIELDS as ERRORS,
  mutationDocument,
  useHarness,
} from '../support/harness.js';
import {
  expectCheckedFirst,
  expectEndUserRefused,
  expectUserError,
  type Write,
} from '../support/tooling.js';

const h = useHarness();

const SERVICE_ACCOUNT = JSON.stringify({
  type: 'service_account',
  project_id: 'demo-project',
  private_key_id: 'pkid-0001',
  private_key: '-----BEGIN PRIVATE KEY-----\nkeymaterial0001\n-----END PRIVATE KEY-----',
  client_email: 'push@demo-project.iam.gserviceaccount.com',
});
const FCM_ADD = mutationDocument('fcmProviderAdd', 'fcmProvider { providerId }', ERRORS);
const APNS_ADD = mutationDocument('apnsProviderAdd', 'apnsProvider { providerId }', ERRORS);
const apnsInput = (providerId: string) => ({
  providerId,
  keyId: 'ABC123DEFG',
  teamId: 'TEAM123456',
  bundleId: 'com.example.chat',
  p8Key: '-----BEGIN PRIVATE KEY-----\nkeymaterial0002\n-----END PRIVATE KEY-----',
  p8KeyFilename: 'AuthKey_ABC123DEFG.p8',
});

const SERVICES = [
  {
    service: 'fcm',
    list: 'fcmProviders',
    add: (providerId: string): Write => [
      FCM_ADD,
      { providerId, serviceAccountJson: SERVICE_ACCOUNT },
    ],
  },
  {
    service: 'apns',
    list: 'apnsProviders',
    add: (providerId: string): Write => [APNS_ADD, apnsInput(providerId)],
  },
] as const;

async function defaults(list: string): Promise<Record<string, boolean>> {
  const response = await h.query<{
    notificationProviders: Record<string, { providerId: string; isDefault: boolean }[]>;
  }>(`{ notificationProviders { ${list} { providerId isDefault } } }`);
  expect(response.errors).toBeUndefined();
  return Object.fromEntries(
    (response.data?.notificationProviders[list] ?? []).map((p) => [p.providerId, p.isDefault]),
  );
}

describe.each(SERVICES)('$service providers: the default', ({ service, list, add }) => {
  const field = `${service}ProviderSetDefault`;
  const SET_DEFAULT = mutationDocument(
    field,
    `providerId ${service}Provider { providerId isDefault }`,
    ERRORS,
  );

  it('makes the chosen provider the default, in one write', async () => {
    for (const id of [`${service}-one`, `${service}-two`]) {
      const [document, input] = add(id);
      const added = await h.mutate<Record<string, unknown>>(document, { input });
      expect(added.result[`${service}Provider`]).toEqual({ providerId: id });
    }
    expect(await defaults(list)).toEqual({ [`${service}-one`]: true, [`${service}-two`]: false });

    const set = await h.mutate(SET_DEFAULT, { input: { providerId: `${service}-two` } });
    expect(set.writes).toBe(1);
    expect(set.result).toEqual({
      __typename: `${service === 'fcm' ? 'Fcm' : 'Apns'}ProviderSetDefaultPayload`,
      providerId: `${service}-two`,
      [`${service}Provider`]: { providerId: `${service}-two`, isDefault: true },
    });
    expect(await defaults(list)).toEqual({ [`${service}-one`]: false, [`${service}-two`]: true });
  });

  it('answers an unknown provider with a NotFoundError and refuses a malformed id before any call', async () => {
    await expectUserError(
      h,
      SET_DEFAULT,
      { providerId: 'no-such-provider' },
      { __typename: 'NotFoundError', path: ['input', 'providerId'] },
      1,
    );
    await expectCheckedFirst(h, [
      [SET_DEFAULT, { providerId: 'has spaces' }, ['input', 'providerId']],
    ]);
  });

  it('is refused to end users without a call', async () => {
    await expectEndUserRefused(h, { writes: [[SET_DEFAULT, { providerId: `${service}-one` }]] });
  });
});
