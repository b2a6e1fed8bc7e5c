/**
 * The chat routes' responses checked against the response schemas of the pinned CometChat spec.
 * A few schemas in the 2023 export contradict CometChat's own examples in the same file; those
 * defects are listed below, and a test proves that the spec's own example trips each of them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../support/spec-validator.js';
import {
  type ChatEnv,
  type ChatReply,
  createGroup,
  createUsers,
  sendText,
  startChat,
} from './chat-helpers.js';

interface Defect {
  pattern: RegExp;
  reason: string;
  /** An operation whose own example in the spec shows the defect. */
  example: [method: string, path: string];
}

const DEFECTS: Defect[] = [
  {
    pattern: /^\/data must be object$/,
    reason:
      'member and ban lists declare `data` as one object; the examples (and reality) are arrays',
    example: ['get', '/groups/{guid}/members'],
  },
  {
    pattern: /\/entities\/(sender|receiver)\/entity\/createdAt must be string$/,
    reason:
      'the edit schema types nested createdAt as a string; it is epoch seconds everywhere else',
    example: ['put', '/messages/{id}'],
  },
  {
    pattern: /\/editedBy must be integer$/,
    reason: 'the edit schema types editedBy as an integer; its example shows "app_system"',
    example: ['put', '/messages/{id}'],
  },
  {
    pattern: /\/for\/entity\/(updatedBy|description|conversationId) must be integer$/,
    reason:
      'objectEntitySchema types group strings as integers; the conversation example has strings',
    example: ['get', '/conversations'],
  },
];

function realErrors(method: string, path: string, reply: ChatReply): string[] {
  return validateResponse('chat', method, path, reply.status, reply.body).filter(
    (error) => !DEFECTS.some((defect) => defect.pattern.test(error)),
  );
}

let env: ChatEnv;
let id = '';
const checks: Array<[method: string, template: string, reply: ChatReply]> = [];

async function check(
  method: string,
  template: string,
  path: string,
  options: { body?: unknown; as?: string } = {},
): Promise<void> {
  const reply = await env.call(method, path, options);
  expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.body)}`).toBe(200);
  checks.push([method, template, reply]);
}

beforeAll(async () => {
  env = await startChat();
  await createUsers(env, ['a', 'b', 'c']);
  await createGroup(env, 'g', { as: 'a', members: { participants: ['b'], usersToBan: ['c'] } });
  id = await sendText(env, 'a', 'b', 'hi <@uid:b>', 'user', { tags: ['t'] });
  await sendText(env, 'a', 'g', 'hi group', 'group');
  await env.call('POST', `/messages/${id}/reactions/%F0%9F%91%8D`, { as: 'b' });

  await check('POST', '/groups', '/groups', {
    as: 'a',
    body: { guid: 'g2', name: 'G2', type: 'public', tags: ['x'] },
  });
  await check('GET', '/groups', '/groups?withTags=true', { as: 'b' });
  await check('GET', '/groups/{guid}', '/groups/g', { as: 'a' });
  await check('PUT', '/groups/{guid}', '/groups/g', { body: { name: 'Renamed' } });
  await check('POST', '/groups/{guid}/members', '/groups/g2/members', {
    body: { participants: ['b', 'ghost'], admins: ['c'], usersToBan: ['a'] },
  });
  await check('GET', '/groups/{guid}/members', '/groups/g/members');
  await check('PUT', '/groups/{guid}/members/{uid}', '/groups/g/members/b', {
    body: { scope: 'moderator' },
  });
  await check('GET', '/groups/{guid}/bannedusers', '/groups/g/bannedusers');
  await check('POST', '/messages', '/messages', {
    as: 'b',
    body: { receiver: 'a', receiverType: 'user', data: { text: 'yo' } },
  });
  await check('GET', '/messages', '/messages?limit=2');
  await check('GET', '/messages/{id}', `/messages/${id}`, { as: 'b' });
  await check('GET', '/users/{uid}/messages', '/users/b/messages', { as: 'a' });
  await check('GET', '/groups/{guid}/messages', '/groups/g/messages');
  await check('POST', '/messages/{id}/thread', `/messages/${id}/thread`, {
    as: 'b',
    body: { data: { text: 'threaded' } },
  });
  await check('GET', '/messages/{id}/thread', `/messages/${id}/thread`);
  await check('POST', '/bots/{uid}/messages', '/bots/c/messages', {
    body: { receiver: 'a', receiverType: 'user', data: { text: 'bot' } },
  });
  await check('PUT', '/messages/{id}', `/messages/${id}`, { body: { data: { text: 'edited' } } });
  await check('GET', '/conversations', '/conversations?withTags=true', { as: 'a' });
  await check('GET', '/conversations', '/conversations');
  await check('GET', '/users/{uid}/conversation', '/users/b/conversation', { as: 'a' });
  await check('PUT', '/users/{uid}/conversation', '/users/b/conversation', {
    as: 'a',
    body: { tags: ['pinned'] },
  });
  await check('GET', '/groups/{guid}/conversation', '/groups/g/conversation', { as: 'a' });
  await check('PUT', '/groups/{guid}/conversation', '/groups/g/conversation', {
    as: 'a',
    body: { tags: ['team'] },
  });
  await check('GET', '/conversations/{conversationId}', '/conversations/a_user_b', { as: 'a' });
  await check('POST', '/users/{uid}/conversation/delivered', '/users/b/conversation/delivered', {
    as: 'a',
  });
  await check('POST', '/users/{uid}/conversation/read', '/users/b/conversation/read', { as: 'a' });
  await check('POST', '/groups/{guid}/conversation/delivered', '/groups/g/conversation/delivered', {
    as: 'b',
  });
  await check('POST', '/groups/{guid}/conversation/read', '/groups/g/conversation/read', {
    as: 'b',
  });
  await check('DELETE', '/messages/{id}', `/messages/${id}`);
  await check('DELETE', '/groups/{guid}/members/{uid}', '/groups/g/members/b');
  await check('POST', '/groups/{guid}/bannedusers/{uid}', '/groups/g/bannedusers/b');
  await check('DELETE', '/groups/{guid}/bannedusers/{uid}', '/groups/g/bannedusers/b');
  await check('DELETE', '/users/{uid}/conversation', '/users/b/conversation', { as: 'a' });
  await check('DELETE', '/groups/{guid}/conversation', '/groups/g/conversation', { as: 'a' });
  await sendText(env, 'c', 'a', 'hello a');
  await check('DELETE', '/conversations/{conversationId}', '/conversations/a_user_c', { as: 'a' });
  await check('DELETE', '/groups/{guid}', '/groups/g2');
});
afterAll(() => env.close());

describe('chat responses against the pinned spec', () => {
  it('covers every chat path of the spec that the emulator serves', () => {
    expect(checks.length).toBeGreaterThanOrEqual(35);
  });

  it('validates every response (apart from the listed spec defects)', () => {
    const failures = checks
      .map(([method, template, reply]) => ({
        operation: `${method} ${template}`,
        errors: realErrors(method, template, reply),
      }))
      .filter(({ errors }) => errors.length > 0);
    expect(failures).toEqual([]);
  });

  it('lists only defects that the spec contradicts in its own examples', () => {
    const spec: unknown = JSON.parse(
      readFileSync(new URL('../../schema/cometchat/chat-apis.json', import.meta.url), 'utf8'),
    );
    for (const defect of DEFECTS) {
      const [method, path] = defect.example;
      const content = (spec as { paths: Record<string, Record<string, unknown>> }).paths[path]?.[
        method
      ] as { responses: Record<string, { content: Record<string, { example: unknown }> }> }; // spec shape
      const example = content.responses['200']?.content['application/json']?.example;
      const errors = validateResponse('chat', method, path, 200, example);
      expect(
        errors.some((error) => defect.pattern.test(error)),
        defect.reason,
      ).toBe(true);
    }
  });

  it('fails a response that really breaks the schema', () => {
    const broken: ChatReply = { status: 200, body: { data: { id: 1, sentAt: 'yesterday' } } };
    expect(realErrors('GET', '/messages/{id}', broken).length).toBeGreaterThan(0);
  });
});
