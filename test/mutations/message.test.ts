/**
 * Message mutations over the real emulator (seed `demo`): send (text, media, custom; one and
 * several receivers; muid echoed; the edge pages on in the conversation's list), reply, edit and
 * delete. Each with its success visible through a query, validation refused without any upstream
 * call, and upstream refusals as typed errors.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../support/emulator-http.js';
import type { GraphQLResponse } from '../support/graphql-http.js';
import {
  mutationDocument,
  ok,
  USER_ERROR_FIELDS,
  type UserErrorShape,
  useHarness,
  VIOLATION_FIELDS,
} from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';
const G1 = 'cometchat-guid-1';
const G4 = 'cometchat-guid-4';
const C12 = 'cometchat-uid-1_user_cometchat-uid-2';

const ERROR_FIELDS = `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`;

const MESSAGE_FIELDS = /* GraphQL */ `
  __typename id cometchatId muid conversationId tags metadata editedAt deletedAt replyCount isEditedByApp
  sender { uid }
  receiver { __typename ... on User { uid } ... on Group { guid } }
  ... on TextMessage { text }
  ... on MediaMessage { mediaType caption attachments { url name mimeType extension size } }
  ... on CustomMessage { customType customData }
`;

async function read<T = Json>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  return ok(await h.query<T>(text, variables));
}

const SEND = mutationDocument(
  'messageSend',
  /* GraphQL */ `
    sentMessage { ${MESSAGE_FIELDS} }
    messageEdge { __typename cursor node { cometchatId } }
    outcomes {
      uid guid ok
      sentMessage { cometchatId conversationId }
      messageEdge { cursor }
      error { __typename message path code }
    }
  `,
  ERROR_FIELDS,
);

interface SendResult {
  __typename: string;
  sentMessage: Json;
  messageEdge: { __typename: string; cursor: string; node: { cometchatId: string } };
  outcomes: {
    uid: string | null;
    guid: string | null;
    ok: boolean;
    sentMessage: { cometchatId: string; conversationId: string } | null;
    messageEdge: { cursor: string } | null;
    error: UserErrorShape | null;
  }[];
}

async function send(input: Json): Promise<{ result: SendResult & UserErrorShape; calls: number }> {
  return h.mutate<SendResult & UserErrorShape>(SEND, { input });
}

async function sendText(sender: string, to: string, text: string): Promise<string> {
  const { result } = await send({ senderUid: sender, receiverUids: [to], text });
  expect(result.__typename).toBe('MessageSendPayload');
  return result.sentMessage.cometchatId as string;
}

describe('messageSend', () => {
  it('sends a text message with muid, tags and metadata, echoes the muid and returns its edge', async () => {
    const { result, calls } = await send({
      senderUid: 'Cometchat-UID-1',
      receiverUids: [U2],
      text: 'Hello from the gateway',
      muid: 'client-42',
      tags: ['greeting'],
      metadata: { via: 'test' },
    });
    expect(calls).toBe(1);
    expect(result.__typename).toBe('MessageSendPayload');
    expect(result.sentMessage).toMatchObject({
      __typename: 'TextMessage',
      muid: 'client-42',
      text: 'Hello from the gateway',
      conversationId: C12,
      tags: ['greeting'],
      metadata: { via: 'test' },
      sender: { uid: U1 },
      receiver: { __typename: 'User', uid: U2 },
    });
    expect(result.messageEdge.__typename).toBe('MessageEdge');
    expect(result.messageEdge.node.cometchatId).toBe(result.sentMessage.cometchatId);
    expect(result.outcomes).toEqual([
      {
        uid: U2,
        guid: null,
        ok: true,
        sentMessage: { cometchatId: result.sentMessage.cometchatId, conversationId: C12 },
        messageEdge: { cursor: result.messageEdge.cursor },
        error: null,
      },
    ]);

    // Visible afterwards, and the edge's cursor pages on in the conversation's list.
    const data = await read<{
      before: { nodes: Json[] };
      after: { nodes: Json[]; pageInfo: { hasNextPage: boolean } };
      latest: { nodes: Json[] };
    }>(
      `query($c: String!, $cursor: String!) {
        before: messages(conversationId: $c, last: 2, before: $cursor) { nodes { cometchatId } }
        after: messages(conversationId: $c, first: 5, after: $cursor) { nodes { cometchatId } pageInfo { hasNextPage } }
        latest: messages(conversationId: $c, last: 1) { nodes { cometchatId muid ... on TextMessage { text } } }
      }`,
      { c: C12, cursor: result.messageEdge.cursor },
    );
    expect(data.latest.nodes).toEqual([
      {
        cometchatId: result.sentMessage.cometchatId,
        muid: 'client-42',
        text: 'Hello from the gateway',
      },
    ]);
    expect(data.before.nodes).toHaveLength(2);
    for (const node of data.before.nodes) {
      expect(Number(node.cometchatId)).toBeLessThan(Number(result.sentMessage.cometchatId));
    }
    expect(data.after).toEqual({ nodes: [], pageInfo: { hasNextPage: false } });
  });

  it('sends a media message by URL to a group', async () => {
    const { result } = await send({
      senderUid: U1,
      receiverGuids: [G1],
      mediaType: 'IMAGE',
      text: 'The summit',
      attachments: [
        {
          url: 'https://example.com/summit.JPG',
          name: 'summit.JPG',
          mimeType: 'image/jpeg',
          size: 20480,
        },
      ],
    });
    expect(result.sentMessage).toMatchObject({
      __typename: 'MediaMessage',
      mediaType: 'IMAGE',
      caption: 'The summit',
      conversationId: `group_${G1}`,
      receiver: { __typename: 'Group', guid: G1 },
      attachments: [
        {
          url: 'https://example.com/summit.JPG',
          name: 'summit.JPG',
          mimeType: 'image/jpeg',
          extension: 'jpg',
          size: 20480,
        },
      ],
    });
    const data = await read<{ group: { messages: { nodes: Json[] } } }>(
      `query($g: String!) { group(guid: $g) { messages(last: 1) { nodes { cometchatId __typename } } } }`,
      { g: G1 },
    );
    expect(data.group.messages.nodes).toEqual([
      { cometchatId: result.sentMessage.cometchatId, __typename: 'MediaMessage' },
    ]);
  });

  it('sends a custom message as the app when no sender is named', async () => {
    const { result } = await send({
      receiverUids: [U3],
      customType: 'location',
      customData: { lat: 37.77, lng: -122.42 },
    });
    expect(result.sentMessage).toMatchObject({
      __typename: 'CustomMessage',
      customType: 'location',
      customData: { lat: 37.77, lng: -122.42 },
      sender: null,
    });
  });

  it('sends to several receivers with an outcome per receiver', async () => {
    const { result, calls } = await send({
      senderUid: U1,
      receiverUids: [U2, 'nobody-here', U2],
      receiverGuids: [G1],
      text: 'Announcement',
      muid: 'broadcast-1',
    });
    expect(calls).toBe(1);
    expect(result.__typename).toBe('MessageSendPayload');
    const [toU2, toNobody, toG1] = result.outcomes;
    expect(result.outcomes).toHaveLength(3);
    expect(toU2).toMatchObject({ uid: U2, guid: null, ok: true, error: null });
    expect(toNobody).toMatchObject({
      uid: 'nobody-here',
      ok: false,
      sentMessage: null,
      messageEdge: null,
      error: {
        __typename: 'NotFoundError',
        path: ['input', 'receiverUids', '1'],
        code: 'ERR_UID_NOT_FOUND',
      },
    });
    expect(toG1).toMatchObject({ uid: null, guid: G1, ok: true, error: null });
    expect(toG1?.sentMessage?.conversationId).toBe(`group_${G1}`);
    expect(result.sentMessage.cometchatId).toBe(toU2?.sentMessage?.cometchatId);
    expect(result.sentMessage.muid).toBe('broadcast-1');

    const data = await read<{ message: Json }>(
      `query($id: String!) { message(id: $id) { muid conversationId } }`,
      { id: toG1?.sentMessage?.cometchatId },
    );
    expect(data.message).toEqual({ muid: 'broadcast-1', conversationId: `group_${G1}` });
  });

  it('returns the first error when no receiver got the message', async () => {
    const { result } = await send({
      senderUid: U1,
      receiverUids: ['nobody-a', 'nobody-b'],
      text: 'Anyone?',
    });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'receiverUids', '0'],
      code: 'ERR_UID_NOT_FOUND',
    });
    expect(result.message).toContain('No receiver got the message');
    expect(result.message).toContain('receiverUids.1');
  });

  it.each([
    ['text missing', { receiverUids: [U2] }, ['input', 'text']],
    ['blank text', { receiverUids: [U2], text: '   ' }, ['input', 'text']],
    ['no receiver', { text: 'hi' }, ['input', 'receiverUids']],
    ['bad uid charset', { receiverUids: ['bad uid!'], text: 'hi' }, ['input', 'receiverUids', '0']],
    [
      'uid too long',
      { receiverUids: ['u'.repeat(101)], text: 'hi' },
      ['input', 'receiverUids', '0'],
    ],
    [
      'too many receivers',
      { receiverUids: Array.from({ length: 26 }, (_, i) => `user-${i}`), text: 'hi' },
      ['input', 'receiverUids'],
    ],
    ['bad sender', { senderUid: 'a b', receiverUids: [U2], text: 'hi' }, ['input', 'senderUid']],
    [
      'too many tags',
      { receiverUids: [U2], text: 'hi', tags: Array.from({ length: 26 }, (_, i) => `t${i}`) },
      ['input', 'tags'],
    ],
    [
      'tag too long',
      { receiverUids: [U2], text: 'hi', tags: ['x'.repeat(101)] },
      ['input', 'tags', '0'],
    ],
    [
      'message too large',
      { receiverUids: [U2], text: 'x'.repeat(60_000), metadata: { pad: 'y'.repeat(6_000) } },
      ['input', 'text'],
    ],
    [
      'metadata makes it too large',
      { receiverUids: [U2], text: 'hi', metadata: { pad: 'y'.repeat(66_000) } },
      ['input', 'metadata'],
    ],
    [
      'media without attachments',
      { receiverUids: [U2], mediaType: 'FILE' },
      ['input', 'attachments'],
    ],
    [
      'attachments without media type',
      { receiverUids: [U2], attachments: [{ url: 'https://example.com/a.pdf' }] },
      ['input', 'mediaType'],
    ],
    [
      'attachment URL',
      { receiverUids: [U2], mediaType: 'FILE', attachments: [{ url: 'ftp://example.com/a' }] },
      ['input', 'attachments', '0', 'url'],
    ],
    [
      'attachment MIME type',
      {
        receiverUids: [U2],
        mediaType: 'FILE',
        attachments: [{ url: 'https://example.com/a', mimeType: 'pdf' }],
      },
      ['input', 'attachments', '0', 'mimeType'],
    ],
    [
      'negative size',
      {
        receiverUids: [U2],
        mediaType: 'FILE',
        attachments: [{ url: 'https://example.com/a', size: -1 }],
      },
      ['input', 'attachments', '0', 'size'],
    ],
    ['custom without data', { receiverUids: [U2], customType: 'poll' }, ['input', 'customData']],
    [
      'custom with text',
      { receiverUids: [U2], customType: 'poll', customData: { q: 1 }, text: 'hi' },
      ['input', 'text'],
    ],
    ['empty muid', { receiverUids: [U2], text: 'hi', muid: '' }, ['input', 'muid']],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await send(input);
    expect(calls).toBe(0);
    expect(result.__typename).toBe('ValidationError');
    expect(result.path).toEqual(path);
    expect(result.code).toBeNull();
    expect(result.violations?.[0]?.path).toEqual(path);
  });

  it('maps CometChat refusals to typed errors', async () => {
    const notMember = await send({ senderUid: U1, receiverGuids: [G4], text: 'Hi book club' });
    expect(notMember.calls).toBe(1);
    expect(notMember.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_NOT_A_MEMBER',
    });
    const missing = await send({ senderUid: U1, receiverUids: ['nobody-here'], text: 'Hi' });
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'receiverUids', '0'],
      code: 'ERR_UID_NOT_FOUND',
    });
    const noSender = await send({ senderUid: 'ghost-user', receiverUids: [U2], text: 'Hi' });
    expect(noSender.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'senderUid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });

  it('sends exactly once and says so when the outcome is unknown', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/v3/messages', mode: 'reset' });
    let response: GraphQLResponse | undefined;
    const calls = await h.countUpstream(async () => {
      response = await h.query(SEND, {
        input: { senderUid: U1, receiverUids: [U2], text: 'lost?' },
      });
    });
    expect(calls).toBe(1);
    expect(response?.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_OUTCOME_UNKNOWN']);
    h.emulator.clearFaults();
  });

  it('runs several sends in order; one failing hides nothing', async () => {
    const response = await h.query<Record<string, SendResult & UserErrorShape>>(
      `mutation {
        a: messageSend(input: { senderUid: "${U1}", receiverUids: ["${U2}"], text: "first" }) {
          __typename ... on MessageSendPayload { sentMessage { cometchatId } } ${ERROR_FIELDS}
        }
        b: messageSend(input: { senderUid: "${U1}", receiverUids: ["${U2}"] }) {
          __typename ${ERROR_FIELDS}
        }
        c: messageSend(input: { senderUid: "${U1}", receiverUids: ["${U2}"], text: "third" }) {
          __typename ... on MessageSendPayload { sentMessage { cometchatId } }
        }
      }`,
    );
    expect(response.errors).toBeUndefined();
    const { a, b, c } = response.data ?? {};
    expect(a?.__typename).toBe('MessageSendPayload');
    expect(b).toMatchObject({ __typename: 'ValidationError', path: ['input', 'text'] });
    expect(c?.__typename).toBe('MessageSendPayload');
    expect(Number(c?.sentMessage.cometchatId)).toBeGreaterThan(Number(a?.sentMessage.cometchatId));
  });

  it('lets a user caller send only as themselves, with an edge for their own view', async () => {
    const denied = await h.asUser<{ messageSend: UserErrorShape }>(U2, SEND, {
      input: { senderUid: U1, receiverUids: [U3], text: 'spoof' },
    });
    expect(denied.data?.messageSend).toMatchObject({
      __typename: 'PermissionDeniedError',
      path: ['input', 'senderUid'],
    });
    const sent = await h.asUser<{ messageSend: SendResult }>(U2, SEND, {
      input: { receiverUids: [U1], text: 'from me' },
    });
    expect(sent.errors).toBeUndefined();
    const payload = sent.data?.messageSend;
    expect(payload?.sentMessage).toMatchObject({ sender: { uid: U2 }, text: 'from me' });
    const page = await h.asUser<{ messages: { nodes: Json[] } }>(
      U2,
      `query($c: String!, $cursor: String!) { messages(conversationId: $c, last: 1, before: $cursor) { nodes { cometchatId } } }`,
      { c: C12, cursor: payload?.messageEdge.cursor },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data?.messages.nodes).toHaveLength(1);
  });
});

const REPLY = mutationDocument(
  'messageReply',
  /* GraphQL */ `
    reply { cometchatId muid parent { cometchatId } ... on TextMessage { text } sender { uid } }
    replyEdge { cursor node { cometchatId } }
    parent { cometchatId replyCount }
  `,
  ERROR_FIELDS,
);

describe('messageReply', () => {
  it('replies in a thread; the parent and its replies show it', async () => {
    const parentId = await sendText(U1, U2, 'Start a thread');
    const { result, calls } = await h.mutate<Json>(REPLY, {
      input: { parentMessageId: parentId, senderUid: U2, text: 'In the thread' },
    });
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(result).toMatchObject({
      __typename: 'MessageReplyPayload',
      reply: { parent: { cometchatId: parentId }, text: 'In the thread', sender: { uid: U2 } },
      parent: { cometchatId: parentId, replyCount: 1 },
    });
    const replyId = (result.reply as Json).cometchatId;
    const cursor = (result.replyEdge as Json).cursor as string;
    const data = await read<{ message: { replies: { nodes: Json[] }; before: { nodes: Json[] } } }>(
      `query($id: String!, $cursor: String!) { message(id: $id) {
        replies { nodes { cometchatId } }
        before: replies(last: 5, before: $cursor) { nodes { cometchatId } }
      } }`,
      { id: parentId, cursor },
    );
    expect(data.message.replies.nodes).toEqual([{ cometchatId: replyId }]);
    expect(data.message.before.nodes).toEqual([]);
  });

  it('reads the parent fresh after each reply in one operation', async () => {
    const parentId = await sendText(U1, U2, 'Two replies');
    const response = await h.query<Record<string, { parent: { replyCount: number } }>>(
      `mutation($p: String!) {
        r1: messageReply(input: { parentMessageId: $p, senderUid: "${U2}", text: "one" }) {
          ... on MessageReplyPayload { parent { replyCount } }
        }
        r2: messageReply(input: { parentMessageId: $p, senderUid: "${U1}", text: "two" }) {
          ... on MessageReplyPayload { parent { replyCount } }
        }
      }`,
      { p: parentId },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.r1?.parent.replyCount).toBe(1);
    expect(response.data?.r2?.parent.replyCount).toBe(2);
  });

  it('refuses bad input before calling CometChat', async () => {
    const noSender = await h.mutate<UserErrorShape>(REPLY, {
      input: { parentMessageId: '1', text: 'hi' },
    });
    expect(noSender.calls).toBe(0);
    expect(noSender.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'senderUid'],
    });
    const badParent = await h.mutate<UserErrorShape>(REPLY, {
      input: { parentMessageId: 'not-a-message', senderUid: U2, text: 'hi' },
    });
    expect(badParent.calls).toBe(0);
    expect(badParent.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'parentMessageId'],
    });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const missing = await h.mutate<UserErrorShape>(REPLY, {
      input: { parentMessageId: '999999', senderUid: U2, text: 'hi' },
    });
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'parentMessageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
    const parentId = await sendText(U1, U2, 'Nesting test');
    const reply = await h.mutate<Json>(REPLY, {
      input: { parentMessageId: parentId, senderUid: U2, text: 'level 1' },
    });
    const nested = await h.mutate<UserErrorShape>(REPLY, {
      input: {
        parentMessageId: (reply.result.reply as Json).cometchatId,
        senderUid: U1,
        text: 'level 2',
      },
    });
    expect(nested.result).toMatchObject({
      __typename: 'ValidationError',
      code: 'ERR_MESSAGE_THREAD_NESTING',
    });
  });
});

const EDIT = mutationDocument(
  'messageEdit',
  `editedMessage { ${MESSAGE_FIELDS} editedBy { uid } }`,
  ERROR_FIELDS,
);

describe('messageEdit', () => {
  it('edits a message and returns the edited message, not the notice', async () => {
    const id = await sendText(U1, U2, 'Typo hree');
    const { result, calls } = await h.mutate<Json>(EDIT, {
      input: { messageId: id, text: 'Typo here', tags: ['fixed'], metadata: { edited: true } },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'MessageEditPayload',
      editedMessage: {
        __typename: 'TextMessage',
        cometchatId: id,
        text: 'Typo here',
        tags: ['fixed'],
        metadata: { edited: true },
        isEditedByApp: true,
        editedBy: null,
      },
    });
    expect((result.editedMessage as Json).editedAt).not.toBeNull();
    const data = await read<{ message: Json }>(
      `query($id: String!) { message(id: $id) { ... on TextMessage { text } tags editedAt } }`,
      { id },
    );
    expect(data.message).toMatchObject({ text: 'Typo here', tags: ['fixed'] });
    expect(data.message.editedAt).not.toBeNull();
  });

  it('accepts a global ID and edits as the sender', async () => {
    const id = await sendText(U1, U2, 'by global id');
    const { message } = await read<{ message: { id: string } }>(
      `query($id: String!) { message(id: $id) { id } }`,
      { id },
    );
    const { result } = await h.mutate<Json>(EDIT, {
      input: { messageId: message.id, asUid: U1, text: 'edited by global id' },
    });
    expect(result).toMatchObject({
      editedMessage: { cometchatId: id, text: 'edited by global id', editedBy: { uid: U1 } },
    });
  });

  it('refuses bad input before calling CometChat', async () => {
    const nothing = await h.mutate<UserErrorShape>(EDIT, { input: { messageId: '1' } });
    expect(nothing.calls).toBe(0);
    expect(nothing.result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
    const blank = await h.mutate<UserErrorShape>(EDIT, { input: { messageId: '1', text: ' ' } });
    expect(blank.calls).toBe(0);
    expect(blank.result).toMatchObject({ path: ['input', 'text'] });
    const huge = await h.mutate<UserErrorShape>(EDIT, {
      input: { messageId: '1', text: 'z'.repeat(70_000) },
    });
    expect(huge.calls).toBe(0);
    expect(huge.result).toMatchObject({ path: ['input', 'text'] });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const id = await sendText(U1, U2, 'not yours');
    const notSender = await h.mutate<UserErrorShape>(EDIT, {
      input: { messageId: id, asUid: U2, text: 'mine now' },
    });
    expect(notSender.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_MESSAGE_NOT_A_SENDER',
    });
    const missing = await h.mutate<UserErrorShape>(EDIT, {
      input: { messageId: '999999', text: 'x' },
    });
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
  });
});

const DELETE = mutationDocument(
  'messageDelete',
  'cometchatId deletedMessageId isPermanent deletedMessage { cometchatId deletedAt }',
  ERROR_FIELDS,
);

describe('messageDelete', () => {
  it('soft-deletes a message: it stays, marked deleted', async () => {
    const id = await sendText(U1, U2, 'delete me softly');
    const { message } = await read<{ message: { id: string } }>(
      `query($id: String!) { message(id: $id) { id } }`,
      { id },
    );
    const { result } = await h.mutate<Json>(DELETE, { input: { messageId: id } });
    expect(result).toMatchObject({
      __typename: 'MessageDeletePayload',
      cometchatId: id,
      deletedMessageId: message.id,
      isPermanent: false,
      deletedMessage: { cometchatId: id },
    });
    expect((result.deletedMessage as Json).deletedAt).not.toBeNull();
    const after = await read<{ message: Json }>(
      `query($id: String!) { message(id: $id) { deletedAt } }`,
      { id },
    );
    expect(after.message.deletedAt).not.toBeNull();
  });

  it('deletes a message for good', async () => {
    const id = await sendText(U1, U2, 'delete me for good');
    const { message } = await read<{ message: { id: string } }>(
      `query($id: String!) { message(id: $id) { id } }`,
      { id },
    );
    const { result } = await h.mutate<Json>(DELETE, {
      input: { messageId: id, permanent: true, asUid: U1 },
    });
    expect(result).toMatchObject({
      cometchatId: id,
      deletedMessageId: message.id,
      isPermanent: true,
      deletedMessage: null,
    });
    const after = await read<{ message: Json | null }>(
      `query($id: String!) { message(id: $id) { cometchatId } }`,
      { id },
    );
    expect(after.message).toBeNull();
  });

  it('refuses a malformed id before calling CometChat', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(DELETE, {
      input: { messageId: 'forty-two' },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'messageId'] });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const missing = await h.mutate<UserErrorShape>(DELETE, { input: { messageId: '999999' } });
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
    const id = await sendText(U1, U2, 'edited, so an action message follows');
    await h.mutate(EDIT, { input: { messageId: id, text: 'changed' } });
    const { messages } = await read<{ messages: { nodes: { cometchatId: string }[] } }>(
      `query($c: String!) { messages(conversationId: $c, last: 1, categories: [ACTION]) { nodes { cometchatId } } }`,
      { c: C12 },
    );
    const actionId = messages.nodes[0]?.cometchatId;
    const action = await h.mutate<UserErrorShape>(DELETE, { input: { messageId: actionId } });
    expect(action.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_MESSAGE_ACTION_NOT_ALLOWED',
    });
  });
});
