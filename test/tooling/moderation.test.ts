/**
 * Moderation through GraphQL against the emulator: a flag raised with `messageFlag` shows in the
 * moderator's queue with the message, who flagged it and why, and leaves it when reviewed; flag
 * reasons CRUD; blocked and reviewed messages; rules and keyword lists from the Management API;
 * input checked first, CometChat's refusals typed, end users refused.
 */
import { describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  ERROR_AND_VIOLATION_FIELDS,
  mutationDocument,
  type UserErrorShape,
  useHarness,
} from '../support/harness.js';
import {
  expectAdminRefused,
  expectCheckedFirst,
  expectEndUserRefused,
  expectUserError,
} from '../support/tooling.js';

const h = useHarness();

const QUEUE = `{ moderationQueue(first: 10) { totalCount nodes {
  flagCount message { cometchatId ... on TextMessage { text } }
  flags { flaggedByUid flaggedBy { uid name } reasonId reasonName remark flaggedAt } } } }`;

interface QueueItem {
  flagCount: number;
  message: { cometchatId: string; text?: string };
  flags: {
    flaggedByUid: string;
    flaggedBy: { uid: string; name: string } | null;
    reasonId: string;
    reasonName: string | null;
    remark: string | null;
  }[];
}

async function queue(): Promise<QueueItem[]> {
  const response = await h.query<{ moderationQueue: { nodes: QueueItem[] } }>(QUEUE);
  expect(response.errors).toBeUndefined();
  return response.data?.moderationQueue.nodes ?? [];
}

async function sendAndFlag(text: string): Promise<string> {
  const sent = await h.asUser<{ messageSend: { sentMessage: { cometchatId: string } } }>(
    u(1),
    `mutation { messageSend(input: { receiverUids: ["${u(2)}"], text: "${text}" }) {
      ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
  );
  const id = sent.data?.messageSend.sentMessage.cometchatId ?? '';
  const flagged = await h.asUser(
    u(2),
    `mutation ($id: String!) { messageFlag(input: { messageId: $id, reasonId: "spam", remark: "Ads" }) { __typename } }`,
    { id },
  );
  expect(flagged.errors).toBeUndefined();
  return id;
}

const REVIEW = mutationDocument(
  'flaggedMessageReview',
  'messageId decision reviewedMessage { cometchatId }',
  ERROR_AND_VIOLATION_FIELDS,
);

describe('the moderation queue', () => {
  it('shows a message an end user flagged, with who and why, until a moderator reviews it', async () => {
    const id = await sendAndFlag('Buy now');
    const item = (await queue()).find((entry) => entry.message.cometchatId === id);
    expect(item).toMatchObject({
      flagCount: 1,
      message: { cometchatId: id, text: 'Buy now' },
      flags: [
        {
          flaggedByUid: u(2),
          flaggedBy: { uid: u(2) },
          reasonId: 'spam',
          reasonName: 'Spam',
          remark: 'Ads',
        },
      ],
    });
    const { result, writes } = await h.mutate(REVIEW, {
      input: { messageId: id, decision: 'BLOCK' },
    });
    expect(writes).toBe(1);
    expect(result).toMatchObject({
      messageId: id,
      decision: 'BLOCK',
      reviewedMessage: { cometchatId: id },
    });
    expect((await queue()).some((entry) => entry.message.cometchatId === id)).toBe(false);
    const reviewed = await h.query<{
      moderationReviewedMessages: { nodes: { status: string; message: { cometchatId: string } }[] };
    }>('{ moderationReviewedMessages { nodes { status message { cometchatId } } } }');
    expect(reviewed.data?.moderationReviewedMessages.nodes[0]).toEqual({
      status: 'disapproved',
      message: { cometchatId: id },
    });
  });

  it('checks the input before any call and maps a message not in the queue', async () => {
    await expectCheckedFirst(h, [
      [REVIEW, { messageId: 'abc', decision: 'APPROVE' }, ['input', 'messageId']],
    ]);
    await expectUserError(
      h,
      REVIEW,
      { messageId: '999999', decision: 'APPROVE' },
      {
        __typename: 'NotFoundError',
        path: ['input', 'messageId'],
        code: 'ERR_MESSAGE_ID_NOT_FOUND',
      },
      1,
    );
  });

  it('refuses end users, reading and reviewing, without an upstream call', async () => {
    await expectEndUserRefused(h, {
      reads: ['{ moderationQueue(first: 1) { totalCount } }'],
      writes: [[REVIEW, { messageId: '1', decision: 'APPROVE' }]],
    });
  });
});

describe('blocked messages', () => {
  const BLOCKED_REVIEW = mutationDocument('moderatedMessageReview', 'messageId decision');

  it('lists what the rules blocked and releases one on review', async () => {
    const response = await h.query<{
      moderationBlockedMessages: {
        nodes: {
          ruleId: string;
          reasons: string[];
          actions: string[];
          message: { cometchatId: string };
        }[];
      };
    }>(
      '{ moderationBlockedMessages { nodes { ruleId reasons actions status message { cometchatId } } } }',
    );
    const [entry] = response.data?.moderationBlockedMessages.nodes ?? [];
    expect(entry).toMatchObject({ ruleId: 'profanity', actions: ['blockMessage'] });
    const id = entry?.message.cometchatId ?? '';
    const { result } = await h.mutate(BLOCKED_REVIEW, {
      input: { messageId: id, decision: 'APPROVE' },
    });
    expect(result).toMatchObject({ messageId: id, decision: 'APPROVE' });
    await expectUserError(
      h,
      BLOCKED_REVIEW,
      { messageId: id, decision: 'APPROVE' },
      { __typename: 'NotFoundError' },
    );
  });
});

const CREATE = mutationDocument(
  'moderationReasonCreate',
  'reason { reasonId name description isDefault }',
  ERROR_AND_VIOLATION_FIELDS,
);
const UPDATE = mutationDocument('moderationReasonUpdate', 'reason { reasonId name description }');
const DELETE = mutationDocument('moderationReasonDelete', 'reasonId');

describe('flag reasons', () => {
  it('creates, reads, updates and deletes a reason users can then flag with', async () => {
    const created = await h.mutate(CREATE, {
      input: { reasonId: 'Scam', name: 'Scam', description: 'Fraud attempts' },
    });
    expect(created.result).toMatchObject({
      reason: { reasonId: 'scam', name: 'Scam', description: 'Fraud attempts', isDefault: false },
    });
    const listed = await h.query<{ moderationReasons: { nodes: { reasonId: string }[] } }>(
      '{ moderationReasons(first: 50) { totalCount nodes { reasonId } } }',
    );
    expect(listed.data?.moderationReasons.nodes.map((r) => r.reasonId)).toContain('scam');
    const updated = await h.mutate(UPDATE, { input: { reasonId: 'scam', name: 'Scams' } });
    expect(updated.result).toMatchObject({ reason: { name: 'Scams' } });
    const deleted = await h.mutate(DELETE, { input: { reasonId: 'scam' } });
    expect(deleted.result).toEqual({
      __typename: 'ModerationReasonDeletePayload',
      reasonId: 'scam',
    });
    const lookup = await h.query<{ moderationReason: unknown }>(
      '{ moderationReason(reasonId: "scam") { name } }',
    );
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data?.moderationReason).toBeNull();
  });

  it('checks input first and passes on refusals: a taken id, an unknown reason', async () => {
    const bad = await h.mutate<UserErrorShape>(CREATE, { input: { reasonId: 'a b', name: '' } });
    expect(bad.calls).toBe(0);
    expect(bad.result.violations?.map((v) => v.path.join('.'))).toEqual([
      'input.reasonId',
      'input.name',
    ]);
    await expectUserError(
      h,
      CREATE,
      { reasonId: 'spam', name: 'x' },
      { __typename: 'ValidationError', path: ['input', 'reasonId'] },
    );
    await expectUserError(
      h,
      DELETE,
      { reasonId: 'nothing' },
      { __typename: 'NotFoundError', path: ['input', 'reasonId'] },
    );
  });

  it('refuses end users', async () => {
    const response = await h.asUser(u(1), CREATE, { input: { reasonId: 'x', name: 'x' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('rules and keyword lists (Management API)', () => {
  it('lists them', async () => {
    const response = await h.query<{
      moderationRules: { nodes: { ruleId: string; enabled: boolean }[] };
      moderationKeywordLists: { nodes: { listId: string; category: string }[] };
    }>(
      '{ moderationRules { nodes { ruleId enabled conditions } } moderationKeywordLists { nodes { listId category terms } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.moderationRules.nodes[0]).toMatchObject({
      ruleId: 'profanity',
      enabled: true,
    });
    expect(response.data?.moderationKeywordLists.nodes[0]).toMatchObject({
      listId: 'profanity-list',
      category: 'word',
    });
  });
});

describe('without management credentials', () => {
  const bare = useHarness({}, { client: { management: undefined } });

  it('answers FORBIDDEN for rules before any call', async () => {
    await expectAdminRefused(bare, { reads: ['{ moderationRules { nodes { ruleId } } }'] });
  });
});
