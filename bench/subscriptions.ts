/**
 * Subscription benchmarks, against a gateway in a child process (in-process event bus, admin
 * subscribers over graphql-ws, deliveries posted to its webhook receiver as CometChat would):
 *
 * - `sub-targeted`: N idle subscribers, each on its own conversation
 *   (`messageSent(conversationId:)`), and one event at a time for a random one of them: the time
 *   from the start of the webhook POST until that subscriber has the event (p50, p99);
 * - `sub-group`: M subscribers of one group (`messageSent(guid:)`), one event at a time: the time
 *   from the start of the POST until the last of them has it;
 * - `sub-receiver`: deliveries per second the receiver takes with de-duplication on (all new, then
 *   all redeliveries), from `BENCH_CONNECTIONS` concurrent senders for `BENCH_DURATION_S`;
 * - `sub-memory`: the gateway's RSS per idle subscriber (after a full collection, with the N
 *   subscribers of `sub-targeted` connected, against before).
 *
 * Environment: BENCH_SUBSCRIBERS (N, default 10000), BENCH_GROUP_SUBSCRIBERS (M, default 1000),
 * BENCH_SUBSCRIPTION_EVENTS (events per latency run, default 200).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { ensureBuilt, type Server, startServer } from './child.js';
import { BENCH_ADMIN_TOKEN, BENCH_WEBHOOK } from './protocol.js';

export const SUBSCRIPTION_BENCHES = ['sub-targeted', 'sub-group', 'sub-receiver', 'sub-memory'];

export interface SubscriptionSettings {
  subscribers: number;
  groupSubscribers: number;
  events: number;
  durationS: number;
  connections: number;
  /** Which of SUBSCRIPTION_BENCHES to run. */
  only: Set<string>;
}

const CONNECT_CONCURRENCY = 100;
const WAIT_MS = 60_000;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** One graphql-ws subscriber on a raw socket: init, one subscription, `next` messages counted. */
class Subscriber {
  private socket: WebSocket | null = null;
  received = 0;
  onNext: (() => void) | null = null;

  async open(url: string, query: string, variables: Record<string, unknown>): Promise<void> {
    const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('open', () => {
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
          }),
        );
      });
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; payload?: unknown }; // protocol message
        if (message.type === 'connection_ack') {
          socket.send(
            JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }),
          );
          resolve();
        } else if (message.type === 'next') {
          this.received++;
          this.onNext?.();
        } else if (message.type === 'error') {
          reject(new Error(`subscription refused: ${JSON.stringify(message.payload)}`));
        } else if (message.type === 'ping') {
          socket.send(JSON.stringify({ type: 'pong' }));
        }
      });
      socket.once('close', (code) => reject(new Error(`socket closed (${code})`)));
    });
  }

  close(): void {
    this.socket?.close(1000);
  }
}

async function openAll(
  count: number,
  url: string,
  query: string,
  variables: (index: number) => Record<string, unknown>,
): Promise<Subscriber[]> {
  const subscribers = Array.from({ length: count }, () => new Subscriber());
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, async () => {
      while (next < count) {
        const index = next++;
        await subscribers[index]?.open(url, query, variables(index));
      }
    }),
  );
  return subscribers;
}

async function waitForSubscriptions(server: Server, atLeast: number): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const { activeSubscriptions } = await server.stats();
    if (activeSubscriptions >= atLeast) return;
    if (Date.now() > deadline) {
      throw new Error(`only ${activeSubscriptions} of ${atLeast} subscriptions became active`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForClosed(server: Server, atMost: number): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while ((await server.stats()).activeSubscriptions > atMost && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let sequence = 0;

function delivery(appId: string, where: { conversationId: string } | { guid: string }) {
  sequence++;
  const group = 'guid' in where;
  return JSON.stringify({
    trigger: 'message_sent',
    appId,
    region: 'us',
    webhook: 'bench',
    data: {
      message: {
        id: String(1_000_000 + sequence),
        conversationId: group ? `group_${where.guid}` : where.conversationId,
        sender: 'bench-sender',
        receiver: group ? where.guid : 'bench-receiver',
        receiverType: group ? 'group' : 'user',
        category: 'message',
        type: 'text',
        data: { text: `event ${sequence}` },
        sentAt: 1_800_000_000 + sequence,
        updatedAt: 1_800_000_000 + sequence,
      },
    },
  });
}

class Receiver {
  private readonly pool: Pool;
  private readonly authorization =
    `Basic ${Buffer.from(`${BENCH_WEBHOOK.username}:${BENCH_WEBHOOK.password}`).toString('base64')}`;

  constructor(origin: string, connections: number) {
    this.pool = new Pool(origin, { connections, pipelining: 1 });
  }

  /** Posts one delivery; returns whether it was new (throws on anything but a 200). */
  async post(body: string): Promise<boolean> {
    const response = await this.pool.request({
      path: '/webhooks/cometchat',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: this.authorization },
      body,
    });
    const answer = (await response.body.json()) as { duplicate?: boolean }; // the receiver's JSON answer
    if (response.statusCode !== 200) {
      throw new Error(`the receiver answered ${response.statusCode}: ${JSON.stringify(answer)}`);
    }
    return answer.duplicate === false;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Resolves when `count` subscribers (of `subscribers`) got one more event than before. */
function arrivals(subscribers: Subscriber[], count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let left = count;
    const timer = setTimeout(() => {
      for (const subscriber of subscribers) subscriber.onNext = null;
      reject(new Error(`only ${count - left} of ${count} subscribers got the event`));
    }, WAIT_MS);
    for (const subscriber of subscribers) {
      subscriber.onNext = () => {
        subscriber.onNext = null;
        left--;
        if (left === 0) {
          clearTimeout(timer);
          resolve(performance.now());
        }
      };
    }
  });
}

export interface SubscriptionResults {
  targeted?: ReturnType<typeof summary> & { subscribers: number; strays: number };
  group?: ReturnType<typeof summary> & { subscribers: number };
  receiver?: {
    newPerSecond: number;
    duplicatesPerSecond: number;
    connections: number;
    durationS: number;
  };
  memory?: {
    subscribers: number;
    rssBefore: number;
    rssAfter: number;
    rssPerSubscriber: number;
    heapPerSubscriber: number;
  };
}

async function targeted(
  server: Server,
  receiver: Receiver,
  settings: SubscriptionSettings,
  results: SubscriptionResults,
): Promise<void> {
  const n = settings.subscribers;
  const url = server.ready.gatewayUrl.replace(/^http/, 'ws');
  const before = await server.stats();
  progress(`sub-targeted: connecting ${n} subscribers, each on its own conversation...`);
  const conversation = (i: number) => `bench-a${i}_user_bench-b${i}`;
  const subscribers = await openAll(
    n,
    url,
    'subscription ($c: String!) { messageSent(conversationId: $c) { message { id } } }',
    (i) => ({ c: conversation(i) }),
  );
  try {
    await waitForSubscriptions(server, before.activeSubscriptions + n);
    if (settings.only.has('sub-memory')) {
      const after = await server.stats();
      results.memory = {
        subscribers: n,
        rssBefore: before.rss,
        rssAfter: after.rss,
        rssPerSubscriber: (after.rss - before.rss) / n,
        heapPerSubscriber: (after.heapUsed - before.heapUsed) / n,
      };
    }
    if (settings.only.has('sub-targeted')) {
      progress(`sub-targeted: ${settings.events} events, one at a time`);
      const latencies: number[] = [];
      for (let e = 0; e < settings.events; e++) {
        const index = Math.floor(Math.random() * n);
        const target = subscribers[index];
        if (!target) continue;
        const arrived = arrivals([target], 1);
        const t0 = performance.now();
        await receiver.post(delivery(server.ready.appId, { conversationId: conversation(index) }));
        latencies.push((await arrived) - t0);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      const total = subscribers.reduce((sum, subscriber) => sum + subscriber.received, 0);
      results.targeted = { ...summary(latencies), subscribers: n, strays: total - settings.events };
    }
  } finally {
    for (const subscriber of subscribers) subscriber.close();
    await waitForClosed(server, before.activeSubscriptions);
  }
}

async function group(
  server: Server,
  receiver: Receiver,
  settings: SubscriptionSettings,
  results: SubscriptionResults,
): Promise<void> {
  const m = settings.groupSubscribers;
  const url = server.ready.gatewayUrl.replace(/^http/, 'ws');
  const before = await server.stats();
  progress(`sub-group: connecting ${m} subscribers of one group...`);
  const subscribers = await openAll(
    m,
    url,
    'subscription { messageSent(guid: "bench-group") { message { id } } }',
    () => ({}),
  );
  try {
    await waitForSubscriptions(server, before.activeSubscriptions + m);
    const events = Math.max(5, Math.min(50, Math.floor(settings.events / 4)));
    progress(`sub-group: ${events} events, one at a time`);
    const durations: number[] = [];
    for (let e = 0; e < events; e++) {
      const lastArrived = arrivals(subscribers, m);
      const t0 = performance.now();
      await receiver.post(delivery(server.ready.appId, { guid: 'bench-group' }));
      durations.push((await lastArrived) - t0);
    }
    results.group = { ...summary(durations), subscribers: m };
  } finally {
    for (const subscriber of subscribers) subscriber.close();
    await waitForClosed(server, before.activeSubscriptions);
  }
}

async function receiverThroughput(
  server: Server,
  settings: SubscriptionSettings,
  results: SubscriptionResults,
): Promise<void> {
  const receiver = new Receiver(new URL(server.ready.gatewayUrl).origin, settings.connections);
  const run = async (body: () => string, expectNew: boolean) => {
    let count = 0;
    const start = performance.now();
    const deadline = start + settings.durationS * 1000;
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        while (performance.now() < deadline) {
          const wasNew = await receiver.post(body());
          if (wasNew !== expectNew) {
            throw new Error(`a delivery was ${wasNew ? 'new' : 'a duplicate'} unexpectedly`);
          }
          count++;
        }
      }),
    );
    return count / ((performance.now() - start) / 1000);
  };
  try {
    progress(`sub-receiver: new deliveries for ${settings.durationS} s`);
    const newPerSecond = await run(
      () => delivery(server.ready.appId, { conversationId: 'bench-x_user_bench-y' }),
      true,
    );
    const repeated = delivery(server.ready.appId, { conversationId: 'bench-x_user_bench-y' });
    await receiver.post(repeated);
    progress(`sub-receiver: redeliveries for ${settings.durationS} s`);
    const duplicatesPerSecond = await run(() => repeated, false);
    results.receiver = {
      newPerSecond,
      duplicatesPerSecond,
      connections: settings.connections,
      durationS: settings.durationS,
    };
  } finally {
    await receiver.close();
  }
}

function fixed(value: number | undefined, digits: number): string {
  return value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '-';
}

export function formatSubscriptionTable(results: SubscriptionResults): string {
  const lines = ['subscriptions (admin subscribers over graphql-ws; latencies in ms)'];
  const t = results.targeted;
  if (t) {
    lines.push(
      `(a) ${t.subscribers} idle subscribers, one targeted event: webhook POST -> subscriber p50 ${fixed(t.p50, 2)}, p99 ${fixed(t.p99, 2)}, max ${fixed(t.max, 2)} (${t.samples} events; ${t.strays} delivered to another subscriber)`,
    );
  }
  const g = results.group;
  if (g) {
    lines.push(
      `(b) ${g.subscribers} subscribers of one group: last one has the event after p50 ${fixed(g.p50, 1)}, p99 ${fixed(g.p99, 1)}, max ${fixed(g.max, 1)} (${g.samples} events)`,
    );
  }
  const r = results.receiver;
  if (r) {
    lines.push(
      `(c) receiver with de-duplication: ${fixed(r.newPerSecond, 0)} new deliveries/s, ${fixed(r.duplicatesPerSecond, 0)} redeliveries/s (${r.connections} connections, ${r.durationS} s each)`,
    );
  }
  const m = results.memory;
  if (m) {
    lines.push(
      `(d) RSS per idle subscriber: ${fixed(m.rssPerSubscriber / 1024, 1)} KiB (heap ${fixed(m.heapPerSubscriber / 1024, 1)} KiB; RSS ${fixed(m.rssBefore / 1048576, 0)} -> ${fixed(m.rssAfter / 1048576, 0)} MiB with ${m.subscribers} subscribers)`,
    );
  }
  return lines.join('\n');
}

export async function runSubscriptionBenchmarks(
  settings: SubscriptionSettings,
): Promise<SubscriptionResults> {
  ensureBuilt(progress);
  progress('starting the emulator and the gateway for the subscription benchmarks...');
  const server = await startServer({ latencyMs: 0 });
  const results: SubscriptionResults = {};
  const receiver = new Receiver(new URL(server.ready.gatewayUrl).origin, 1);
  try {
    if (settings.only.has('sub-targeted') || settings.only.has('sub-memory')) {
      await targeted(server, receiver, settings, results);
    }
    if (settings.only.has('sub-group')) await group(server, receiver, settings, results);
    if (settings.only.has('sub-receiver')) await receiverThroughput(server, settings, results);
  } finally {
    await receiver.close();
    await server.stop();
  }
  return results;
}

export function writeSubscriptionResults(
  results: SubscriptionResults,
  settings: SubscriptionSettings,
  startedAt: Date,
): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${startedAt.toISOString().replace(/[:.]/g, '-')}-subscriptions.json`;
  const cpu = cpus();
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        settings: { ...settings, only: [...settings.only] },
        machine: { node: process.version, cpus: cpu.length, cpuModel: cpu[0]?.model ?? null },
        results,
      },
      null,
      2,
    )}\n`,
  );
  return relative(process.cwd(), file);
}
