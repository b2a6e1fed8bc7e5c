/**
 * Helpers for the chat emulator tests: an emulator on a loopback port with a hand-driven clock,
 * real HTTP calls whose replies are JSON objects, and shorthands over those replies.
 */
import { type Emulator, type SeedName, startEmulator } from '../../src/emulator/server.js';
import { chat, dataOf, errorCode, isJson, type Json, listOf } from '../support/emulator-http.js';

/** A chat API reply; an empty body reads as `{}`. */
export interface ChatReply {
  status: number;
  body: Json;
}

export interface ChatEnv {
  emu: Emulator;
  /** The emulator's clock (epoch seconds); `tick` moves it on. */
  now(): number;
  tick(seconds?: number): void;
  call(method: string, path: string, options?: { body?: unknown; as?: string }): Promise<ChatReply>;
  close(): Promise<void>;
}

export const T0 = 1_700_000_000;

export async function startChat(seed: SeedName = 'none'): Promise<ChatEnv> {
  let clock = T0;
  const emu = await startEmulator({ port: 0, seed, clock: () => clock });
  return {
    emu,
    now: () => clock,
    tick: (seconds = 1) => {
      clock += seconds;
    },
    call: async (method, path, options = {}) => {
      const reply = await chat(emu, method, path, {
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(options.as !== undefined ? { onBehalfOf: options.as } : {}),
      });
      const body: unknown = reply.text === '' ? {} : JSON.parse(reply.text);
      if (!isJson(body)) throw new Error(`not a JSON object: ${reply.text}`);
      return { status: reply.status, body };
    },
    close: () => emu.close(),
  };
}

/** The reply's `data` object (throws if it is not one). */
export function data(reply: ChatReply): Json {
  return dataOf(reply.body);
}

/** The reply's `data` list (throws if it is not a list of objects). */
export function list(reply: ChatReply): Json[] {
  return listOf(reply.body);
}

export function code(reply: ChatReply): unknown {
  return errorCode(reply.body);
}

export function ids(reply: ChatReply): string[] {
  return list(reply).map((item) => String(item.id));
}

/** Creates users `uid` with name `Name uid`. */
export async function createUsers(env: ChatEnv, uids: readonly string[]): Promise<void> {
  for (const uid of uids) {
    const reply = await env.call('POST', '/users', { body: { uid, name: `Name ${uid}` } });
    if (reply.status !== 200) throw new Error(`user ${uid}: ${JSON.stringify(reply.body)}`);
  }
}

/** Sends a text message and returns its id. */
export async function sendText(
  env: ChatEnv,
  from: string | undefined,
  to: string,
  text: string,
  receiverType: 'user' | 'group' = 'user',
  extra: Json = {},
): Promise<string> {
  const reply = await env.call('POST', '/messages', {
    ...(from !== undefined ? { as: from } : {}),
    body: {
      receiver: to,
      receiverType,
      category: 'message',
      type: 'text',
      data: { text },
      ...extra,
    },
  });
  if (reply.status !== 200) throw new Error(`send: ${JSON.stringify(reply.body)}`);
  return String(data(reply).id);
}

export async function createGroup(
  env: ChatEnv,
  guid: string,
  options: { as?: string; type?: string; members?: Json; owner?: string; password?: string } = {},
): Promise<Json> {
  const reply = await env.call('POST', '/groups', {
    ...(options.as !== undefined ? { as: options.as } : {}),
    body: {
      guid,
      name: `Group ${guid}`,
      type: options.type ?? 'public',
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.owner !== undefined ? { owner: options.owner } : {}),
      ...(options.members !== undefined ? { members: options.members } : {}),
    },
  });
  if (reply.status !== 200) throw new Error(`group ${guid}: ${JSON.stringify(reply.body)}`);
  return data(reply);
}
