/**
 * `viewer.threads` over the emulator (seed `demo`): the threads a user takes part in, as their
 * parent messages, paged by cursor with one upstream call per page; every thread of their
 * conversations with `participatedByMe: false`; nothing for an admin without `X-Act-As`;
 * validation before the network and CometChat's refusals as GraphQL errors.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';
import { overHttp } from './support.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';

async function send(as: string, to: string, text: string): Promise<string> {
  const response = await h.asUser<{ messageSend: { sentMessage: { cometchatId: string } } }>(
    as,
    `mutation($input: MessageSendInput!) { messageSend(input: $input) {
      ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
    { input: { receiverUids: [to], text } },
  );
  const id = response.data?.messageSend.sentMessage.cometchatId;
  if (!id) throw new Error(`not sent: ${JSON.stringify(response)}`);
  return id;
}

async function reply(as: string, parent: string): Promise<void> {
  const response = await h.asUser(
    as,
    `mutation($input: MessageReplyInput!) { messageReply(input: $input) { __typename } }`,
    { input: { parentMessageId: parent, text: 'a reply' } },
  );
  expect(JSON.stringify(response)).toContain('MessageReplyPayload');
}

const THREADS = `query($first: Int, $after: String, $p: Boolean) { viewer { threads(first: $first, after: $after, participatedByMe: $p) {
  nodes { cometchatId replyCount isThreadSubscribed } pageInfo { hasNextPage endCursor } } } }`;

interface ThreadsData {
  viewer: {
    threads: {
      nodes: { cometchatId: string; replyCount: number; isThreadSubscribed: boolean | null }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

describe('viewer.threads', () => {
  it("lists the user's threads as parent messages, a page per call", async () => {
    const a = await send(U1, U2, 'thread a');
    const b = await send(U2, U1, 'thread b');
    const c = await send(U1, U3, 'not shared with u2');
    await reply(U2, a);
    await reply(U1, b);
    await reply(U3, c);

    let data!: ThreadsData;
    const calls = await h.countUpstream(async () => {
      const response = await h.asUser<ThreadsData>(U2, THREADS, { first: 1 });
      expect(response.errors).toBeUndefined();
      data = response.data as ThreadsData;
    });
    expect(calls).toBe(1);
    const requests = h.emulator.requests().filter((r) => r.path.startsWith('/v3/threads'));
    expect(requests.at(-1)).toMatchObject({ method: 'GET', onBehalfOf: U2 });
    const first = data.viewer.threads;
    expect(first.nodes).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await h.asUser<ThreadsData>(U2, THREADS, {
      first: 50,
      after: first.pageInfo.endCursor,
    });
    expect(rest.errors).toBeUndefined();
    const ids = [...first.nodes, ...(rest.data?.viewer.threads.nodes ?? [])].map(
      (n) => n.cometchatId,
    );
    expect(ids).toContain(a);
    expect(ids).toContain(b);
    expect(ids).not.toContain(c);
    for (const node of rest.data?.viewer.threads.nodes ?? []) {
      expect(node.isThreadSubscribed).toBe(true);
      expect(node.replyCount).toBeGreaterThan(0);
    }
  });

  it('leaves out muted threads unless participatedByMe is false', async () => {
    const a = await send(U1, U2, 'muted thread');
    await reply(U2, a);
    const mute = await h.asUser(
      U2,
      `mutation($input: MessageThreadUnsubscribeInput!) { messageThreadUnsubscribe(input: $input) { __typename } }`,
      { input: { messageId: a } },
    );
    expect(mute.errors).toBeUndefined();
    const followed = await h.asUser<ThreadsData>(U2, THREADS, { first: 100 });
    expect(followed.data?.viewer.threads.nodes.map((n) => n.cometchatId)).not.toContain(a);
    const all = await h.asUser<ThreadsData>(U2, THREADS, { first: 100, p: false });
    const node = all.data?.viewer.threads.nodes.find((n) => n.cometchatId === a);
    expect(node).toMatchObject({ isThreadSubscribed: false });
  });

  it('is empty for an admin caller without X-Act-As, without a call', async () => {
    let response!: Awaited<ReturnType<typeof h.query<ThreadsData>>>;
    const calls = await h.countUpstream(async () => {
      response = await h.query<ThreadsData>(THREADS, { first: 5 });
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.viewer.threads.nodes).toEqual([]);
    expect(calls).toBe(0);
  });

  it('refuses a bad window before calling CometChat', async () => {
    let response!: Awaited<ReturnType<typeof h.asUser>>;
    const calls = await h.countUpstream(async () => {
      response = await h.asUser(U1, THREADS, { first: -1 });
    });
    expect(calls).toBe(0);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("maps CometChat's refusal to an error", async () => {
    h.emulator.injectFault({
      method: 'GET',
      path: '/v3/threads',
      status: 403,
      body: { error: { code: 'ERR_NOT_A_MEMBER', message: 'Not allowed.' } },
    });
    const response = await overHttp(h, U1, THREADS, { first: 5 });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data).toEqual({ viewer: { threads: null } });
    expect(response.errors?.[0]?.path).toEqual(['viewer', 'threads']);
  });
});
