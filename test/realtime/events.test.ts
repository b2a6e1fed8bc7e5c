/**
 * Every subscription field, fed by a delivery shaped as CometChat documents its trigger's payload
 * (FACTS.md 8.4), posted to the receiver over a real socket and received over graphql-ws.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  JWT_SECRET,
  postDelivery,
  quietPeriod,
  subscribed,
  subscribeWs,
  unsubscribed,
  userToken,
  wsClient,
} from '../support/realtime.js';

const credentials = { username: 'hookuser', password: 'hookpassword123' };
const DIRECT = 'cometchat-uid-1_user_cometchat-uid-2';
const T = 1796400000;

const andrew = {
  uid: 'cometchat-uid-1',
  name: 'Andrew Joseph',
  avatar: 'https://example.com/avatars/andrew-joseph.png',
  status: 'available',
  role: 'default',
  lastActiveAt: 1696934440,
};
const george = { uid: 'cometchat-uid-2', name: 'George Alan', status: 'online', role: 'default' };
const group = {
  guid: 'cometchat-guid-1',
  name: 'Hiking Group',
  type: 'public',
  owner: 'cometchat-uid-1',
  membersCount: 8,
  createdAt: 1735693563,
  updatedAt: T,
  updatedBy: 'cometchat-uid-1',
  onlineMembersCount: 3,
};

function message(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    conversationId: DIRECT,
    sender: 'cometchat-uid-1',
    receiverType: 'user',
    receiver: 'cometchat-uid-2',
    category: 'message',
    type: 'text',
    data: {
      text: 'hi',
      entities: {
        sender: { entity: andrew, entityType: 'user' },
        receiver: { entity: george, entityType: 'user' },
      },
    },
    sentAt: T,
    updatedAt: T,
    ...extra,
  };
}

function action(id: string, verb: 'edited' | 'deleted', on: Record<string, unknown>) {
  return {
    id,
    conversationId: DIRECT,
    sender: 'cometchat-uid-1',
    receiverType: 'user',
    receiver: 'cometchat-uid-2',
    category: 'action',
    type: 'message',
    data: {
      action: verb,
      entities: {
        by: { entity: andrew, entityType: 'user' },
        on: { entity: on, entityType: 'message' },
      },
    },
    sentAt: T + 5,
    updatedAt: T + 5,
  };
}

const members = { 'cometchat-uid-2': { ...george, scope: 'moderator', oldScope: 'participant' } };

/** [field, selection, trigger, data, expected event]. */
const CASES: [string, string, string, Record<string, unknown>, Record<string, unknown>][] = [
  [
    'messageSent',
    'message { cometchatId sender { uid } }',
    'message_sent',
    { message: message('9001') },
    { message: { cometchatId: '9001', sender: { uid: 'cometchat-uid-1' } } },
  ],
  [
    'messageEdited',
    'messageCometchatId conversationId editedBy { uid } message { ... on TextMessage { text } }',
    'message_edited',
    {
      message: action('9003', 'edited', {
        ...message('9002'),
        data: { text: 'edited text' },
        editedAt: T + 5,
        editedBy: 'cometchat-uid-1',
      }),
    },
    {
      messageCometchatId: '9002',
      conversationId: DIRECT,
      editedBy: { uid: 'cometchat-uid-1' },
      message: { text: 'edited text' },
    },
  ],
  [
    'messageDeleted',
    'messageCometchatId deletedBy { uid } occurredAt',
    'message_deleted',
    {
      message: action('9005', 'deleted', {
        id: '9004',
        conversationId: DIRECT,
        deletedAt: 1696935005,
        deletedBy: 'cometchat-uid-1',
      }),
    },
    {
      messageCometchatId: '9004',
      deletedBy: { uid: 'cometchat-uid-1' },
      occurredAt: new Date(1696935005 * 1000).toISOString(),
    },
  ],
  [
    'userMentioned',
    'message { cometchatId } mentionedUsers { uid }',
    'user_mentioned',
    {
      message: message('9006', {
        data: {
          text: 'Hi <@uid:cometchat-uid-2>',
          mentions: { 'cometchat-uid-2': { uid: 'cometchat-uid-2', name: 'George Alan' } },
        },
      }),
    },
    { message: { cometchatId: '9006' }, mentionedUsers: [{ uid: 'cometchat-uid-2' }] },
  ],
  [
    'messageDelivered',
    'messageCometchatId conversationId user { uid }',
    'message_delivery_receipt',
    {
      receiver: 'cometchat-uid-1',
      receiverType: 'user',
      type: 'receipts',
      sender: 'cometchat-uid-2',
      messageSender: 'cometchat-uid-1',
      body: { action: 'delivered', messageId: '57', user: george, timestamp: 1696934950 },
    },
    { messageCometchatId: '57', conversationId: DIRECT, user: { uid: 'cometchat-uid-2' } },
  ],
  [
    'messageRead',
    'messageCometchatId user { uid } occurredAt',
    'message_read_receipt',
    {
      receiver: 'cometchat-uid-1',
      receiverType: 'user',
      type: 'receipts',
      sender: 'cometchat-uid-2',
      messageSender: 'cometchat-uid-1',
      body: { action: 'read', messageId: '57', user: george, timestamp: 1696934950 },
    },
    {
      messageCometchatId: '57',
      user: { uid: 'cometchat-uid-2' },
      occurredAt: new Date(1696934950 * 1000).toISOString(),
    },
  ],
  [
    'reactionAdded',
    'reaction { emoji user { uid } } messageCometchatId',
    'message_reaction_added',
    {
      reaction: {
        id: '77',
        messageId: '1',
        reaction: '🏒',
        uid: 'cometchat-uid-1',
        reactedAt: 1700655536,
        reactedBy: { uid: 'cometchat-uid-1', name: 'Andrew Joseph' },
      },
    },
    { reaction: { emoji: '🏒', user: { uid: 'cometchat-uid-1' } }, messageCometchatId: '1' },
  ],
  [
    'reactionRemoved',
    'reaction { emoji } messageCometchatId',
    'message_reaction_removed',
    {
      reaction: {
        id: '77',
        messageId: '1',
        reaction: '🏒',
        uid: 'cometchat-uid-1',
        reactedAt: 1700655536,
        reactedBy: { uid: 'cometchat-uid-1', name: 'Andrew Joseph' },
      },
    },
    { reaction: { emoji: '🏒' }, messageCometchatId: '1' },
  ],
  [
    'messageModerated',
    'message { cometchatId } decision isManual',
    'moderation_engine_blocked',
    {
      message: message('9007', {
        data: { text: 'bad words', moderation: { status: 'disapproved' } },
      }),
    },
    { message: { cometchatId: '9007' }, decision: 'BLOCKED', isManual: false },
  ],
  [
    'userBlocked',
    'by { uid } users { uid }',
    'user_blocked',
    {
      users: { 'cometchat-uid-3': { uid: 'cometchat-uid-3', name: 'Nancy Grace' } },
      by: { uid: 'cometchat-uid-1', name: 'Andrew Joseph' },
    },
    { by: { uid: 'cometchat-uid-1' }, users: [{ uid: 'cometchat-uid-3' }] },
  ],
  [
    'userUnblocked',
    'by { uid } users { uid }',
    'user_unblocked',
    {
      users: { 'cometchat-uid-3': { uid: 'cometchat-uid-3', name: 'Nancy Grace' } },
      by: { uid: 'cometchat-uid-1', name: 'Andrew Joseph' },
    },
    { by: { uid: 'cometchat-uid-1' }, users: [{ uid: 'cometchat-uid-3' }] },
  ],
  [
    'userStatusChanged',
    'user { uid } status platform occurredAt',
    'user_connection_status_changed',
    {
      timestamp: 1696935000123,
      user: { uid: 'cometchat-uid-2', name: 'George Alan', status: 'offline', role: 'default' },
      status: 'offline',
      currentConnection: {
        action: 'disconnected',
        platform: 'javascript',
        connectedAt: 1696934000000,
      },
      userPresenceChanged: true,
    },
    {
      user: { uid: 'cometchat-uid-2' },
      status: 'OFFLINE',
      platform: 'javascript',
      occurredAt: new Date(1696935000123).toISOString(),
    },
  ],
  [
    'groupCreated',
    'guid group { name } members { uid }',
    'group_created',
    {
      group: { ...group, scope: 'admin', joinedAt: T, hasJoined: true },
      members: { 'cometchat-uid-1': andrew },
    },
    {
      guid: 'cometchat-guid-1',
      group: { name: 'Hiking Group' },
      members: [{ uid: 'cometchat-uid-1' }],
    },
  ],
  [
    'groupUpdated',
    'guid group { name }',
    'group_updated',
    { group: { ...group, name: 'Hiking Group (renamed)' } },
    { guid: 'cometchat-guid-1', group: { name: 'Hiking Group (renamed)' } },
  ],
  [
    'groupDeleted',
    'guid group { name }',
    'group_deleted',
    { group: { ...group, guid: 'deleted-group', name: 'Gone' } },
    { guid: 'deleted-group', group: { name: 'Gone' } },
  ],
  [
    'groupMemberJoined',
    'guid users { uid }',
    'group_member_joined',
    { group, members: { 'cometchat-uid-9': { uid: 'cometchat-uid-9', name: 'Someone' } } },
    { guid: 'cometchat-guid-1', users: [{ uid: 'cometchat-uid-9' }] },
  ],
  [
    'groupMemberLeft',
    'guid users { uid }',
    'group_member_left',
    { group, members: { 'cometchat-uid-9': { uid: 'cometchat-uid-9', name: 'Someone' } } },
    { guid: 'cometchat-guid-1', users: [{ uid: 'cometchat-uid-9' }] },
  ],
  ...(['added', 'kicked', 'banned', 'unbanned'] as const).map(
    (verb): [string, string, string, Record<string, unknown>, Record<string, unknown>] => [
      `groupMember${verb.charAt(0).toUpperCase()}${verb.slice(1)}`,
      'guid users { uid } by { uid }',
      `group_member_${verb}`,
      {
        group,
        members: { 'cometchat-uid-9': { uid: 'cometchat-uid-9', name: 'Someone' } },
        by: { uid: 'cometchat-uid-1', name: 'Andrew Joseph' },
      },
      {
        guid: 'cometchat-guid-1',
        users: [{ uid: 'cometchat-uid-9' }],
        by: { uid: 'cometchat-uid-1' },
      },
    ],
  ),
  [
    'groupMemberScopeChanged',
    'guid user { uid } scope previousScope by { uid }',
    'group_member_scope_changed',
    { group, members, by: { uid: 'cometchat-uid-1', name: 'Andrew Joseph' } },
    {
      guid: 'cometchat-guid-1',
      user: { uid: 'cometchat-uid-2' },
      scope: 'MODERATOR',
      previousScope: 'PARTICIPANT',
      by: { uid: 'cometchat-uid-1' },
    },
  ],
  [
    'groupOwnerChanged',
    'guid owner { uid } previousOwner { uid }',
    'group_owner_transferred',
    { group: { ...group, owner: 'cometchat-uid-2', oldOwner: 'cometchat-uid-1' } },
    {
      guid: 'cometchat-guid-1',
      owner: { uid: 'cometchat-uid-2' },
      previousOwner: { uid: 'cometchat-uid-1' },
    },
  ],
  [
    'callInitiated',
    'message { cometchatId ... on CallMessage { sessionId } }',
    'call_initiated',
    {
      call: message('9008', {
        category: 'call',
        type: 'audio',
        data: {
          action: 'initiated',
          entities: {
            on: {
              entity: {
                sessionid: 'v1.us.abc',
                type: 'audio',
                status: 'initiated',
                initiatedAt: T,
              },
              entityType: 'call',
            },
          },
        },
      }),
    },
    { message: { cometchatId: '9008', sessionId: 'v1.us.abc' } },
  ],
  [
    'callStarted',
    'sessionId startedAt',
    'call_started',
    { created_at: 1696937600, sessionId: 'v1.us.abc' },
    { sessionId: 'v1.us.abc', startedAt: new Date(1696937600 * 1000).toISOString() },
  ],
  [
    'callEnded',
    'sessionId participants { name uid isAudioOnly } endedAt',
    'call_ended',
    {
      all_occupants: [
        {
          joined_at: 1696937600,
          audio_call: 'true',
          left_at: 1696937660,
          name: 'Andrew Joseph',
          uid: 'cometchat-uid-1',
        },
      ],
      destroyed_at: 1696937661,
      created_at: 1696937600,
      sessionId: 'v1.us.abc',
    },
    {
      sessionId: 'v1.us.abc',
      participants: [{ name: 'Andrew Joseph', uid: 'cometchat-uid-1', isAudioOnly: true }],
      endedAt: new Date(1696937661 * 1000).toISOString(),
    },
  ],
  [
    'callParticipantJoined',
    'sessionId participant { name }',
    'call_participant_joined',
    { occupant: { name: 'George Alan', joined_at: 1696937605 }, sessionId: 'v1.us.abc' },
    { sessionId: 'v1.us.abc', participant: { name: 'George Alan' } },
  ],
  [
    'callParticipantLeft',
    'sessionId participant { name }',
    'call_participant_left',
    { occupant: { name: 'George Alan', left_at: 1696937655 }, sessionId: 'v1.us.abc' },
    { sessionId: 'v1.us.abc', participant: { name: 'George Alan' } },
  ],
  [
    'meetingStarted',
    'sessionId',
    'meeting_started',
    { created_at: 1696937600, sessionId: 'v1.us.meet' },
    { sessionId: 'v1.us.meet' },
  ],
  [
    'meetingEnded',
    'sessionId participants { name }',
    'meeting_ended',
    {
      all_occupants: [{ joined_at: 1696937600, left_at: 1696937660, name: 'Andrew Joseph' }],
      destroyed_at: 1696937661,
      created_at: 1696937600,
      sessionId: 'v1.us.meet',
    },
    { sessionId: 'v1.us.meet', participants: [{ name: 'Andrew Joseph' }] },
  ],
  [
    'meetingParticipantJoined',
    'sessionId participant { name }',
    'meeting_participant_joined',
    { occupant: { name: 'George Alan' }, sessionId: 'v1.us.meet' },
    { sessionId: 'v1.us.meet', participant: { name: 'George Alan' } },
  ],
  [
    'meetingParticipantLeft',
    'sessionId participant { name }',
    'meeting_participant_left',
    { occupant: { name: 'George Alan' }, sessionId: 'v1.us.meet' },
    { sessionId: 'v1.us.meet', participant: { name: 'George Alan' } },
  ],
  [
    'callRecordingGenerated',
    'sessionId url durationSeconds',
    'recording_generated',
    {
      recordingDate: '2023-10-10',
      duration: '21.433000',
      startTime: '1696937627',
      sessionId: 'v1.us.abc',
      recording_url: 'https://example.com/recording.mp4',
    },
    { sessionId: 'v1.us.abc', url: 'https://example.com/recording.mp4', durationSeconds: 21.433 },
  ],
  [
    'callTranscriptGenerated',
    'sessionId url',
    'transcription_generated',
    {
      sessionId: 'v1.us.abc',
      tid: 't1',
      transcriptDate: '2023-10-10',
      transcript_url: 'https://example.com/transcript.txt',
      startTime: '1696937627',
      endTime: '1696937687',
    },
    { sessionId: 'v1.us.abc', url: 'https://example.com/transcript.txt' },
  ],
];

describe('every subscription field receives its trigger', () => {
  let t: TestGateway;
  let client: Client;
  beforeAll(async () => {
    t = await startTestGateway({
      env: {
        WEBHOOK_USERNAME: credentials.username,
        WEBHOOK_PASSWORD: credentials.password,
        GATEWAY_JWT_SECRET: JWT_SECRET,
      },
    });
    t.secrets.push(credentials.password);
    client = wsClient(t.info.graphqlUrl, ADMIN_TOKEN);
  });
  afterAll(async () => {
    await client.dispose();
    await t.close();
  });

  it('covers the documented triggers with a typed event each', async () => {
    const base = t.gateway.realtime.bus.active;
    const subs = CASES.map(([field, selection]) =>
      subscribeWs<Record<string, Record<string, unknown>>>(
        client,
        `subscription { ${field} { ${selection} occurredAt } }`,
      ),
    );
    try {
      await subscribed(t.gateway, base, CASES.length);
      for (const [, , trigger, data] of CASES) {
        const response = await postDelivery(t.info.url, credentials, {
          trigger,
          data,
          appId: t.emulator.appId,
          region: 'us',
          webhook: 'hook1',
        });
        expect(response.status, trigger).toBe(200);
        expect(await response.json(), trigger).toEqual({ received: true, duplicate: false });
      }
      for (const [index, [field, , trigger, , expected]] of CASES.entries()) {
        const sub = subs[index];
        if (!sub) throw new Error('missing subscription');
        const [event] = await sub.waitFor(1);
        expect(sub.errors, field).toEqual([]);
        expect(event?.[field], `${field} (${trigger})`).toMatchObject(expected);
        expect(typeof event?.[field]?.occurredAt, field).toBe('string');
      }
      await quietPeriod(300);
      // Each field got exactly its own trigger's event.
      expect(subs.map((sub) => sub.events.length)).toEqual(CASES.map(() => 1));
    } finally {
      for (const sub of subs) await sub.close();
      await unsubscribed(t.gateway, base);
    }
  });

  it('answers `messageSent { message { sender { name } } }` from the payload, for an admin and for an end user', async () => {
    const base = t.gateway.realtime.bus.active;
    const admin = subscribeWs<{ messageSent: { message: { sender: { name: string } } } }>(
      client,
      'subscription { messageSent { message { sender { name } receiver { ... on User { name } } } } }',
    );
    const userClient = wsClient(t.info.graphqlUrl, await userToken('cometchat-uid-2'));
    const user = subscribeWs<{ messageSent: { message: { sender: { name: string } } } }>(
      userClient,
      'subscription { messageSent { message { sender { name } } } }',
    );
    try {
      await subscribed(t.gateway, base, 2);
      const sender = {
        ...andrew,
        name: 'Andrew (as the payload says)',
        createdAt: 1735689663,
      };
      const receiver = { ...george, createdAt: 1735689723 };
      const calls = await t.countUpstream(async () => {
        await postDelivery(t.info.url, credentials, {
          trigger: 'message_sent',
          appId: t.emulator.appId,
          region: 'us',
          webhook: 'hook1',
          data: {
            message: message('9100', {
              data: {
                text: 'primed',
                entities: {
                  sender: { entity: sender, entityType: 'user' },
                  receiver: { entity: receiver, entityType: 'user' },
                },
              },
            }),
          },
        });
        await admin.waitFor(1);
        await user.waitFor(1);
      });
      expect(admin.events[0]?.messageSent.message).toEqual({
        sender: { name: 'Andrew (as the payload says)' },
        receiver: { name: 'George Alan' },
      });
      // The payload is rendered for nobody: an end user's view serves the sender from it too
      // (only the viewer fields, `isBlockedByViewer` and `hasBlockedViewer`, would cost a lookup).
      expect(user.events[0]?.messageSent.message).toEqual({
        sender: { name: 'Andrew (as the payload says)' },
      });
      expect(calls).toBe(0);
    } finally {
      await admin.close();
      await user.close();
      await userClient.dispose();
      await unsubscribed(t.gateway, base);
    }
  });

  it('reads each event fresh: nothing loaded for one event is reused for the next', async () => {
    const base = t.gateway.realtime.bus.active;
    const sub = subscribeWs<{ messageSent: { message: { sender: { name: string } } } }>(
      client,
      'subscription { messageSent { message { sender { name } } } }',
    );
    try {
      await subscribed(t.gateway, base);
      for (const [id, name] of [
        ['9200', 'First name'],
        ['9201', 'Second name'],
      ]) {
        await postDelivery(t.info.url, credentials, {
          trigger: 'message_sent',
          appId: t.emulator.appId,
          region: 'us',
          webhook: 'hook1',
          data: {
            message: message(id as string, {
              data: {
                text: 'x',
                entities: {
                  sender: {
                    entity: { ...andrew, name, createdAt: 1735689663 },
                    entityType: 'user',
                  },
                },
              },
            }),
          },
        });
      }
      await sub.waitFor(2);
      expect(sub.events.map((event) => event.messageSent.message.sender.name)).toEqual([
        'First name',
        'Second name',
      ]);
    } finally {
      await sub.close();
      await unsubscribed(t.gateway, base);
    }
  });
});
