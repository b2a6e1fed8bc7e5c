/**
 * Helpers for the chat emulator tests: an emulator on a loopback port with a hand-driven clock,
 * real HTTP calls, small JSON accessors and a webhook receiver.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, type SeedName, startEmulator } from '../../src/emulator/server.js';

export type Json = Record<string, unknown>;

export interface Reply {
  status: number;
  body: Json;
}

export interface ChatEnv {
  emu: Emulator;
  /** The emulator's clock (epoch seconds); `tick` moves it on. */
  now(): number;
  tick(seconds?: number): void;
  call(method: string, path: string, options?: { body?: unknown; as?: string }): Promise<Reply>;
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
      const headers: Record<string, string> = { apikey: emu.apiKey };
      if (options.as !== undefined) headers.onBehalfOf = options.as;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${emu.baseUrl}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      const body: unknown = text === '' ? {} : JSON.parse(text);
      if (!isJson(body)) throw new Error(`not a JSON object: ${text}`);
      return { status: response.status, body };
    },
    close: () => emu.close(),
  };
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a path of keys/indices into a JSON value. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isJson(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

export function data(reply: Reply): Json {
  const value = reply.body.data;
  if (!isJson(value))
    throw new Error(`expected data object (${reply.status}): ${JSON.stringify(reply.body)}`);
  return value;
}

export function list(reply: Reply): Json[] {
  const value = reply.body.data;
  if (!Array.isArray(value) || !value.every(isJson)) {
    throw new Error(`expected data list (${reply.status}): ${JSON.stringify(reply.body)}`);
  }
  return value;
}

/** The keys of a JSON object (none for anything else). */
export function keys(value: unknown): string[] {
  return isJson(value) ? Object.keys(value) : [];
}

export function code(reply: Reply): unknown {
  return at(reply.body, 'error', 'code');
}

export function ids(reply: Reply): string[] {
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

export interface Receiver {
  url: string;
  received: Json[];
  close(): Promise<void>;
}

/** A webhook endpoint on loopback that records every delivery body. */
export async function startReceiver(): Promise<Receiver> {
  const received: Json[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => {
      const body: unknown = JSON.parse(text);
      if (isJson(body)) received.push(body);
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP, so an AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `check` holds (fails after `timeoutMs`). */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
