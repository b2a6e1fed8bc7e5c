/**
 * The viewing user's notification preferences, muted conversations and contact details over the
 * emulator (seed `demo`), through GraphQL over HTTP as the admin acting as a user (`X-Act-As`):
 * read and change them, validation before the network, CometChat's refusals as typed errors, one
 * user never reaching another's, an admin without a user perspective refused with no call, and
 * `Conversation.mutedUntil` costing one call for a page of conversations.
 */
import { describe, expect, it } from 'vitest';
import { mutationDocument, useHarness, VIOLATION_FIELDS } from '../support/harness.js';
import { overHttp } from './support.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const GUID = 'cometchat-guid-1';
const ERRORS = `... on UserError { __typename message path code } ${VIOLATION_FIELDS}`;

interface Result {
  __typename: string;
  message?: string;
  path?: string[];
  code?: string | null;
  violations?: { path: string[]; message: string }[];
}

function notificationRequests(): string[] {
  return h.emulator
    .requests()
    .filter((r) => r.path.includes('/notifications/'))
    .map((r) => `${r.method} ${r.path}?${r.query}`);
}

// -----------------------------------------------------------------------------------------------

const PREFS_FIELDS = `
  oneOnOne { messages replies quotedReplies reactions }
  group { messages reactions memberLeft memberJoined memberScopeChanged }
  isDoNotDisturbOn isPrivacyTemplateUsed
  schedule { day from to isSilencedAllDay }`;
const PREFS_READ = `{ viewer { notificationPreferences { ${PREFS_FIELDS} } } }`;
const PREFS_UPDATE = mutationDocument(
  'viewerNotificationPreferencesUpdate',
  `notificationPreferences { ${PREFS_FIELDS} }`,
  ERRORS,
);

interface Prefs {
  oneOnOne: Record<string, string | null>;
  group: Record<string, string | null>;
  isDoNotDisturbOn: boolean | null;
  isPrivacyTemplateUsed: boolean | null;
  schedule: { day: string; from: number; to: number; isSilencedAllDay: boolean }[];
}

async function readPrefs(uid: string): Promise<Prefs | null | undefined> {
  const response = await overHttp<{ viewer: { notificationPreferences: Prefs | null } }>(
    h,
    uid,
    PREFS_READ,
  );
  expect(response.errors).toBeUndefined();
  return response.data?.viewer.notificationPreferences;
}

describe('notification preferences', () => {
  it("are read as the viewing user's own, CometChat's defaults first", async () => {
    h.emulator.clearRequests();
    const prefs = await readPrefs(U1);
    expect(prefs?.oneOnOne).toEqual({
      messages: 'ALL',
      replies: 'ALL',
      quotedReplies: 'ALL',
      reactions: 'OWN_MESSAGES',
    });
    expect(prefs?.group).toEqual({
      messages: 'ALL',
      reactions: 'OWN_MESSAGES',
      memberLeft: 'NONE',
      memberJoined: 'NONE',
      memberScopeChanged: 'NONE',
    });
    expect(prefs?.isDoNotDisturbOn).toBe(false);
    expect(prefs?.isPrivacyTemplateUsed).toBe(true);
    expect(prefs?.schedule).toHaveLength(7);
    expect(prefs?.schedule[0]).toEqual({
      day: 'MONDAY',
      from: 0,
      to: 2359,
      isSilencedAllDay: false,
    });
    expect(notificationRequests()).toEqual([`GET /v3/notifications/v1/preferences?uid=${U1}`]);
  });

  it('change only what is given, for the viewing user alone', async () => {
    h.emulator.clearRequests();
    const response = await overHttp<{
      viewerNotificationPreferencesUpdate: Result & { notificationPreferences?: Prefs };
    }>(h, U1, PREFS_UPDATE, {
      input: {
        oneOnOne: { messages: 'MENTIONS' },
        group: { reactions: 'NONE', memberJoined: 'NOTIFY' },
        isDoNotDisturbOn: true,
        schedule: [{ day: 'MONDAY', from: 900, to: 1730, isSilencedAllDay: false }],
      },
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.viewerNotificationPreferencesUpdate;
    expect(result?.__typename).toBe('ViewerNotificationPreferencesUpdatePayload');
    expect(notificationRequests()).toEqual([`PATCH /v3/notifications/v1/preferences?uid=${U1}`]);
    const prefs = result?.notificationPreferences;
    expect(prefs?.oneOnOne.messages).toBe('MENTIONS');
    expect(prefs?.oneOnOne.replies).toBe('ALL');
    expect(prefs?.group).toMatchObject({
      reactions: 'NONE',
      memberJoined: 'NOTIFY',
      memberLeft: 'NONE',
    });
    expect(prefs?.isDoNotDisturbOn).toBe(true);
    expect(prefs?.schedule.find((d) => d.day === 'MONDAY')).toEqual({
      day: 'MONDAY',
      from: 900,
      to: 1730,
      isSilencedAllDay: false,
    });
    expect(prefs?.schedule.find((d) => d.day === 'TUESDAY')?.to).toBe(2359);
    // Read back, and another user's stay at the defaults.
    expect((await readPrefs(U1))?.oneOnOne.messages).toBe('MENTIONS');
    const other = await readPrefs(U2);
    expect(other?.oneOnOne.messages).toBe('ALL');
    expect(other?.isDoNotDisturbOn).toBe(false);
  });

  it.each([
    ['no change at all', {}, ['input']],
    [
      'a time that is not hhmm',
      { schedule: [{ day: 'FRIDAY', from: 960, to: 1700, isSilencedAllDay: false }] },
      ['input', 'schedule', '0', 'from'],
    ],
    [
      'a time past 23:59',
      { schedule: [{ day: 'FRIDAY', from: 0, to: 2400, isSilencedAllDay: false }] },
      ['input', 'schedule', '0', 'to'],
    ],
    [
      'a day given twice',
      {
        schedule: [
          { day: 'FRIDAY', from: 0, to: 100, isSilencedAllDay: false },
          { day: 'FRIDAY', from: 0, to: 200, isSilencedAllDay: true },
        ],
      },
      ['input', 'schedule', '1', 'day'],
    ],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    h.emulator.clearRequests();
    const response = await overHttp<{ viewerNotificationPreferencesUpdate: Result }>(
      h,
      U1,
      PREFS_UPDATE,
      {
        input,
      },
    );
    expect(response.errors).toBeUndefined();
    const result = response.data?.viewerNotificationPreferencesUpdate;
    expect(result?.__typename).toBe('ValidationError');
    expect(result?.violations?.map((v) => v.path)).toContainEqual(path);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("resets to the app's defaults with isReset, one DELETE as the viewing user", async () => {
    await overHttp(h, U2, PREFS_UPDATE, {
      input: { oneOnOne: { messages: 'NONE' }, isDoNotDisturbOn: true },
    });
    expect((await readPrefs(U2))?.oneOnOne.messages).toBe('NONE');
    h.emulator.clearRequests();
    const response = await overHttp<{
      viewerNotificationPreferencesUpdate: Result & { notificationPreferences?: Prefs };
    }>(h, U2, PREFS_UPDATE, { input: { isReset: true } });
    expect(response.errors).toBeUndefined();
    const result = response.data?.viewerNotificationPreferencesUpdate;
    expect(result?.__typename).toBe('ViewerNotificationPreferencesUpdatePayload');
    expect(result?.notificationPreferences?.oneOnOne.messages).toBe('ALL');
    expect(result?.notificationPreferences?.isDoNotDisturbOn).toBe(false);
    expect(notificationRequests()).toEqual([`DELETE /v3/notifications/v1/preferences?uid=${U2}`]);
    expect((await readPrefs(U2))?.oneOnOne.messages).toBe('ALL');
  });

  it('refuses a reset combined with changes (one write per call), before calling CometChat', async () => {
    h.emulator.clearRequests();
    const response = await overHttp<{ viewerNotificationPreferencesUpdate: Result }>(
      h,
      U2,
      PREFS_UPDATE,
      { input: { isReset: true, isDoNotDisturbOn: true } },
    );
    const result = response.data?.viewerNotificationPreferencesUpdate;
    expect(result?.__typename).toBe('ValidationError');
    expect(result?.violations?.map((v) => v.path)).toContainEqual(['input', 'isReset']);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("maps CometChat's refusal of one setting onto the input field", async () => {
    h.emulator.injectFault({
      method: 'PATCH',
      path: '/v3/notifications/v1/preferences',
      status: 400,
      body: {
        error: {
          code: 'ERR_BAD_REQUEST',
          message: 'Validation failed.',
          details: { 'groupPreferences.groupMessages': ['The groupMessages is not allowed.'] },
        },
      },
    });
    const response = await overHttp<{ viewerNotificationPreferencesUpdate: Result }>(
      h,
      U1,
      PREFS_UPDATE,
      {
        input: { group: { messages: 'NONE' } },
      },
    );
    h.emulator.clearFaults();
    const result = response.data?.viewerNotificationPreferencesUpdate;
    expect(result?.__typename).toBe('ValidationError');
    expect(result?.violations?.map((v) => v.path)).toContainEqual(['input', 'group', 'messages']);
    expect((await readPrefs(U1))?.group.messages).toBe('ALL');
  });

  it("maps CometChat's refusal of a reset or a removal to typed errors", async () => {
    h.emulator.injectFault({
      method: 'DELETE',
      path: '/v3/notifications/v1/preferences',
      status: 404,
      body: { error: { code: 'ERR_UID_NOT_FOUND', message: 'The UID does not exist.' } },
    });
    h.emulator.injectFault({
      method: 'DELETE',
      path: '/v3/notifications/v1/contact-details',
      status: 503,
      body: { error: { code: 'ERR_SERVICE_UNAVAILABLE', message: 'Try later.' } },
    });
    try {
      const reset = await overHttp<{ viewerNotificationPreferencesUpdate: Result }>(
        h,
        U1,
        PREFS_UPDATE,
        { input: { isReset: true } },
      );
      expect(reset.data?.viewerNotificationPreferencesUpdate?.__typename).toBe('NotFoundError');
      const removal = await overHttp<{ viewerNotificationContactDetailsUpdate: Result | null }>(
        h,
        U1,
        CONTACT_UPDATE,
        { input: { isRemoved: true } },
      );
      expect(removal.data?.viewerNotificationContactDetailsUpdate ?? null).toBeNull();
      expect(removal.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      h.emulator.clearFaults();
    }
  });

  it('refuses an admin without a user perspective, with no call', async () => {
    h.emulator.clearRequests();
    const read = await overHttp(h, null, PREFS_READ);
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(read.errors?.[0]?.message).toMatch(/X-Act-As/);
    const write = await overHttp<{ viewerNotificationPreferencesUpdate: Result }>(
      h,
      null,
      PREFS_UPDATE,
      {
        input: { isDoNotDisturbOn: true },
      },
    );
    expect(write.data?.viewerNotificationPreferencesUpdate.__typename).toBe('ValidationError');
    expect(write.data?.viewerNotificationPreferencesUpdate.message).toMatch(/X-Act-As/);
    expect(h.emulator.requests()).toEqual([]);
  });
});

// -----------------------------------------------------------------------------------------------

const MUTE = mutationDocument(
  'conversationMute',
  'mutedConversation { conversationId type mutedUntil with { ... on User { uid } ... on Group { guid } } }',
  ERRORS,
);
const UNMUTE = mutationDocument(
  'conversationUnmute',
  'conversation { conversationId mutedUntil }',
  ERRORS,
);
const MUTED =
  '{ viewer { mutedConversations(first: 10) { totalCount nodes { conversationId type mutedUntil } } } }';
const CONVERSATIONS = (fields: string) =>
  `{ viewer { user { conversations(first: 25) { nodes { conversationId ${fields} } } } } }`;

interface MutedShape {
  conversationId: string;
  type: string;
  mutedUntil: string | null;
}

async function muted(uid: string): Promise<MutedShape[]> {
  const response = await overHttp<{
    viewer: { mutedConversations: { totalCount: number; nodes: MutedShape[] } };
  }>(h, uid, MUTED);
  expect(response.errors).toBeUndefined();
  const list = response.data?.viewer.mutedConversations;
  expect(list?.totalCount).toBe(list?.nodes.length);
  return list?.nodes ?? [];
}

describe('muting conversations', () => {
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  tomorrow.setMilliseconds(0);
  const U1_U2 = `${U1}_user_${U2}`;

  it('mutes a 1:1 and a group conversation until a time, as the viewing user', async () => {
    h.emulator.clearRequests();
    const response = await overHttp<{ conversationMute: Result & { mutedConversation?: unknown } }>(
      h,
      U1,
      MUTE,
      { input: { conversation: { withUser: U2 }, until: tomorrow.toISOString() } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.conversationMute).toEqual({
      __typename: 'ConversationMutePayload',
      mutedConversation: {
        conversationId: U1_U2,
        type: 'USER',
        mutedUntil: tomorrow.toISOString(),
        with: { uid: U2 },
      },
    });
    expect(notificationRequests()).toEqual([`PUT /v3/notifications/v1/preferences/mute?uid=${U1}`]);
    const group = await overHttp<{ conversationMute: Result }>(h, U1, MUTE, {
      input: { conversation: { withGroup: GUID }, until: tomorrow.toISOString() },
    });
    expect(group.data?.conversationMute.__typename).toBe('ConversationMutePayload');
    expect(await muted(U1)).toEqual([
      { conversationId: U1_U2, type: 'USER', mutedUntil: tomorrow.toISOString() },
      { conversationId: `group_${GUID}`, type: 'GROUP', mutedUntil: tomorrow.toISOString() },
    ]);
    // Mutes are per user: the other side of the conversation has none.
    expect(await muted(U2)).toEqual([]);
  });

  it("shows on the viewer's conversations for one more upstream call per page", async () => {
    const without = await h.countUpstream(() => overHttp(h, U1, CONVERSATIONS('')));
    let response!: Awaited<
      ReturnType<
        typeof overHttp<{
          viewer: {
            user: {
              conversations: { nodes: { conversationId: string; mutedUntil: string | null }[] };
            };
          };
        }>
      >
    >;
    const withMute = await h.countUpstream(async () => {
      response = await overHttp(h, U1, CONVERSATIONS('mutedUntil'));
    });
    expect(response.errors).toBeUndefined();
    expect(withMute).toBe(without + 1);
    const nodes = response.data?.viewer.user.conversations.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(2);
    const byId = new Map(nodes.map((n) => [n.conversationId, n.mutedUntil]));
    expect(byId.get(U1_U2)).toBe(tomorrow.toISOString());
    expect(byId.get(`group_${GUID}`)).toBe(tomorrow.toISOString());
    expect(nodes.filter((n) => n.mutedUntil !== null)).toHaveLength(2);
  });

  it('unmutes, and the conversation shows it', async () => {
    h.emulator.clearRequests();
    const response = await overHttp<{
      conversationUnmute: Result & {
        conversation?: { conversationId: string; mutedUntil: string | null };
      };
    }>(h, U1, UNMUTE, { input: { conversation: { withUser: U2 } } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.conversationUnmute).toEqual({
      __typename: 'ConversationUnmutePayload',
      conversation: { conversationId: U1_U2, mutedUntil: null },
    });
    expect(notificationRequests()).toEqual([
      `DELETE /v3/notifications/v1/preferences/mute?uid=${U1}`,
      `GET /v3/notifications/v1/preferences/mute?uid=${U1}`,
    ]);
    expect((await muted(U1)).map((m) => m.conversationId)).toEqual([`group_${GUID}`]);
  });

  it.each([
    [
      'a time in the past',
      { conversation: { withUser: U2 }, until: '2001-01-01T00:00:00Z' },
      ['input', 'until'],
    ],
    [
      'a conversation with oneself',
      { conversation: { withUser: U1 }, until: new Date(Date.now() + 3600_000).toISOString() },
      ['input', 'withUser'],
    ],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    h.emulator.clearRequests();
    const response = await overHttp<{ conversationMute: Result }>(h, U1, MUTE, { input });
    expect(response.errors).toBeUndefined();
    expect(response.data?.conversationMute.__typename).toBe('ValidationError');
    expect(response.data?.conversationMute.path).toEqual(path);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("maps CometChat's refusal to a typed error: a group that does not exist", async () => {
    const response = await overHttp<{ conversationMute: Result }>(h, U1, MUTE, {
      input: { conversation: { withGroup: 'no-such-group' }, until: tomorrow.toISOString() },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.conversationMute).toMatchObject({
      __typename: 'NotFoundError',
      code: 'ERR_GUID_NOT_FOUND',
    });
  });

  it('refuses an admin without a user perspective, with no call', async () => {
    h.emulator.clearRequests();
    const read = await overHttp(h, null, MUTED);
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const write = await overHttp<{ conversationMute: Result }>(h, null, MUTE, {
      input: { conversation: { withUser: U2 }, until: tomorrow.toISOString() },
    });
    expect(write.data?.conversationMute.__typename).toBe('ValidationError');
    expect(write.data?.conversationMute.message).toMatch(/X-Act-As/);
    const unmute = await overHttp<{ conversationUnmute: Result }>(h, null, UNMUTE, {
      input: { conversation: { withUser: U2 } },
    });
    expect(unmute.data?.conversationUnmute.__typename).toBe('ValidationError');
    expect(h.emulator.requests()).toEqual([]);
  });
});

// -----------------------------------------------------------------------------------------------

const CONTACT_READ = '{ viewer { notificationContactDetails { email phoneNumber } } }';
const CONTACT_UPDATE = mutationDocument(
  'viewerNotificationContactDetailsUpdate',
  'notificationContactDetails { email phoneNumber }',
  ERRORS,
);

async function contact(
  uid: string,
): Promise<{ email: string | null; phoneNumber: string | null } | undefined> {
  const response = await overHttp<{
    viewer: { notificationContactDetails: { email: string | null; phoneNumber: string | null } };
  }>(h, uid, CONTACT_READ);
  expect(response.errors).toBeUndefined();
  return response.data?.viewer.notificationContactDetails;
}

describe('notification contact details', () => {
  it('are set and read as the viewing user (onBehalfOf), and nobody else', async () => {
    h.emulator.clearRequests();
    expect(await contact(U1)).toEqual({ email: null, phoneNumber: null });
    const read = h.emulator
      .requests()
      .find((r) => r.path === '/v3/notifications/v1/contact-details');
    expect(read?.onBehalfOf).toBe(U1);
    const response = await overHttp<{
      viewerNotificationContactDetailsUpdate: Result & { notificationContactDetails?: unknown };
    }>(h, U1, CONTACT_UPDATE, {
      input: { email: 'andrew@example.com', phoneNumber: '+14155550100' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.viewerNotificationContactDetailsUpdate).toEqual({
      __typename: 'ViewerNotificationContactDetailsUpdatePayload',
      notificationContactDetails: { email: 'andrew@example.com', phoneNumber: '+14155550100' },
    });
    // Only the phone changes; the email stays.
    await overHttp(h, U1, CONTACT_UPDATE, { input: { phoneNumber: '+919591128691' } });
    expect(await contact(U1)).toEqual({
      email: 'andrew@example.com',
      phoneNumber: '+919591128691',
    });
    expect(await contact(U2)).toEqual({ email: null, phoneNumber: null });
  });

  it.each([
    ['nothing to set', {}, ['input', 'email']],
    ['an email that is not one', { email: 'not-an-email' }, ['input', 'email']],
    [
      'a phone number without its country code',
      { phoneNumber: '4155550100' },
      ['input', 'phoneNumber'],
    ],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    h.emulator.clearRequests();
    const response = await overHttp<{ viewerNotificationContactDetailsUpdate: Result }>(
      h,
      U1,
      CONTACT_UPDATE,
      {
        input,
      },
    );
    const result = response.data?.viewerNotificationContactDetailsUpdate;
    expect(result?.__typename).toBe('ValidationError');
    expect(result?.violations?.map((v) => v.path)).toContainEqual(path);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("removes both details with isRemoved (one DELETE as the viewing user), and nobody else's", async () => {
    await overHttp(h, U2, CONTACT_UPDATE, { input: { email: 'george@example.com' } });
    await overHttp(h, U1, CONTACT_UPDATE, { input: { email: 'andrew@example.com' } });
    h.emulator.clearRequests();
    const response = await overHttp<{
      viewerNotificationContactDetailsUpdate: Result & { notificationContactDetails?: unknown };
    }>(h, U2, CONTACT_UPDATE, { input: { isRemoved: true } });
    expect(response.data?.viewerNotificationContactDetailsUpdate).toEqual({
      __typename: 'ViewerNotificationContactDetailsUpdatePayload',
      notificationContactDetails: { email: null, phoneNumber: null },
    });
    const deletes = h.emulator.requests().filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.path, r.onBehalfOf])).toEqual([
      ['/v3/notifications/v1/contact-details', U2],
    ]);
    expect(await contact(U2)).toEqual({ email: null, phoneNumber: null });
    expect((await contact(U1))?.email).toBe('andrew@example.com');
  });

  it('refuses isRemoved beside a detail to set, before calling CometChat', async () => {
    h.emulator.clearRequests();
    const response = await overHttp<{ viewerNotificationContactDetailsUpdate: Result }>(
      h,
      U1,
      CONTACT_UPDATE,
      { input: { isRemoved: true, email: 'andrew@example.com' } },
    );
    const result = response.data?.viewerNotificationContactDetailsUpdate;
    expect(result?.__typename).toBe('ValidationError');
    expect(result?.violations?.map((v) => v.path)).toContainEqual(['input', 'isRemoved']);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("maps CometChat's refusal onto the input field, without echoing the number", async () => {
    h.emulator.injectFault({
      method: 'PATCH',
      path: '/v3/notifications/v1/contact-details',
      status: 400,
      body: {
        error: {
          code: 'ERR_BAD_REQUEST',
          message: 'The phno +12025550199 is not reachable.',
          details: { phno: ['The phno is not reachable.'] },
        },
      },
    });
    const response = await overHttp<{ viewerNotificationContactDetailsUpdate: Result }>(
      h,
      U1,
      CONTACT_UPDATE,
      {
        input: { phoneNumber: '+12025550199' },
      },
    );
    h.emulator.clearFaults();
    const result = response.data?.viewerNotificationContactDetailsUpdate;
    expect(result?.__typename).toBe('ValidationError');
    expect(result?.violations?.map((v) => v.path)).toContainEqual(['input', 'phoneNumber']);
    expect(JSON.stringify(response)).not.toContain('+12025550199');
  });

  it('refuses an admin without a user perspective, with no call', async () => {
    h.emulator.clearRequests();
    const read = await overHttp(h, null, CONTACT_READ);
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const write = await overHttp<{ viewerNotificationContactDetailsUpdate: Result }>(
      h,
      null,
      CONTACT_UPDATE,
      {
        input: { email: 'someone@example.com' },
      },
    );
    expect(write.data?.viewerNotificationContactDetailsUpdate.__typename).toBe('ValidationError');
    expect(write.data?.viewerNotificationContactDetailsUpdate.message).toMatch(/X-Act-As/);
    expect(h.emulator.requests()).toEqual([]);
  });
});
