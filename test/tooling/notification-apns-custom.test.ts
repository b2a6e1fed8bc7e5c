/**
 * APNs providers, the custom (webhook) SMS and e-mail providers and the notification settings
 * reset through GraphQL against the emulator: set up, read back (the `.p8` key and passwords only
 * as set), checked before any call, CometChat's refusals typed, end users refused, and no key or
 * password in any answer or log line.
 */
import { describe, expect, it } from 'vitest';
import { notificationAdminStateOf } from '../../src/emulator/notification-admin.js';
import {
  ERROR_AND_VIOLATION_FIELDS as ERRORS,
  mutationDocument,
  useHarness,
} from '../support/harness.js';
import {
  expectCheckedFirst,
  expectEndUserRefused,
  expectUserError,
  refuseNextWithBadRequest,
  withSecretsKept,
} from '../support/tooling.js';

const h = useHarness();
const COMMON =
  'isConfigured isEnabled webhookUrl isBasicAuthUsed basicAuthUsername hasBasicAuthPassword';
const CHANNELS = [
  {
    channel: 'sms',
    field: 'customSmsProvider',
    flag: 'isStoredPhoneNumberRequired',
    wire: 'useStoredPhNo',
  },
  {
    channel: 'email',
    field: 'customEmailProvider',
    flag: 'isStoredEmailRequired',
    wire: 'useStoredEmailID',
  },
] as const;

function updateDocument(field: string, flag: string) {
  return mutationDocument(`${field}Update`, `${field} { ${COMMON} ${flag} }`, ERRORS);
}

const SETTINGS = mutationDocument(
  'notificationSettingsUpdate',
  'notificationSettings { isMentionBypassingPreferences events { scope event value } }',
  ERRORS,
);

const P8 = (secret: string) => `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----`;
const APNS_FIELDS =
  'providerId keyId teamId bundleId p8KeyFilename hasP8Key isContentAvailableIncluded isMutableContentIncluded isProductionMode isDefault';
const APNS_ADD = mutationDocument('apnsProviderAdd', `apnsProvider { ${APNS_FIELDS} }`, ERRORS);
const APNS_UPDATE = mutationDocument(
  'apnsProviderUpdate',
  `apnsProvider { ${APNS_FIELDS} }`,
  ERRORS,
);
const APNS_DELETE = mutationDocument('apnsProviderDelete', 'providerId', ERRORS);
const apnsInput = (providerId: string, secret = 'p8-key-material-0001') => ({
  providerId,
  keyId: 'ABC123DEFG',
  teamId: 'TEAM123456',
  bundleId: 'com.example.chat',
  p8Key: P8(secret),
  p8KeyFilename: 'AuthKey_ABC123DEFG.p8',
  isProductionMode: false,
});

describe('APNs providers', () => {
  it('adds, lists, changes and deletes a provider; the key shows only as set', async () => {
    const added = await h.mutate(APNS_ADD, { input: apnsInput('ios-main') });
    expect(added.writes).toBe(1);
    expect(added.result).toEqual({
      __typename: 'ApnsProviderAddPayload',
      apnsProvider: {
        providerId: 'ios-main',
        keyId: 'ABC123DEFG',
        teamId: 'TEAM123456',
        bundleId: 'com.example.chat',
        p8KeyFilename: 'AuthKey_ABC123DEFG.p8',
        hasP8Key: true,
        isContentAvailableIncluded: null,
        isMutableContentIncluded: null,
        isProductionMode: false,
        isDefault: true,
      },
    });
    expect(notificationAdminStateOf(h.emulator.store).apns.get('ios-main')).toMatchObject({
      p8Key: P8('p8-key-material-0001'),
      keyId: 'ABC123DEFG',
    });
    const changed = await h.mutate(APNS_UPDATE, {
      input: { providerId: 'ios-main', isProductionMode: true, isMutableContentIncluded: true },
    });
    expect(changed.writes).toBe(1);
    expect(changed.result).toMatchObject({
      apnsProvider: { isProductionMode: true, isMutableContentIncluded: true, hasP8Key: true },
    });
    const listed = await h.query<{ notificationProviders: { apnsProviders: unknown[] } }>(
      '{ notificationProviders { apnsProviders { providerId keyId } } }',
    );
    expect(listed.data?.notificationProviders.apnsProviders).toEqual([
      { providerId: 'ios-main', keyId: 'ABC123DEFG' },
    ]);
    const deleted = await h.mutate(APNS_DELETE, { input: { providerId: 'ios-main' } });
    expect(deleted.result).toEqual({
      __typename: 'ApnsProviderDeletePayload',
      providerId: 'ios-main',
    });
    expect(notificationAdminStateOf(h.emulator.store).apns.has('ios-main')).toBe(false);
  });

  it('checks the input before any call and maps CometChat refusals', async () => {
    await expectCheckedFirst(h, [
      [APNS_ADD, { ...apnsInput('x'), p8Key: 'not a key' }, ['input', 'p8Key']],
      [APNS_ADD, { ...apnsInput('x'), providerId: 'has space' }, ['input', 'providerId']],
      [APNS_ADD, { ...apnsInput('x'), keyId: ' ' }, ['input', 'keyId']],
      [APNS_UPDATE, { providerId: 'x' }, ['input']],
      [APNS_DELETE, { providerId: '' }, ['input', 'providerId']],
    ]);
    await h.mutate(APNS_ADD, { input: apnsInput('ios-taken') });
    await expectUserError(
      h,
      APNS_ADD,
      apnsInput('ios-taken'),
      {
        __typename: 'ConflictError',
        path: ['input', 'providerId'],
        code: 'ERR_PROVIDER_ALREADY_EXISTS',
      },
      1,
    );
    for (const [document, input] of [
      [APNS_UPDATE, { providerId: 'nope', teamId: 'T' }],
      [APNS_DELETE, { providerId: 'nope' }],
    ] as const) {
      await expectUserError(
        h,
        document,
        input,
        {
          __typename: 'NotFoundError',
          path: ['input', 'providerId'],
          code: 'ERR_PROVIDER_NOT_FOUND',
        },
        1,
      );
    }
  });
});

describe.each(CHANNELS)('the custom $channel provider', ({ channel, field, flag, wire }) => {
  const UPDATE = updateDocument(field, flag);

  it('is set up with one write and reads back without its password', async () => {
    const before = await h.query<{ notificationProviders: Record<string, unknown> }>(
      `{ notificationProviders { ${field} { ${COMMON} ${flag} } } }`,
    );
    expect(before.errors).toBeUndefined();
    expect(before.data?.notificationProviders[field]).toMatchObject({
      isConfigured: false,
      hasBasicAuthPassword: false,
      [flag]: null,
    });
    const { result, writes } = await h.mutate(UPDATE, {
      input: {
        isEnabled: true,
        webhookUrl: `https://${channel}.example.com/hook`,
        isBasicAuthUsed: true,
        basicAuthUsername: 'cometchat',
        basicAuthPassword: `${channel}-hookpass-1`,
        [flag]: true,
      },
    });
    expect(writes).toBe(1);
    expect(result).toEqual({
      __typename: `${field.charAt(0).toUpperCase()}${field.slice(1)}UpdatePayload`,
      [field]: {
        isConfigured: true,
        isEnabled: true,
        webhookUrl: `https://${channel}.example.com/hook`,
        isBasicAuthUsed: true,
        basicAuthUsername: 'cometchat',
        hasBasicAuthPassword: true,
        [flag]: true,
      },
    });
    expect(notificationAdminStateOf(h.emulator.store).custom[channel]).toMatchObject({
      webhookURL: `https://${channel}.example.com/hook`,
      basicAuthPassword: `${channel}-hookpass-1`,
      [wire]: true,
    });
    const flagOnly = await h.mutate(UPDATE, { input: { [flag]: false } });
    expect(flagOnly.writes).toBe(1);
    expect(notificationAdminStateOf(h.emulator.store).custom[channel]).toMatchObject({
      [wire]: false,
      webhookURL: `https://${channel}.example.com/hook`,
    });
  });

  it('checks the input before any call and maps a refusal onto the input', async () => {
    await expectCheckedFirst(h, [
      [UPDATE, { webhookUrl: 'http://plain.example.com' }, ['input', 'webhookUrl']],
      [UPDATE, { basicAuthPassword: '' }, ['input', 'basicAuthPassword']],
      [UPDATE, {}, ['input']],
    ]);
    refuseNextWithBadRequest(h.emulator, 'PUT', `/notifications/${channel}/v1/providers/custom`, {
      [wire]: ['Invalid.'],
    });
    await expectUserError(
      h,
      UPDATE,
      { [flag]: true },
      { __typename: 'ValidationError', path: ['input', flag], code: 'ERR_BAD_REQUEST' },
      1,
    );
  });
});

describe('the notification settings reset', () => {
  it('puts changed settings back to the defaults with one write', async () => {
    const changed = await h.mutate(SETTINGS, {
      input: {
        isMentionBypassingPreferences: true,
        events: [{ scope: 'GROUP', event: 'memberJoined', value: 2 }],
      },
    });
    expect(changed.result).toMatchObject({
      notificationSettings: { isMentionBypassingPreferences: true },
    });
    h.emulator.clearRequests();
    const reset = await h.mutate<{
      notificationSettings: {
        isMentionBypassingPreferences: boolean;
        events: { scope: string; event: string; value: number }[];
      };
    }>(SETTINGS, { input: { isReset: true } });
    expect(reset.writes).toBe(1);
    expect(h.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /v3/notifications/v1/settings',
      'GET /v3/notifications/v1/settings',
    ]);
    expect(reset.result.notificationSettings.isMentionBypassingPreferences).toBe(false);
    expect(reset.result.notificationSettings.events).toContainEqual({
      scope: 'GROUP',
      event: 'memberJoined',
      value: 1,
    });
  });

  it('takes isReset alone, before any call, and maps an upstream refusal', async () => {
    for (const input of [
      { isReset: true, isMentionBypassingPreferences: true },
      { isReset: false },
    ]) {
      await expectUserError(h, SETTINGS, input, { __typename: 'ValidationError' }, 0);
    }
    refuseNextWithBadRequest(h.emulator, 'DELETE', '/notifications/v1/settings');
    await expectUserError(
      h,
      SETTINGS,
      { isReset: true },
      { __typename: 'ValidationError', code: 'ERR_BAD_REQUEST' },
      1,
    );
  });
});

it('refuses end users, reading and writing, without an upstream call', async () => {
  await expectEndUserRefused(h, {
    reads: [
      ...CHANNELS.map(({ field }) => `{ notificationProviders { ${field} { isConfigured } } }`),
      '{ notificationProviders { apnsProviders { providerId } } }',
    ],
    writes: [
      ...CHANNELS.map(
        ({ field, flag }) => [updateDocument(field, flag), { isEnabled: false }] as const,
      ),
      [SETTINGS, { isReset: true }],
      [APNS_ADD, apnsInput('ios-user')],
      [APNS_UPDATE, { providerId: 'ios-user', teamId: 'T' }],
      [APNS_DELETE, { providerId: 'ios-user' }],
    ],
  });
});

it('never shows or logs a .p8 key or a custom provider password, though CometChat echoes them', async () => {
  const secrets = ['sms-hookpass-secret-7', 'email-hookpass-secret-8', 'p8-secret-material-9'];
  await withSecretsKept(secrets, async (t) => {
    const added = await t.query(APNS_ADD, { input: apnsInput('ios-secret', secrets[2]) });
    expect(added.errors).toBeUndefined();
    await t.query(APNS_ADD, { input: apnsInput('ios-secret', secrets[2]) }); // a ConflictError
    await t.query(APNS_UPDATE, { input: { providerId: 'nope', p8Key: P8(secrets[2] ?? '') } });
    await t.query(APNS_ADD, { input: { ...apnsInput('bad id', secrets[2]) } }); // checked
    expect(
      (await t.query(`{ notificationProviders { apnsProviders { ${APNS_FIELDS} } } }`)).errors,
    ).toBeUndefined();
    for (const [index, { field, flag }] of CHANNELS.entries()) {
      const input = {
        webhookUrl: 'https://hooks.example.com/x',
        basicAuthPassword: secrets[index],
        [flag]: true,
      };
      const ok = await t.query(updateDocument(field, flag), { input });
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.[`${field}Update`]).toMatchObject({
        [field]: { hasBasicAuthPassword: true },
      });
      const bad = await t.query(updateDocument(field, flag), {
        input: { ...input, webhookUrl: 'http://x' },
      });
      expect(bad.data?.[`${field}Update`]).toMatchObject({ __typename: 'ValidationError' });
    }
    const read = await t.query(
      `{ notificationProviders { ${CHANNELS.map((c) => `${c.field} { ${COMMON} ${c.flag} }`).join(' ')} } }`,
    );
    expect(read.errors).toBeUndefined();
    expect(notificationAdminStateOf(t.emulator.store).custom.sms.basicAuthPassword).toBe(
      secrets[0],
    );
  });
});
