/**
 * The viewing user's push tokens over the emulator (seed `demo`), through GraphQL over HTTP as
 * the admin acting as a user (`X-Act-As`): register, list (masked), remove; validation before the
 * network; CometChat's refusal as a typed error; a user never reaches another user's tokens; an
 * admin without a user perspective is refused; a full token never reaches a log or a list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { mutationDocument, useHarness, VIOLATION_FIELDS } from '../support/harness.js';
import { overHttp } from './support.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';

const REGISTER = mutationDocument(
  'pushTokenRegister',
  'pushToken { token maskedToken platform providerId }',
  `... on UserError { __typename message path code } ${VIOLATION_FIELDS}`,
);
const REMOVE = mutationDocument('pushTokenRemove', 'pushToken { token maskedToken platform }');
const LIST =
  '{ viewer { pushTokens { token maskedToken platform providerId createdAt updatedAt } } }';

interface TokenShape {
  token: string | null;
  maskedToken: string;
  platform: string;
  providerId?: string | null;
  createdAt?: string | null;
}

interface Result {
  __typename: string;
  pushToken?: TokenShape;
  path?: string[];
  message?: string;
  violations?: { path: string[]; message: string }[];
}

function tokenPaths(): string[] {
  return h.emulator
    .requests()
    .filter((r) => r.path.includes('/notifications/') || r.path.includes('/auth_tokens'))
    .map((r) => `${r.method} ${r.path}`);
}

async function list(uid: string): Promise<TokenShape[]> {
  const response = await overHttp<{ viewer: { pushTokens: TokenShape[] } }>(h, uid, LIST);
  expect(response.errors).toBeUndefined();
  return response.data?.viewer.pushTokens ?? [];
}

describe('push tokens', () => {
  const FCM = 'fcm-device-token-of-user-one-0001-WXYZ';
  const VOIP = 'apns-voip-token-of-user-one-0002-ABCD';

  it('are registered, listed masked and removed as the viewing user', async () => {
    h.emulator.clearRequests();
    const registered = await overHttp<{ pushTokenRegister: Result }>(h, U1, REGISTER, {
      input: {
        platform: 'FCM_ANDROID',
        token: FCM,
        providerId: 'fcm-provider-1',
        timezone: 'Asia/Kolkata',
      },
    });
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.pushTokenRegister).toEqual({
      __typename: 'PushTokenRegisterPayload',
      pushToken: {
        token: FCM,
        maskedToken: '…WXYZ',
        platform: 'fcm_android',
        providerId: 'fcm-provider-1',
      },
    });
    expect(tokenPaths()).toEqual([
      'POST /v3/users/cometchat-uid-1/auth_tokens',
      'POST /v3/notifications/push/v1/tokens',
    ]);

    const voip = await overHttp<{ pushTokenRegister: Result }>(h, U1, REGISTER, {
      input: { platform: 'APNS_VOIP', token: VOIP },
    });
    expect(voip.data?.pushTokenRegister.__typename).toBe('PushTokenRegisterPayload');

    const tokens = await list(U1);
    expect(tokens).toHaveLength(2);
    expect(tokens.map((t) => [t.maskedToken, t.platform, t.token, t.providerId])).toEqual([
      ['…WXYZ', 'fcm_android', null, 'fcm-provider-1'],
      ['…ABCD', 'apns_voip', null, null],
    ]);
    expect(tokens[0]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(tokens)).not.toContain(FCM);

    const removed = await overHttp<{ pushTokenRemove: Result }>(h, U1, REMOVE, {
      input: { token: VOIP },
    });
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.pushTokenRemove).toEqual({
      __typename: 'PushTokenRemovePayload',
      pushToken: { token: null, maskedToken: '…ABCD', platform: 'apns_voip' },
    });
    expect((await list(U1)).map((t) => t.maskedToken)).toEqual(['…WXYZ']);
  });

  it.each([
    ['an empty token', { platform: 'FCM_ANDROID', token: '  ' }, ['input', 'token']],
    ['a token with spaces', { platform: 'FCM_IOS', token: 'a b' }, ['input', 'token']],
    ['a token too long', { platform: 'FCM_IOS', token: 'x'.repeat(4097) }, ['input', 'token']],
    [
      'an unknown time zone',
      { platform: 'APNS_DEVICE', token: 'abc1', timezone: 'Mars/Base' },
      ['input', 'timezone'],
    ],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    h.emulator.clearRequests();
    const response = await overHttp<{ pushTokenRegister: Result }>(h, U1, REGISTER, { input });
    expect(response.errors).toBeUndefined();
    const result = response.data?.pushTokenRegister;
    expect(result?.__typename).toBe('ValidationError');
    expect(result?.violations?.map((v) => v.path)).toContainEqual(path);
    expect(h.emulator.requests()).toEqual([]);
  });

  it('refuses an unknown platform before calling CometChat', async () => {
    h.emulator.clearRequests();
    const response = await overHttp(h, U1, REGISTER, {
      input: { platform: 'PAGER', token: 'abc1' },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.emulator.requests()).toEqual([]);
  });

  it("maps CometChat's refusal to a typed error: removing a token not registered", async () => {
    const response = await overHttp<{ pushTokenRemove: Result }>(h, U1, REMOVE, {
      input: { token: 'never-registered-0000' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.pushTokenRemove).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'token'],
    });
  });

  it("keeps a user away from another user's tokens", async () => {
    const own = 'fcmTokenUserTwo:APA91b-0003_QRST';
    const registered = await overHttp<{ pushTokenRegister: Result }>(h, U2, REGISTER, {
      input: { platform: 'FCM_WEB', token: own },
    });
    expect(registered.data?.pushTokenRegister.__typename).toBe('PushTokenRegisterPayload');
    // u1 neither sees nor removes it; u2 still has it.
    expect((await list(U1)).map((t) => t.maskedToken)).not.toContain('…QRST');
    const removed = await overHttp<{ pushTokenRemove: Result }>(h, U1, REMOVE, {
      input: { token: own },
    });
    expect(removed.data?.pushTokenRemove.__typename).toBe('NotFoundError');
    expect((await list(U2)).map((t) => t.maskedToken)).toEqual(['…QRST']);
    // And u2 removes their own.
    const mine = await overHttp<{ pushTokenRemove: Result }>(h, U2, REMOVE, {
      input: { token: own },
    });
    expect(mine.data?.pushTokenRemove.__typename).toBe('PushTokenRemovePayload');
    expect(await list(U2)).toEqual([]);
  });

  it('are read without creating an auth token: a user with none has none listed', async () => {
    const { store } = h.emulator;
    const U5 = [...store.users.values()].find(
      (user) =>
        user.deactivatedAt === undefined && (store.authTokens.get(user.uid) ?? []).length === 0,
    )?.uid;
    if (U5 === undefined) throw new Error('the demo seed has no user without an auth token');
    h.emulator.clearRequests();
    expect(await list(U5)).toEqual([]);
    expect(tokenPaths()).toEqual([`GET /v3/users/${U5}/auth_tokens`]);
    expect(store.authTokens.get(U5) ?? []).toEqual([]);
    // A user with tokens: their existing auth token names them, and every token is listed.
    h.emulator.clearRequests();
    expect((await list(U2)).length).toBeGreaterThanOrEqual(0);
    const paths = tokenPaths();
    expect(paths).toEqual([
      `GET /v3/users/${U2}/auth_tokens`,
      'GET /v3/notifications/push/v1/tokens',
    ]);
    const listed = h.emulator.requests().find((r) => r.path === '/v3/notifications/push/v1/tokens');
    expect(listed?.query).toContain('all=true');
    expect(h.emulator.requests().some((r) => r.method === 'POST')).toBe(false);
  });

  it('refuses an admin without a user perspective, with no call', async () => {
    h.emulator.clearRequests();
    const read = await overHttp(h, null, LIST);
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(read.errors?.[0]?.message).toMatch(/X-Act-As/);
    const write = await overHttp<{ pushTokenRegister: Result }>(h, null, REGISTER, {
      input: { platform: 'FCM_ANDROID', token: 'abc1' },
    });
    expect(write.data?.pushTokenRegister.__typename).toBe('ValidationError');
    expect(write.data?.pushTokenRegister.message).toMatch(/X-Act-As/);
    const remove = await overHttp<{ pushTokenRemove: Result }>(h, null, REMOVE, {
      input: { token: 'abc1' },
    });
    expect(remove.data?.pushTokenRemove.__typename).toBe('ValidationError');
    expect(tokenPaths()).toEqual([]);
    expect(h.emulator.requests()).toEqual([]);
  });
});

const TZ_UPDATE = mutationDocument(
  'viewerNotificationTimezoneUpdate',
  'notificationTimezone',
  `... on UserError { __typename message path code } ${VIOLATION_FIELDS}`,
);
const TZ_READ = '{ viewer { notificationTimezone } }';

describe('notification time zone', () => {
  async function read(uid: string): Promise<string | null | undefined> {
    const response = await overHttp<{ viewer: { notificationTimezone: string | null } }>(
      h,
      uid,
      TZ_READ,
    );
    expect(response.errors).toBeUndefined();
    return response.data?.viewer.notificationTimezone;
  }

  it("is set and read as the viewing user's own", async () => {
    expect(await read(U1)).toBeNull();
    h.emulator.clearRequests();
    const set = await overHttp<{
      viewerNotificationTimezoneUpdate: Result & { notificationTimezone?: string };
    }>(h, U1, TZ_UPDATE, { input: { timezone: 'Asia/Kolkata' } });
    expect(set.errors).toBeUndefined();
    expect(set.data?.viewerNotificationTimezoneUpdate).toEqual({
      __typename: 'ViewerNotificationTimezoneUpdatePayload',
      notificationTimezone: 'Asia/Kolkata',
    });
    const patch = h.emulator.requests().find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/v3/notifications/v1/preferences/timezone');
    expect(patch?.query).toBe(`uid=${U1}`);
    expect(await read(U1)).toBe('Asia/Kolkata');
    // Another user's stays unset.
    expect(await read(U2)).toBeNull();
  });

  it.each([
    ['an unknown zone', 'Mars/Base'],
    ['an empty zone', ' '],
  ])('refuses %s before calling CometChat', async (_name, timezone) => {
    h.emulator.clearRequests();
    const response = await overHttp<{ viewerNotificationTimezoneUpdate: Result }>(
      h,
      U1,
      TZ_UPDATE,
      {
        input: { timezone },
      },
    );
    expect(response.data?.viewerNotificationTimezoneUpdate.__typename).toBe('ValidationError');
    expect(
      response.data?.viewerNotificationTimezoneUpdate.violations?.map((v) => v.path),
    ).toContainEqual(['input', 'timezone']);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("maps CometChat's refusal to a typed error", async () => {
    h.emulator.injectFault({
      method: 'PATCH',
      path: '/v3/notifications/v1/preferences/timezone',
      status: 404,
      body: { error: { code: 'ERR_UID_NOT_FOUND', message: 'The user does not exist.' } },
    });
    const response = await overHttp<{ viewerNotificationTimezoneUpdate: Result }>(
      h,
      U1,
      TZ_UPDATE,
      {
        input: { timezone: 'Europe/Paris' },
      },
    );
    expect(response.data?.viewerNotificationTimezoneUpdate.__typename).toBe('NotFoundError');
    h.emulator.clearFaults();
    expect(await read(U1)).toBe('Asia/Kolkata');
  });

  it('refuses an admin without a user perspective, with no call', async () => {
    h.emulator.clearRequests();
    const response = await overHttp(h, null, TZ_READ);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const write = await overHttp<{ viewerNotificationTimezoneUpdate: Result }>(h, null, TZ_UPDATE, {
      input: { timezone: 'Europe/Paris' },
    });
    expect(write.data?.viewerNotificationTimezoneUpdate.__typename).toBe('ValidationError');
    expect(write.data?.viewerNotificationTimezoneUpdate.message).toMatch(/X-Act-As/);
    expect(h.emulator.requests()).toEqual([]);
  });
});

describe('push tokens in logs', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ emulator: { seed: 'demo' } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('never writes a full token to a log line or a list answer', async () => {
    const secret = 'fcm-secret-device-token-9f8e7d6c5b4a-LAST';
    const register = await overHttp<{ pushTokenRegister: Result }>(gateway, U1, REGISTER, {
      input: { platform: 'FCM_ANDROID', token: secret },
    });
    expect(register.data?.pushTokenRegister.__typename).toBe('PushTokenRegisterPayload');
    const listed = await overHttp<{ viewer: { pushTokens: TokenShape[] } }>(gateway, U1, LIST);
    expect(listed.data?.viewer.pushTokens.map((t) => t.maskedToken)).toEqual(['…LAST']);
    expect(JSON.stringify(listed)).not.toContain(secret);
    // A refusal that names the token (removing it as someone else) and the removal itself.
    await overHttp(gateway, U2, REMOVE, { input: { token: secret } });
    const removed = await overHttp<{ pushTokenRemove: Result }>(gateway, U1, REMOVE, {
      input: { token: secret },
    });
    expect(removed.data?.pushTokenRemove.__typename).toBe('PushTokenRemovePayload');
    expect(gateway.logs.length).toBeGreaterThan(0);
    expect(gateway.logs.filter((line) => line.includes(secret))).toEqual([]);
    expect(gateway.logs.filter((line) => line.includes(secret.slice(0, 20)))).toEqual([]);
    gateway.assertNoSecretLeaked();
  });
});
