/**
 * Realtime test helpers: end-user callers over the network (JWTs signed with `JWT_SECRET`, which
 * the tests' gateways are configured to verify), subscriptions over
 * graphql-ws, Yoga's SSE and the GraphQL-over-SSE protocol that record what they receive, and
 * webhook deliveries posted to the receiver.
 */

import { createClient as createSseClient } from 'graphql-sse';
import { type Client, createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import type { Gateway } from '../../src/server.js';
import { waitFor } from './wait.js';

/** The HS256 secret the realtime tests' gateways verify end-user JWTs with. */
export const JWT_SECRET = 'realtime-tests-jwt-secret-0123456789abcdef';

/** An end user's bearer token: a JWT whose subject is `uid`, valid for an hour. */
export function userToken(uid: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(uid)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

/** Generous: machines are shared and slow; nothing here asserts a duration. */
export const EVENT_WAIT_MS = 15_000;

export interface Recorded<T = Record<string, unknown>> {
  /** Every `data` received, oldest first. */
  events: T[];
  /** GraphQL errors received (as an `error` message or in a result). */
  errors: unknown[];
  /** Set when the stream ended. */
  done: boolean;
  /** Waits until `count` events arrived; returns them. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

function recorder<T>(close: () => Promise<void>): Recorded<T> {
  const recorded: Recorded<T> = {
    events: [],
    errors: [],
    done: false,
    async waitFor(count, timeoutMs = EVENT_WAIT_MS) {
      await waitFor(
        () => {
          if (recorded.events.length >= count) return true;
          if (recorded.errors.length > 0)
            throw new Error(`subscription failed: ${JSON.stringify(recorded.errors)}`);
          return undefined;
        },
        timeoutMs,
        10,
      );
      return recorded.events;
    },
    close,
  };
  return recorded;
}

export function wsClient(graphqlUrl: string, token: string | null): Client {
  return createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
    onNonLazyError: () => undefined,
  });
}

/** Subscribes over graphql-ws and records every result. */
export function subscribeWs<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Recorded<T> {
  let stop: () => void = () => undefined;
  const recorded = recorder<T>(async () => stop());
  stop = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) recorded.errors.push(...result.errors);
        if (result.data) recorded.events.push(result.data as T); // the document's shape
      },
      error: (error) => {
        recorded.errors.push(error);
        recorded.done = true;
      },
      complete: () => {
        recorded.done = true;
      },
    },
  );
  return recorded;
}

/** Parses `text/event-stream` frames from a response body, calling `onEvent` per `data:` frame. */
async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) onEvent(event, data.join('\n'));
      end = buffer.indexOf('\n\n');
    }
  }
}

/** Subscribes through Yoga's own SSE on `/graphql` (POST, `Accept: text/event-stream`). */
export async function subscribeYogaSse<T = Record<string, unknown>>(
  graphqlUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Recorded<T> & { status: number }> {
  const controller = new AbortController();
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const recorded = recorder<T>(async () => controller.abort());
  if (!response.ok || !response.body) {
    recorded.errors.push({ status: response.status, body: await response.text() });
    recorded.done = true;
    return Object.assign(recorded, { status: response.status });
  }
  void readEventStream(response.body, (event, data) => {
    if (event === 'complete') return;
    const result = JSON.parse(data) as { data?: T; errors?: unknown[] }; // a GraphQL result
    if (result.errors) recorded.errors.push(...result.errors);
    if (result.data) recorded.events.push(result.data);
  })
    .catch(() => undefined)
    .finally(() => {
      recorded.done = true;
    });
  return Object.assign(recorded, { status: response.status });
}

/** Subscribes with the graphql-sse client on `/graphql/stream` (either protocol mode). */
export function subscribeGraphqlSse<T = Record<string, unknown>>(
  streamUrl: string,
  token: string,
  singleConnection: boolean,
  query: string,
  variables: Record<string, unknown> = {},
): Recorded<T> {
  const client = createSseClient({
    url: streamUrl,
    singleConnection,
    headers: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  let stop: () => void = () => undefined;
  const recorded = recorder<T>(async () => {
    stop();
    client.dispose();
  });
  stop = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) recorded.errors.push(...result.errors);
        if (result.data) recorded.events.push(result.data as T); // the document's shape
      },
      error: (error) => {
        recorded.errors.push(error instanceof Error ? error.message : error);
        recorded.done = true;
      },
      complete: () => {
        recorded.done = true;
      },
    },
  );
  return recorded;
}

/** Waits until the gateway's bus holds `count` more channel subscriptions than `base`. */
export async function subscribed(gateway: Gateway, base: number, count = 1): Promise<void> {
  await waitFor(
    () => (gateway.realtime.bus.active >= base + count ? true : undefined),
    EVENT_WAIT_MS,
  );
}

/** Waits until the gateway's bus is back to at most `base` channel subscriptions. */
export async function unsubscribed(gateway: Gateway, base: number): Promise<void> {
  await waitFor(() => (gateway.realtime.bus.active <= base ? true : undefined), EVENT_WAIT_MS);
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Posts a delivery to `/webhooks/cometchat` over a real socket. */
export function postDelivery(
  baseUrl: string,
  credentials: { username: string; password: string },
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/cometchat`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: basicAuth(credentials.username, credentials.password),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Sleeps; for checks that something does NOT arrive (never for asserting durations). */
export function quietPeriod(ms = 500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
