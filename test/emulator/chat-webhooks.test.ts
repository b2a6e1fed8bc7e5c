import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, mgmt, pick } from '../support/emulator-http.js';
import { type Delivery, type Receiver, startReceiver } from '../support/receiver.js';
import { until } from '../support/wait.js';
import {
  type ChatEnv,
  createGroup,
  createUsers,
  data,
  sendText,
  startChat,
} from './chat-helpers.js';

let env: ChatEnv;
let receiver: Receiver;

const TRIGGERS = [
  'message_sent',
  'message_edited',
  'message_deleted',
  'message_reaction_added',
  'message_reaction_removed',
  'message_delivery_receipt',
  'message_read_receipt',
  'user_mentioned',
  'group_created',
  'group_updated',
  'group_deleted',
  'group_owner_transferred',
  'group_member_added',
  'group_member_joined',
  'group_member_kicked',
  'group_member_banned',
  'group_member_unbanned',
  'group_member_scope_changed',
];

beforeAll(async () => {
  env = await startChat();
  receiver = await startReceiver();
  const created = await mgmt(env.emu, 'POST', '/webhooks', {
    body: { id: 'chat', name: 'chat', webhookURL: receiver.url, enabled: true },
  });
  expect(created.status).toBe(200);
  const triggers = await mgmt(env.emu, 'POST', '/webhooks/chat/triggers', {
    body: { triggerIds: TRIGGERS },
  });
  expect(triggers.status).toBe(200);
  await createUsers(env, ['w1', 'w2', 'w3']);
});
afterAll(async () => {
  await env.close();
  await receiver.close();
});

async function next(trigger: string): Promise<Json> {
  const isTrigger = (d: Delivery) => pick(d.body, 'trigger') === trigger;
  await until(() => receiver.received.some(isTrigger));
  const [delivery] = receiver.received.splice(receiver.received.findIndex(isTrigger), 1);
  expect(delivery?.body).toMatchObject({ trigger, appId: env.emu.appId, webhook: 'chat' });
  return pick(delivery?.body, 'data') as Json; // every delivery carries a data object
}

describe('chat webhooks', () => {
  it('emits message triggers with the rendered messages', async () => {
    const id = await sendText(env, 'w1', 'w2', 'ping <@uid:w2>');
    expect(await next('message_sent')).toMatchObject({
      message: { id, sender: 'w1', data: { text: 'ping <@uid:w2>' } },
    });
    expect(await next('user_mentioned')).toMatchObject({
      message: { id, data: { mentions: { w2: { uid: 'w2' } } } },
    });
    await env.call('PUT', `/messages/${id}`, { as: 'w1', body: { data: { text: 'pong' } } });
    expect(await next('message_edited')).toMatchObject({
      message: {
        category: 'action',
        data: { action: 'edited', entities: { on: { entity: { id } } } },
      },
    });
    await env.call('POST', `/messages/${id}/reactions/%F0%9F%94%A5`, { as: 'w2' });
    expect(await next('message_reaction_added')).toEqual({
      reaction: {
        id: expect.any(String),
        messageId: id,
        reaction: '🔥',
        uid: 'w2',
        reactedAt: env.now(),
        reactedBy: { uid: 'w2', name: 'Name w2' },
      },
    });
    await env.call('DELETE', `/messages/${id}/reactions/%F0%9F%94%A5`, { as: 'w2' });
    expect(pick(await next('message_reaction_removed'), 'reaction', 'reaction')).toBe('🔥');
    await env.call('POST', '/users/w1/conversation/read', {
      as: 'w2',
      body: { messageId: Number(id) },
    });
    expect(await next('message_read_receipt')).toEqual({
      receiver: 'w1',
      receiverType: 'user',
      type: 'receipts',
      sender: 'w2',
      messageSender: 'w1',
      body: {
        action: 'read',
        messageId: id,
        user: { uid: 'w2', name: 'Name w2', status: 'offline' },
        timestamp: env.now(),
      },
    });
    await env.call('DELETE', `/messages/${id}`, { as: 'w1' });
    expect(await next('message_deleted')).toMatchObject({
      message: {
        data: { action: 'deleted', entities: { on: { entity: { id, deletedBy: 'w1' } } } },
      },
    });
  });

  it('emits group triggers with group, members and by', async () => {
    await createGroup(env, 'wg', { as: 'w1', members: { participants: ['w2'] } });
    expect(await next('group_created')).toMatchObject({
      group: { guid: 'wg', owner: 'w1', scope: 'admin', hasJoined: true },
      members: { w1: { uid: 'w1' }, w2: { uid: 'w2' } },
    });
    expect(await next('group_member_added')).toMatchObject({
      group: { guid: 'wg' },
      members: { w2: { uid: 'w2', scope: 'participant' } },
      by: { uid: 'w1' },
    });
    await env.call('POST', '/groups/wg/members', { as: 'w3', body: { participants: ['w3'] } });
    const joined = await next('group_member_joined');
    expect(joined).toMatchObject({ members: { w3: { uid: 'w3' } } });
    expect(joined).not.toHaveProperty('by');
    await env.call('PUT', '/groups/wg/members/w2', { as: 'w1', body: { scope: 'moderator' } });
    expect(await next('group_member_scope_changed')).toMatchObject({
      members: { w2: { scope: 'moderator', oldScope: 'participant' } },
      by: { uid: 'w1' },
    });
    await env.call('DELETE', '/groups/wg/members/w3', { as: 'w2' });
    expect(await next('group_member_kicked')).toMatchObject({
      members: { w3: {} },
      by: { uid: 'w2' },
    });
    await env.call('POST', '/groups/wg/bannedusers/w3');
    expect(await next('group_member_banned')).toMatchObject({ by: { uid: 'app_system' } });
    await env.call('DELETE', '/groups/wg/bannedusers/w3');
    expect(await next('group_member_unbanned')).toMatchObject({ members: { w3: { uid: 'w3' } } });
    const updated = await env.call('PUT', '/groups/wg', { body: { owner: 'w2', name: 'Renamed' } });
    expect(data(updated).owner).toBe('w2');
    expect(await next('group_owner_transferred')).toMatchObject({
      group: { guid: 'wg', owner: 'w2', oldOwner: 'w1' },
    });
    expect(await next('group_updated')).toMatchObject({
      group: { name: 'Renamed', updatedBy: 'app_system' },
    });
    await env.call('DELETE', '/groups/wg', { as: 'w2' });
    expect(await next('group_deleted')).toMatchObject({ group: { guid: 'wg' } });
  });
});
