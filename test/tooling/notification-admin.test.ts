/**
 * The admin side of notifications through GraphQL against the emulator: FCM, custom push, Twilio
 * and SendGrid providers (read, write; credentials write-only), the app's notification settings
 * and the delivery logs. Input checked before any call, CometChat's refusals typed, end users
 * refused, and no credential in any answer or log line.
 */
import { describe, expect, it } from 'vitest';
import { notificationAdminStateOf } from '../../src/emulator/notification-admin.js';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  ERROR_AND_VIOLATION_FIELDS as ERRORS,
  mutationDocument,
  type UserErrorShape,
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

const PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\\nfcmsecretkeymaterial0001\\n-----END PRIVATE KEY-----';
function serviceAccount(key = PRIVATE_KEY): string {
  return `{"type":"service_account","project_id":"demo-project","private_key_id":"pkid-secret-0001","private_key":"${key}","client_email":"push@demo-project.iam.gserviceaccount.com"}`;
}

const FCM_FIELDS =
  'providerId projectId clientEmail serviceAccountFilename hasServiceAccountKey isDefault payloadNotifications { platform isIncludedInChatPushes isIncludedInCallPushes }';
const FCM_ADD = mutationDocument('fcmProviderAdd', `fcmProvider { ${FCM_FIELDS} }`, ERRORS);
const FCM_UPDATE = mutationDocument('fcmProviderUpdate', `fcmProvider { ${FCM_FIELDS} }`, ERRORS);
const FCM_DELETE = mutationDocument('fcmProviderDelete', 'providerId', ERRORS);
const CUSTOM = mutationDocument(
  'customPushProviderUpdate',
  'customPushProvider { isConfigured isEnabled webhookUrl isBasicAuthUsed basicAuthUsername hasBasicAuthPassword }',
  ERRORS,
);
const TWILIO = mutationDocument(
  'twilioSmsProviderUpdate',
  'twilioSmsProvider { isConfigured accountSidHint hasAuthToken senderPhoneNumber isEnabled }',
  ERRORS,
);
const SENDGRID = mutationDocument(
  'sendGridEmailProviderUpdate',
  'sendGridEmailProvider { isConfigured hasApiKey templateId unsubscribeGroupId senderEmail senderName isEmailReplyAllowed senderEmailForReplies isEnabled }',
  ERRORS,
);
const SETTINGS = mutationDocument(
  'notificationSettingsUpdate',
  'notificationSettings { isMentionBypassingPreferences events { scope event value isUserOverridable } }',
  ERRORS,
);

describe('FCM providers', () => {
  it('adds, lists, changes and deletes a provider; the key never shows', async () => {
    const added = await h.mutate(FCM_ADD, {
      input: {
        providerId: 'android-main',
        serviceAccountJson: serviceAccount(),
        serviceAccountFilename: 'demo.json',
        payloadNotifications: [
          { platform: 'ANDROID', isIncludedInChatPushes: true, isIncludedInCallPushes: false },
        ],
      },
    });
    expect(added.writes).toBe(1);
    expect(added.result).toEqual({
      __typename: 'FcmProviderAddPayload',
      fcmProvider: {
        providerId: 'android-main',
        projectId: 'demo-project',
        clientEmail: 'push@demo-project.iam.gserviceaccount.com',
        serviceAccountFilename: 'demo.json',
        hasServiceAccountKey: true,
        isDefault: true,
        payloadNotifications: [
          { platform: 'ANDROID', isIncludedInChatPushes: true, isIncludedInCallPushes: false },
        ],
      },
    });
    // CometChat got the key (the emulator holds it); no answer shows it.
    const stored = notificationAdminStateOf(h.emulator.store).fcm.get('android-main');
    expect(JSON.stringify(stored)).toContain('fcmsecretkeymaterial0001');

    const updated = await h.mutate(FCM_UPDATE, {
      input: { providerId: 'android-main', serviceAccountFilename: 'renamed.json' },
    });
    expect(updated.result).toMatchObject({
      fcmProvider: { serviceAccountFilename: 'renamed.json', projectId: 'demo-project' },
    });

    const listed = await h.query<{
      notificationProviders: { fcmProviders: { providerId: string }[] };
    }>('{ notificationProviders { fcmProviders { providerId } } }');
    expect(listed.data?.notificationProviders.fcmProviders).toEqual([
      { providerId: 'android-main' },
    ]);

    const deleted = await h.mutate(FCM_DELETE, { input: { providerId: 'android-main' } });
    expect(deleted.result).toEqual({
      __typename: 'FcmProviderDeletePayload',
      providerId: 'android-main',
    });
    const after = await h.query<{ notificationProviders: { fcmProviders: unknown[] } }>(
      '{ notificationProviders { fcmProviders { providerId } } }',
    );
    expect(after.data?.notificationProviders.fcmProviders).toEqual([]);
  });

  it('checks the input before any call, without quoting the service account', async () => {
    const bad = await h.mutate<UserErrorShape>(FCM_ADD, {
      input: {
        providerId: 'a b',
        serviceAccountJson: '{"project_id":"p","private_key":"zzsecretzz"}',
      },
    });
    expect(bad.calls).toBe(0);
    expect(bad.result.violations?.map((v) => v.path.join('.'))).toEqual([
      'input.providerId',
      'input.serviceAccountJson',
    ]);
    expect(JSON.stringify(bad.result)).not.toContain('zzsecretzz');
    const notJson = await expectUserError(
      h,
      FCM_ADD,
      { providerId: 'p1', serviceAccountJson: 'not json zzsecretzz' },
      { __typename: 'ValidationError', path: ['input', 'serviceAccountJson'] },
      0,
    );
    expect(JSON.stringify(notJson.result)).not.toContain('zzsecretzz');
    await expectUserError(
      h,
      FCM_UPDATE,
      { providerId: 'p1' },
      { __typename: 'ValidationError' },
      0,
    );
    await expectCheckedFirst(h, [[FCM_DELETE, { providerId: '' }, ['input', 'providerId']]]);
  });

  it("passes on CometChat's refusals: a taken id, an unknown provider", async () => {
    const input = { providerId: 'ios-fcm', serviceAccountJson: serviceAccount() };
    await h.mutate(FCM_ADD, { input });
    await expectUserError(
      h,
      FCM_ADD,
      input,
      {
        __typename: 'ConflictError',
        path: ['input', 'providerId'],
        code: 'ERR_PROVIDER_ALREADY_EXISTS',
      },
      1,
    );
    await expectUserError(
      h,
      FCM_UPDATE,
      { providerId: 'nothing', serviceAccountFilename: 'x.json' },
      {
        __typename: 'NotFoundError',
        path: ['input', 'providerId'],
        code: 'ERR_PROVIDER_NOT_FOUND',
      },
    );
    await expectUserError(
      h,
      FCM_DELETE,
      { providerId: 'nothing' },
      { __typename: 'NotFoundError', code: 'ERR_PROVIDER_NOT_FOUND' },
    );
  });
});

describe('custom push, Twilio and SendGrid providers', () => {
  it('set up the custom push webhook; the password shows only as set', async () => {
    const { result, writes } = await h.mutate(CUSTOM, {
      input: {
        isEnabled: true,
        webhookUrl: 'https://push.example.com/hook',
        isBasicAuthUsed: true,
        basicAuthUsername: 'cometchat',
        basicAuthPassword: 'hookpass-secret-1',
      },
    });
    expect(writes).toBe(1);
    expect(result).toEqual({
      __typename: 'CustomPushProviderUpdatePayload',
      customPushProvider: {
        isConfigured: true,
        isEnabled: true,
        webhookUrl: 'https://push.example.com/hook',
        isBasicAuthUsed: true,
        basicAuthUsername: 'cometchat',
        hasBasicAuthPassword: true,
      },
    });
    await expectCheckedFirst(h, [
      [CUSTOM, { webhookUrl: 'http://plain.example.com' }, ['input', 'webhookUrl']],
    ]);
    await expectUserError(h, CUSTOM, {}, { __typename: 'ValidationError' }, 0);
  });

  it('set up Twilio; the SID shows as its last 4 characters, the token only as set', async () => {
    const before = await h.query<{ notificationProviders: { twilioSmsProvider: unknown } }>(
      '{ notificationProviders { twilioSmsProvider { isConfigured hasAuthToken accountSidHint } } }',
    );
    expect(before.data?.notificationProviders.twilioSmsProvider).toEqual({
      isConfigured: false,
      hasAuthToken: false,
      accountSidHint: null,
    });
    const { result } = await h.mutate(TWILIO, {
      input: {
        accountSid: 'AC00000000000000000000000000sid9',
        authToken: 'twiliotoken-secret-1',
        senderPhoneNumber: '+14155550100',
      },
    });
    expect(result).toEqual({
      __typename: 'TwilioSmsProviderUpdatePayload',
      twilioSmsProvider: {
        isConfigured: true,
        accountSidHint: '…sid9',
        hasAuthToken: true,
        senderPhoneNumber: '+14155550100',
        isEnabled: null,
      },
    });
    await expectCheckedFirst(h, [
      [TWILIO, { senderPhoneNumber: '555-0100' }, ['input', 'senderPhoneNumber']],
    ]);
  });

  it("maps CometChat's refusal of a Twilio change onto the input field", async () => {
    refuseNextWithBadRequest(
      h.emulator,
      'PUT',
      '/notifications/sms/v1/providers/twilio',
      { twilioAuthToken: ['The twilioAuthToken is invalid.'] },
      'Failed to validate the data sent with the request.',
    );
    await expectUserError(
      h,
      TWILIO,
      { authToken: 'wrong-token-1' },
      { __typename: 'ValidationError', path: ['input', 'authToken'], code: 'ERR_BAD_REQUEST' },
      1,
    );
  });

  it('set up SendGrid; the API key shows only as set', async () => {
    const { result } = await h.mutate(SENDGRID, {
      input: {
        apiKey: 'SG.sendgrid-secret-key-1',
        templateId: 'd-8284bb96',
        unsubscribeGroupId: '33832',
        senderName: 'Emailer',
        senderEmail: 'noreply@example.com',
        isEmailReplyAllowed: false,
        isEnabled: true,
      },
    });
    expect(result).toEqual({
      __typename: 'SendGridEmailProviderUpdatePayload',
      sendGridEmailProvider: {
        isConfigured: true,
        hasApiKey: true,
        templateId: 'd-8284bb96',
        unsubscribeGroupId: '33832',
        senderEmail: 'noreply@example.com',
        senderName: 'Emailer',
        isEmailReplyAllowed: false,
        senderEmailForReplies: null,
        isEnabled: true,
      },
    });
    await expectCheckedFirst(h, [
      [SENDGRID, { senderEmail: 'not-an-address' }, ['input', 'senderEmail']],
    ]);
  });

  it('map an upstream refusal of the custom push and SendGrid changes', async () => {
    for (const [path, document, input, field] of [
      [
        '/notifications/push/v1/providers/custom',
        CUSTOM,
        { webhookUrl: 'https://x.example.com' },
        'webhookURL',
      ],
      [
        '/notifications/email/v1/providers/sendgrid',
        SENDGRID,
        { templateId: 'd-1' },
        'sendGridTemplateID',
      ],
    ] as const) {
      refuseNextWithBadRequest(h.emulator, 'PUT', path, { [field]: ['Invalid.'] });
      await expectUserError(h, document, input, {
        __typename: 'ValidationError',
        path: ['input', Object.keys(input)[0] as string],
      });
    }
  });
});

describe('notification settings', () => {
  it('reads them and changes only what is given', async () => {
    const read = await h.query<{
      notificationSettings: {
        isMentionBypassingPreferences: boolean;
        events: {
          scope: string;
          event: string;
          value: number;
          isUserOverridable: boolean | null;
        }[];
        document: { preferences: unknown };
      };
    }>(
      '{ notificationSettings { isMentionBypassingPreferences document events { scope event value isUserOverridable } } }',
    );
    expect(read.errors).toBeUndefined();
    const settings = read.data?.notificationSettings;
    expect(settings?.isMentionBypassingPreferences).toBe(false);
    expect(settings?.events).toContainEqual({
      scope: 'GROUP',
      event: 'memberJoined',
      value: 1,
      isUserOverridable: true,
    });
    expect(settings?.events).toContainEqual({
      scope: 'ONE_ON_ONE',
      event: 'messageEdited',
      value: 2,
      isUserOverridable: null,
    });
    expect(settings?.document.preferences).toBeTypeOf('object');

    const { result, writes } = await h.mutate<{
      notificationSettings: {
        isMentionBypassingPreferences: boolean;
        events: {
          scope: string;
          event: string;
          value: number;
          isUserOverridable: boolean | null;
        }[];
      };
    }>(SETTINGS, {
      input: {
        isMentionBypassingPreferences: true,
        events: [
          { scope: 'GROUP', event: 'memberJoined', value: 2, isUserOverridable: false },
          { scope: 'CALL', event: 'initiated', value: 2 },
        ],
      },
    });
    expect(writes).toBe(1);
    expect(result.notificationSettings.isMentionBypassingPreferences).toBe(true);
    expect(result.notificationSettings.events).toContainEqual({
      scope: 'GROUP',
      event: 'memberJoined',
      value: 2,
      isUserOverridable: false,
    });
    expect(result.notificationSettings.events).toContainEqual({
      scope: 'CALL',
      event: 'initiated',
      value: 2,
      isUserOverridable: false,
    });
    expect(result.notificationSettings.events).toContainEqual({
      scope: 'GROUP',
      event: 'memberLeft',
      value: 1,
      isUserOverridable: true,
    });
  });

  it('checks the input first and maps an upstream refusal', async () => {
    const bad = await h.mutate<UserErrorShape>(SETTINGS, {
      input: {
        events: [
          { scope: 'ONE_ON_ONE', event: 'memberJoined', value: 1 },
          { scope: 'GROUP', event: 'messageEdited', isUserOverridable: true },
          { scope: 'CALL', event: 'busy', value: 99 },
        ],
      },
    });
    expect(bad.calls).toBe(0);
    expect(bad.result.violations?.map((v) => v.path.join('.'))).toEqual([
      'input.events.2.value',
      'input.events.0.event',
      'input.events.1.isUserOverridable',
    ]);
    refuseNextWithBadRequest(h.emulator, 'PATCH', '/notifications/v1/settings', {
      preferences: ['Invalid.'],
    });
    await expectUserError(
      h,
      SETTINGS,
      { isMentionBypassingPreferences: true },
      { __typename: 'ValidationError', path: ['input', 'events'] },
      1,
    );
  });
});

describe('notification logs', () => {
  const LOGS = `query ($first: Int, $after: String, $filter: NotificationLogFilter) {
    notificationLogs(first: $first, after: $after, filter: $filter) {
      pageInfo { hasNextPage endCursor }
      nodes { logId channel provider trigger messageId senderUid receiverId receiverType isNotificationTriggered reason messageSentAt }
    } }`;
  interface LogPage {
    notificationLogs: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        logId: string;
        senderUid: string;
        receiverId: string;
        isNotificationTriggered: boolean;
        reason: string | null;
      }[];
    };
  }

  it('pages through the logs and filters them', async () => {
    const first = await h.query<LogPage>(LOGS, { first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data?.notificationLogs;
    expect(page?.nodes).toHaveLength(2);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    const triggered = notificationAdminStateOf(h.emulator.store).fcm.size > 0;
    expect(page?.nodes[0]).toMatchObject({
      isNotificationTriggered: triggered,
      reason: triggered ? null : 'NO_PROVIDER',
    });
    const second = await h.query<LogPage>(LOGS, { first: 2, after: page?.pageInfo.endCursor });
    const ids = second.data?.notificationLogs.nodes.map((n) => n.logId) ?? [];
    expect(ids).toHaveLength(2);
    expect(ids.some((id) => page?.nodes.some((n) => n.logId === id))).toBe(false);

    const filtered = await h.query<LogPage>(LOGS, {
      first: 50,
      filter: { senderUid: u(1), channel: 'PUSH', trigger: 'AFTER_MESSAGE' },
    });
    const nodes = filtered.data?.notificationLogs.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.senderUid === u(1))).toBe(true);
    expect(h.emulator.requests().at(-1)?.query).toContain(`sender=${u(1)}`);
  });

  it('refuses bad filters before any call and passes on an outage', async () => {
    const calls = await h.countUpstream(async () => {
      const bad = await h.query(LOGS, { filter: { messageId: 'abc' } });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const range = await h.query(LOGS, {
        filter: {
          messageSentAfter: '2025-01-02T00:00:00Z',
          messageSentBefore: '2025-01-01T00:00:00Z',
        },
      });
      expect(range.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
    expect(calls).toBe(0);
    h.emulator.injectFault({
      method: 'GET',
      path: '/notifications/v1/logs',
      status: 503,
      times: 10,
    });
    const down = await h.query<{ notificationLogs: unknown }>(LOGS, {});
    expect(down.data?.notificationLogs).toBeNull();
    expect(down.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('end users', () => {
  it('are refused every read and write, without an upstream call', async () => {
    await expectEndUserRefused(h, {
      reads: [
        '{ notificationProviders { fcmProviders { providerId } } }',
        '{ notificationSettings { isMentionBypassingPreferences } }',
        '{ notificationLogs { nodes { logId } } }',
      ],
      writes: [
        [FCM_ADD, { providerId: 'x', serviceAccountJson: serviceAccount() }],
        [FCM_UPDATE, { providerId: 'x', serviceAccountFilename: 'y.json' }],
        [FCM_DELETE, { providerId: 'x' }],
        [CUSTOM, { isEnabled: false }],
        [TWILIO, { isEnabled: false }],
        [SENDGRID, { isEnabled: false }],
        [SETTINGS, { isMentionBypassingPreferences: true }],
      ],
    });
  });
});

describe('credentials', () => {
  it('never appear in an answer or a log line, on success or refusal', async () => {
    const secrets = [
      'fcmsecretkeymaterial0001',
      'pkid-secret-0001',
      'hookpass-secret-1',
      'twiliotoken-secret-1',
      'AC00000000000000000000000000sid9',
      'SG.sendgrid-secret-key-1',
    ];
    await withSecretsKept(secrets, async (t) => {
      const fcm = { providerId: 'p1', serviceAccountJson: serviceAccount() };
      expect((await t.query(FCM_ADD, { input: fcm })).errors).toBeUndefined();
      await t.query(FCM_ADD, { input: fcm }); // a ConflictError
      await t.query(CUSTOM, {
        input: { webhookUrl: 'https://h.example.com', basicAuthPassword: 'hookpass-secret-1' },
      });
      await t.query(TWILIO, {
        input: {
          accountSid: 'AC00000000000000000000000000sid9',
          authToken: 'twiliotoken-secret-1',
        },
      });
      await t.query(SENDGRID, { input: { apiKey: 'SG.sendgrid-secret-key-1' } });
      await t.query(TWILIO, {
        input: { authToken: 'twiliotoken-secret-1', senderPhoneNumber: 'bad' },
      }); // checked
      const read = await t.query(`{ notificationProviders {
        fcmProviders { ${FCM_FIELDS} }
        customPushProvider { isConfigured hasBasicAuthPassword basicAuthUsername webhookUrl }
        twilioSmsProvider { isConfigured accountSidHint hasAuthToken }
        sendGridEmailProvider { isConfigured hasApiKey }
      } }`);
      expect(read.errors).toBeUndefined();
      expect(read.data?.notificationProviders).toMatchObject({
        fcmProviders: [{ providerId: 'p1', hasServiceAccountKey: true }],
        customPushProvider: { hasBasicAuthPassword: true },
        twilioSmsProvider: { isConfigured: true, hasAuthToken: true },
        sendGridEmailProvider: { hasApiKey: true },
      });
      // The emulator holds them, so the answers above left them out on purpose.
      const state = notificationAdminStateOf(t.emulator.store);
      const stored = JSON.stringify({ ...state, fcm: [...state.fcm.values()] });
      for (const secret of secrets) expect(stored).toContain(secret);
    });
  });
});
