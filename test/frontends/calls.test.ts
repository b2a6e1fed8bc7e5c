/**
 * Call logs over the emulator (seed `demo`, whose call log holds an ended video call u1→u2 with a
 * recording, a missed audio call u2→u1, a rejected call u3→u2 and a group call of u1 and u3):
 * `calls` with filters and pages, `call(sessionId:)`, `node(id:)`, `CallMessage.call`, the viewer
 * rules (a user sees their own calls, an admin all), validation before the network, CometChat's
 * refusals as GraphQL errors, and that every one of these went to the Calls API's host.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';
import { overHttp } from './support.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';
const G1 = 'cometchat-guid-1';
const ENDED = 'v1.us.emulator.call-ended';
const MISSED = 'v1.us.emulator.call-missed';
const REJECTED = 'v1.us.emulator.call-rejected';
const GROUP_CALL = 'v1.us.emulator.call-group';

const CALLS = `query($first: Int, $after: String, $filter: CallFilter) {
  calls(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { sessionId } } }`;

interface CallsData {
  calls: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { sessionId: string }[];
  };
}

function sessions(data: CallsData | null | undefined): string[] {
  return (data?.calls.nodes ?? []).map((n) => n.sessionId);
}

/** The emulator's requests since the last reset, split by host: Calls API or chat API. */
function hosts(): { calls: string[]; chat: string[] } {
  const requests = h.emulator.requests();
  return {
    calls: requests.filter((r) => r.path.startsWith('/calls-api/v3/')).map((r) => r.path),
    chat: requests.filter((r) => r.path.startsWith('/v3/')).map((r) => r.path),
  };
}

beforeEach(() => {
  h.emulator.clearRequests();
});

describe('calls', () => {
  it('lists every call for an admin, newest first, on the Calls API host, a page per call', async () => {
    let data: CallsData | null | undefined;
    const calls = await h.countUpstream(async () => {
      const response = await h.query<CallsData>(CALLS, { first: 10 });
      expect(response.errors).toBeUndefined();
      data = response.data;
    });
    expect(calls).toBe(1);
    expect(sessions(data)).toEqual([GROUP_CALL, REJECTED, MISSED, ENDED]);
    expect(data?.calls.totalCount).toBe(4);
    const { calls: callHost, chat } = hosts();
    expect(callHost).toEqual(['/calls-api/v3/calls']);
    expect(chat).toEqual([]);
    const request = h.emulator.requests().at(-1);
    expect(request?.onBehalfOf).toBeUndefined();
  });

  it('pages forward with cursors', async () => {
    const first = await h.query<CallsData>(CALLS, { first: 3 });
    expect(sessions(first.data)).toEqual([GROUP_CALL, REJECTED, MISSED]);
    expect(first.data?.calls.pageInfo.hasNextPage).toBe(true);
    const rest = await h.query<CallsData>(CALLS, {
      first: 3,
      after: first.data?.calls.pageInfo.endCursor,
    });
    expect(rest.errors).toBeUndefined();
    expect(sessions(rest.data)).toEqual([ENDED]);
    expect(rest.data?.calls.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by user, group, type, status, missed, recording and date range', async () => {
    const byUser = await h.query<CallsData>(CALLS, { filter: { withUser: U3 } });
    expect(sessions(byUser.data)).toEqual([GROUP_CALL, REJECTED]);
    const inGroup = await h.query<CallsData>(CALLS, { filter: { withGroup: G1 } });
    expect(sessions(inGroup.data)).toEqual([GROUP_CALL]);
    const video = await h.query<CallsData>(CALLS, { filter: { callType: 'VIDEO' } });
    expect(sessions(video.data)).toEqual([GROUP_CALL, ENDED]);
    const rejected = await h.query<CallsData>(CALLS, { filter: { status: 'REJECTED' } });
    expect(sessions(rejected.data)).toEqual([REJECTED]);
    const missed = await h.query<CallsData>(CALLS, { filter: { missedOnly: true } });
    expect(sessions(missed.data)).toEqual([MISSED]);
    const recorded = await h.query<CallsData>(CALLS, { filter: { hasRecording: true } });
    expect(sessions(recorded.data)).toEqual([ENDED]);

    const ended = h.emulator.store.callLogs.find((c) => c.sessionId === ENDED);
    const rejectedRow = h.emulator.store.callLogs.find((c) => c.sessionId === REJECTED);
    if (!ended?.endedAt || !rejectedRow) throw new Error('seed changed');
    const since = await h.query<CallsData>(CALLS, {
      filter: { startedAfter: new Date((ended.endedAt + 1) * 1000).toISOString() },
    });
    expect(sessions(since.data)).toEqual([GROUP_CALL, REJECTED, MISSED]);
    const until = await h.query<CallsData>(CALLS, {
      filter: { endedBefore: new Date(rejectedRow.initiatedAt * 1000).toISOString() },
    });
    expect(sessions(until.data)).toEqual([REJECTED, MISSED, ENDED]);
    const query = h.emulator.requests().find((r) => r.query.includes('status=unanswered'));
    expect(query?.path).toBe('/calls-api/v3/calls');
  });

  it('shows an end user only the calls they took part in (as them), with a user among them', async () => {
    const mine = await h.asUser<CallsData>(U2, CALLS, {});
    expect(mine.errors).toBeUndefined();
    expect(sessions(mine.data)).toEqual([REJECTED, MISSED, ENDED]);
    expect(h.emulator.requests().at(-1)).toMatchObject({
      path: '/calls-api/v3/calls',
      onBehalfOf: U2,
    });
    const withU1 = await overHttp<CallsData>(h, U2, CALLS, { filter: { withUser: U1 } });
    expect(withU1.errors).toBeUndefined();
    expect(sessions(withU1.data)).toEqual([MISSED, ENDED]);
    const u3 = await h.asUser<CallsData>(U3, CALLS, {});
    expect(sessions(u3.data)).toEqual([GROUP_CALL, REJECTED]);
  });

  it('refuses bad filters and windows before calling CometChat', async () => {
    for (const variables of [
      { first: -1 },
      { first: 101 },
      { filter: { status: 'OTHER' } },
      { filter: { missedOnly: true, status: 'ENDED' } },
      { filter: { withUser: '' } },
      { filter: { withGroup: 'x'.repeat(101) } },
      { filter: { startedAfter: '2025-02-01T00:00:00Z', endedBefore: '2025-01-01T00:00:00Z' } },
      { after: 'not-a-cursor' },
    ]) {
      let response!: Awaited<ReturnType<typeof h.asUser>>;
      const calls = await h.countUpstream(async () => {
        response = await h.asUser(U1, CALLS, variables);
      });
      expect(calls, JSON.stringify(variables)).toBe(0);
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe(
        'BAD_USER_INPUT',
      );
    }
  });

  it("maps CometChat's refusal to an error, without leaking the key", async () => {
    h.emulator.injectFault({
      method: 'GET',
      path: '/calls-api/v3/calls',
      status: 403,
      body: { error: { code: 'ERR_ACTION_NOT_ALLOWED', message: 'Not allowed.' } },
    });
    const response = await overHttp(h, U1, CALLS, { first: 5 });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(response)).not.toContain(h.emulator.apiKey);
  });
});

const CALL = `query($id: String!) { call(sessionId: $id) {
  id sessionId callType mode status statusName isMissed durationSeconds totalDuration hasRecording hasTranscription
  initiatedAt startedAt endedAt
  initiator { uid } receiver { __typename ... on User { uid } ... on Group { guid } }
  participants { uid isJoined state joinedAt leftAt user { uid name } }
  recordings { recordingId url durationSeconds startedAt endedAt } } }`;

/** What an end user asks for one call: participants by name (their users cost a call each). */
const CALL_AS_USER = `query($id: String!) { call(sessionId: $id) {
  sessionId status participants { uid name isJoined } } }`;

interface CallData {
  call: {
    id: string;
    sessionId: string;
    status: string;
    isMissed: boolean;
    durationSeconds: number | null;
    receiver: { __typename: string; uid?: string; guid?: string } | null;
    participants: { uid: string; isJoined: boolean; state: string; user: { uid: string } | null }[];
    recordings: { recordingId: string; url: string | null; durationSeconds: number | null }[];
  } | null;
}

describe('call', () => {
  it('reads one call with participants and recordings from the Calls API', async () => {
    const response = await h.query<CallData>(CALL, { id: ENDED });
    expect(response.errors).toBeUndefined();
    expect(response.data?.call).toMatchObject({
      sessionId: ENDED,
      callType: 'VIDEO',
      mode: 'call',
      status: 'ENDED',
      statusName: 'ended',
      isMissed: false,
      durationSeconds: 300,
      totalDuration: '00:05:00',
      hasRecording: true,
      hasTranscription: false,
      initiator: { uid: U1 },
      receiver: { __typename: 'User', uid: U2 },
      recordings: [{ recordingId: 'rec-1', durationSeconds: 290 }],
    });
    expect(response.data?.call?.participants).toEqual([
      expect.objectContaining({
        uid: U1,
        isJoined: true,
        state: 'ended',
        user: expect.objectContaining({ uid: U1 }),
      }),
      expect.objectContaining({ uid: U2, isJoined: true, state: 'ended' }),
    ]);
    expect(hosts().calls).toContain(`/calls-api/v3/calls/${ENDED}`);
    expect(hosts().chat.some((p) => p.startsWith('/v3/calls'))).toBe(false);

    const group = await h.query<CallData>(CALL, { id: GROUP_CALL });
    expect(group.data?.call?.receiver).toEqual({ __typename: 'Group', guid: G1 });
    const missed = await h.query<CallData>(CALL, { id: MISSED });
    expect(missed.data?.call).toMatchObject({
      isMissed: true,
      status: 'UNANSWERED',
      durationSeconds: 0,
    });

    const node = await h.query<{ node: { sessionId: string } | null }>(
      'query($id: ID!) { node(id: $id) { ... on Call { sessionId } } }',
      { id: response.data?.call?.id },
    );
    expect(node.errors).toBeUndefined();
    expect(node.data?.node?.sessionId).toBe(ENDED);
  });

  it('is null for an unknown call and, for an end user, for a call they were not in', async () => {
    const unknown = await h.query<CallData>(CALL, { id: 'no-such-session' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.call).toBeNull();
    const notMine = await h.asUser<CallData>(U2, CALL_AS_USER, { id: GROUP_CALL });
    expect(notMine.errors).toBeUndefined();
    expect(notMine.data?.call).toBeNull();
    expect(h.emulator.requests().at(-1)).toMatchObject({
      path: `/calls-api/v3/calls/${GROUP_CALL}`,
      onBehalfOf: U2,
    });
    const mine = await h.asUser<CallData>(U3, CALL_AS_USER, { id: GROUP_CALL });
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.call?.sessionId).toBe(GROUP_CALL);
    expect(mine.data?.call?.participants.map((p) => p.uid)).toEqual([U1, U3]);
  });

  it('refuses an empty session id before calling CometChat', async () => {
    let response!: Awaited<ReturnType<typeof h.query>>;
    const calls = await h.countUpstream(async () => {
      response = await h.query(CALL, { id: '  ' });
    });
    expect(calls).toBe(0);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('CallMessage.call', () => {
  it('resolves the call log entry of a call message by its session id', async () => {
    const store = h.emulator.store;
    const ended = store.callLogs.find((c) => c.sessionId === ENDED);
    if (!ended) throw new Error('seed changed');
    const message = store.addMessage({
      conversationId: `${U1}_user_${U2}`,
      sender: U1,
      receiver: U2,
      receiverType: 'user',
      category: 'call',
      type: 'video',
      data: { action: 'ended' },
      tags: [],
      replyCount: 0,
      sentAt: ended.endedAt ?? ended.initiatedAt,
      updatedAt: ended.endedAt ?? ended.initiatedAt,
      action: {
        by: { type: 'user', id: U1 },
        on: { type: 'call', id: ENDED },
        for: { type: 'user', id: U2 },
      },
    });
    const response = await h.asUser<{
      message: {
        sessionId: string | null;
        call: { sessionId: string; durationSeconds: number } | null;
      } | null;
    }>(
      U2,
      `query($id: String!) { message(id: $id) { ... on CallMessage { sessionId call { sessionId durationSeconds } } } }`,
      { id: String(message.id) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.message).toEqual({
      sessionId: ENDED,
      call: { sessionId: ENDED, durationSeconds: 300 },
    });
    expect(hosts().calls).toContain(`/calls-api/v3/calls/${ENDED}`);
  });
});

describe('calls started by call messages', () => {
  it('are recorded in the call log, and their later messages move them on', async () => {
    const store = h.emulator.store;
    const session = 'v1.us.emulator.call-from-message';
    const at = store.now();
    const callMessage = (action: string, sentAt: number) =>
      store.addMessage({
        conversationId: `${U1}_user_${U2}`,
        sender: U2,
        receiver: U1,
        receiverType: 'user',
        category: 'call',
        type: 'audio',
        data: { action },
        tags: [],
        replyCount: 0,
        sentAt,
        updatedAt: sentAt,
        action: {
          by: { type: 'user', id: U2 },
          on: { type: 'call', id: session },
          for: { type: 'user', id: U1 },
        },
      });
    callMessage('initiated', at);
    const CALL_STATE = `query($id: String!) { call(sessionId: $id) {
      sessionId callType status durationSeconds initiator { uid } } }`;
    interface CallState {
      call: {
        sessionId: string;
        callType: string;
        status: string;
        durationSeconds: number | null;
        initiator: { uid: string } | null;
      } | null;
    }
    const listed = await h.asUser<CallsData>(U1, CALLS, { first: 10 });
    expect(listed.errors).toBeUndefined();
    expect(sessions(listed.data)).toContain(session);
    const initiated = await h.query<CallState>(CALL_STATE, { id: session });
    expect(initiated.data?.call).toMatchObject({
      sessionId: session,
      callType: 'AUDIO',
      status: 'INITIATED',
      initiator: { uid: U2 },
    });
    callMessage('ongoing', at + 3);
    callMessage('ended', at + 63);
    const ended = await h.query<CallState>(CALL_STATE, { id: session });
    expect(ended.data?.call).toMatchObject({ status: 'ENDED', durationSeconds: 60 });
    // A call that is over stays as it ended.
    callMessage('initiated', at + 70);
    const after = await h.query<CallState>(CALL_STATE, { id: session });
    expect(after.data?.call?.status).toBe('ENDED');
    // Someone who took no part does not see it.
    const outsider = await h.asUser<CallsData>('cometchat-uid-4', CALLS, { first: 10 });
    expect(sessions(outsider.data)).not.toContain(session);
  });
});

describe('without a Calls API base URL', () => {
  const bare = useHarness({ seed: 'demo' }, { client: { callBaseUrl: undefined } });

  it('fails the call fields as unavailable without sending anything', async () => {
    bare.emulator.clearRequests();
    const response = await bare.query<CallsData>(CALLS, { first: 5 });
    expect(response.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(bare.emulator.requests()).toEqual([]);
  });
});
