/**
 * `npm run bench`: the read graph's cost, side by side with the careful hand-written REST client
 * ("floor") in the same run. Starts the emulator (seed `demo`) in one child process and two
 * gateways in front of it in two more (cache off, and `GATEWAY_CACHE=memory`), each alone in its
 * process so its CPU time is its own; the gateways run the compiled `dist/` with the production V8
 * flags (built first when `src/` is newer). For each emulator latency (`BENCH_LATENCIES`, default
 * 0 and 20 ms) and each workload it loads each gateway with autocannon and the floor with the same
 * number of request loops in this process, and prints req/s, p50/p99, upstream calls per query and
 * CPU milliseconds per request (process CPU time over the requests of the recorded run: the
 * gateway's measured in its process, the floor's in this one while only its loop runs), with the
 * ratios to the floor. Writes bench/results/<timestamp>.json.
 *
 * Then `memory` (the gateway alone: idle RSS, RSS across BENCH_MEMORY_REQUESTS requests) and the
 * subscription benchmarks (`bench/subscriptions.ts`).
 *
 * Environment: BENCH_DURATION_S (default 3), BENCH_CONNECTIONS (default 10), BENCH_WARMUP_S
 * (default 1), BENCH_LATENCIES (default `0,20`; EMULATOR_LATENCY_MS alone sets one), BENCH_CACHE
 * (default `off,memory`), BENCH_NAIVE (1: also the 1 + N client), BENCH_ONLY (comma-separated
 * workload names, `memory`, and `sub-targeted`, `sub-group`, `sub-receiver`, `sub-memory` or
 * `subscriptions` for all four), BENCH_MEMORY_REQUESTS (default 50000 with BENCH_ONLY=memory,
 * 5000 in a full run), BENCH_GATEWAY (`source`: run the gateway from src/ under tsx),
 * BENCH_GATEWAY_FLAGS (V8 flags of the gateway instead of the production ones), BENCH_PROFILE (a
 * directory: a CPU profile of the gateway during each recorded run), BENCH_SUBSCRIBERS,
 * BENCH_GROUP_SUBSCRIBERS, BENCH_SUBSCRIPTION_EVENTS.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { request } from 'undici';
import {
  type EmulatorProcess,
  ensureBuilt,
  type GatewayProcess,
  gatewayFlags,
  gatewayFromSource,
  startEmulatorProcess,
  startGatewayProcess,
} from './child.js';
import { BENCH_ADMIN_TOKEN } from './protocol.js';
import { list, path, RestClient, record, text } from './rest.js';
import {
  formatSubscriptionTable,
  runSubscriptionBenchmarks,
  SUBSCRIPTION_BENCHES,
  type SubscriptionSettings,
  writeSubscriptionResults,
} from './subscriptions.js';
import { type DemoIds, demoIds, type RestWork, type Workload, workloads } from './workloads.js';

/** The gateway configurations each workload runs against: the cache off, and on in memory. */
const CACHE_CONFIGS: Record<string, Record<string, string>> = {
  off: {},
  memory: { GATEWAY_CACHE: 'memory' },
};

interface Settings {
  durationS: number;
  warmupS: number;
  connections: number;
  latencies: number[];
  caches: string[];
  naive: boolean;
  /** Read workloads to run (null: all). */
  only: string[] | null;
  memory: boolean;
  memoryRequests: number;
  gateway: { from: 'dist' | 'source'; flags: string[] };
  subscriptions: SubscriptionSettings;
}

/** One load run: throughput, latency of complete answers and CPU time per request. */
interface LoadStats {
  requestsPerSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  completed: number;
  /** Transport errors, non-2xx answers and answers carrying GraphQL errors. */
  failed: number;
  /** CPU time (user + system) of the serving process over the recorded run, per completed request. */
  cpuMsPerRequest: number;
}

interface SideResult {
  /** Upstream calls one execution makes (from the emulator's request log). */
  upstreamCalls: number;
  calls: string[];
  /** With the cache on: the calls of a second execution right after the first. */
  warmUpstreamCalls?: number;
  warmCalls?: string[];
  /** Items the checked answer held. */
  items: number;
  load: LoadStats;
}

interface WorkloadResult {
  name: string;
  title: string;
  budget: number;
  latencyMs: number;
  query: string;
  variables: Record<string, unknown>;
  /** Per gateway configuration (`off`, `memory`). */
  gateway: Record<string, SideResult>;
  floor: SideResult;
  naive: SideResult | null;
}

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number of at least ${min}, got "${raw}"`);
  }
  return value;
}

function envList(name: string, fallback: string[]): string[] {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readSettings(): Settings {
  const names = process.env.BENCH_ONLY?.trim() ? envList('BENCH_ONLY', []) : null;
  const isSubscription = (name: string) =>
    name === 'subscriptions' || SUBSCRIPTION_BENCHES.includes(name);
  const subscriptionNames =
    names === null || names.includes('subscriptions')
      ? SUBSCRIPTION_BENCHES
      : names.filter((name) => SUBSCRIPTION_BENCHES.includes(name));
  const durationS = envNumber('BENCH_DURATION_S', 3, 0.1);
  const connections = Math.floor(envNumber('BENCH_CONNECTIONS', 10, 1));
  const single = process.env.EMULATOR_LATENCY_MS?.trim();
  const latencies = envList('BENCH_LATENCIES', single ? [single] : ['0', '20']).map((raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`BENCH_LATENCIES must list whole milliseconds, got "${raw}"`);
    }
    return value;
  });
  const caches = envList('BENCH_CACHE', Object.keys(CACHE_CONFIGS));
  const unknownCache = caches.filter((cache) => !(cache in CACHE_CONFIGS));
  if (unknownCache.length > 0 || caches.length === 0) {
    throw new Error(`BENCH_CACHE lists ${Object.keys(CACHE_CONFIGS).join(' and/or ')}`);
  }
  return {
    durationS,
    warmupS: envNumber('BENCH_WARMUP_S', 1, 0),
    connections,
    latencies,
    caches,
    naive: process.env.BENCH_NAIVE === '1',
    only:
      names === null ? null : names.filter((name) => !isSubscription(name) && name !== 'memory'),
    memory: names === null || names.includes('memory'),
    // 50,000 when the memory section is asked for by name; fewer in a full run, to keep it short.
    memoryRequests: Math.floor(
      envNumber('BENCH_MEMORY_REQUESTS', names?.includes('memory') ? 50_000 : 5_000, 1),
    ),
    gateway: { from: gatewayFromSource() ? 'source' : 'dist', flags: gatewayFlags() },
    subscriptions: {
      subscribers: Math.floor(envNumber('BENCH_SUBSCRIBERS', 10_000, 1)),
      groupSubscribers: Math.floor(envNumber('BENCH_GROUP_SUBSCRIBERS', 1000, 1)),
      events: Math.floor(envNumber('BENCH_SUBSCRIPTION_EVENTS', 200, 1)),
      durationS,
      connections,
      only: new Set(subscriptionNames),
    },
  };
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// Talking to the gateway and to the emulator's request log

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = record(await response.body.json(), 'GraphQL response') as GraphQLBody; // an object; its two keys are checked next
  if (response.statusCode !== 200 || body.errors || !body.data) {
    throw new Error(
      `the gateway answered ${response.statusCode} with ${JSON.stringify(body, null, 2)}`,
    );
  }
  return body.data;
}

async function requestLog(emulator: EmulatorProcess, clear: boolean): Promise<unknown[]> {
  const log = `${emulator.ready.url}/__emulator/requests`;
  const headers = { apikey: emulator.ready.apiKey };
  const response = await request(log, { method: clear ? 'DELETE' : 'GET', headers });
  if (clear) {
    await response.body.dump();
    if (response.statusCode !== 200) {
      throw new Error(`clearing the request log: ${response.statusCode}`);
    }
    return [];
  }
  const body = await response.body.json();
  if (response.statusCode !== 200) {
    throw new Error(`reading the request log: ${response.statusCode} ${JSON.stringify(body)}`);
  }
  return list(record(body, 'request log').data, 'request log');
}

const QUIET_MS = 300;
const QUIET_TRIES = 100;

/**
 * Waits until the emulator receives no request for a while, which is when the gateway has
 * finished every request it was given: autocannon ends a run without waiting for the answers in
 * flight, and a gateway under load may still be working on them. Leaves the request log empty.
 */
async function quiet(emulator: EmulatorProcess): Promise<void> {
  for (let tries = 0; ; tries++) {
    await requestLog(emulator, true);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    if ((await requestLog(emulator, false)).length === 0) return;
    if (tries >= QUIET_TRIES) throw new Error('the emulator keeps receiving requests');
  }
}

/** Runs `fn` once, once the gateway is idle, and returns the API requests the emulator received meanwhile. */
async function upstreamCalls(
  emulator: EmulatorProcess,
  fn: () => Promise<unknown>,
): Promise<string[]> {
  await quiet(emulator);
  await fn();
  const entries = await requestLog(emulator, false);
  return entries.map((entry) => {
    const e = record(entry, 'request log entry');
    const query = typeof e.query === 'string' && e.query !== '' ? `?${e.query}` : '';
    const actor = typeof e.onBehalfOf === 'string' ? ` (as ${e.onBehalfOf})` : '';
    return `${String(e.method)} ${String(e.path)}${query}${actor}`;
  });
}

/** The global IDs of the `nodes` workload, as the gateway issues them. */
async function nodeIds(url: string, ids: DemoIds): Promise<string[]> {
  const byUid = new Map<string, string>();
  for (const uid of new Set(ids.nodeUids)) {
    const data = await graphql(url, 'query ($uid: String!) { user(uid: $uid) { id } }', { uid });
    byUid.set(uid, text(path(data, ['user', 'id'], 'user'), 'user.id'));
  }
  return ids.nodeUids.map((uid) => byUid.get(uid) ?? '');
}

// ---------------------------------------------------------------------------------------------
// Load

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function cpuMicros(usage: { cpuUser: number; cpuSystem: number }): number {
  return usage.cpuUser + usage.cpuSystem;
}

function graphqlRequest(workload: Workload) {
  return JSON.stringify({ query: workload.query, variables: workload.variables });
}

const GATEWAY_HEADERS = {
  'content-type': 'application/json',
  authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
};

async function loadGateway(
  emulator: EmulatorProcess,
  gateway: GatewayProcess,
  workload: Workload,
  settings: Settings,
  durationS: number,
  /** Set for the recorded run (not the warm-up): where the profile goes with BENCH_PROFILE. */
  recording: { latencyMs: number; cache: string } | null,
): Promise<LoadStats> {
  const { latencyMs, cache } = recording ?? { latencyMs: 0, cache: '' };
  let graphqlErrors = 0;
  await quiet(emulator);
  const before = await gateway.usage();
  const run = () =>
    autocannon({
      url: gateway.graphqlUrl,
      connections: settings.connections,
      duration: durationS,
      method: 'POST',
      headers: GATEWAY_HEADERS,
      body: graphqlRequest(workload),
      requests: [
        {
          onResponse: (status, body) => {
            if (status !== 200) return;
            const parsed: unknown = JSON.parse(body);
            if (typeof parsed !== 'object' || parsed === null || 'errors' in parsed)
              graphqlErrors++;
          },
        },
      ],
    });
  let result: Awaited<ReturnType<typeof run>> | undefined;
  const profileDir = recording && process.env.BENCH_PROFILE;
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    const file = join(profileDir, `${workload.name}-${latencyMs}ms-${cache}.cpuprofile`);
    await gateway.profile(file, async () => {
      result = await run();
    });
  } else {
    result = await run();
  }
  if (!result) throw new Error('autocannon returned nothing');
  // The requests still in flight when autocannon stopped are finished too, and counted.
  await quiet(emulator);
  const after = await gateway.usage();
  const completed = result.requests.total;
  return {
    requestsPerSecond: completed / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed,
    failed: result.errors + result.non2xx + graphqlErrors,
    cpuMsPerRequest: (cpuMicros(after) - cpuMicros(before)) / 1000 / result.requests.sent,
  };
}

/**
 * The floor under the same load, in this process: `connections` loops, each waiting for its
 * answer before the next request. Nothing else runs here meanwhile (autocannon is idle), so this
 * process's CPU time over the run is the REST client's: HTTP to the emulator, JSON parsing, the
 * same checks and assembly a frontend would do.
 */
async function loadRest(work: RestWork, settings: Settings, rest: RestClient, durationS: number) {
  const latencies: number[] = [];
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationS * 1000;
  await Promise.all(
    Array.from({ length: settings.connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await work(rest);
          latencies.push(performance.now() - t0);
        } catch {
          failed++;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsedS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    completed: latencies.length,
    failed,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / latencies.length,
  } satisfies LoadStats;
}

// ---------------------------------------------------------------------------------------------
// Output

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(header.map((h, i) => '-'.repeat(widths[i] ?? h.length))),
    ...rows.map(line),
  ];
}

function sideLabel(cache: string): string {
  return cache === 'off' ? 'gateway' : `gateway, cache ${cache}`;
}

function callsCell(side: SideResult, budget: number): string {
  const over = side.upstreamCalls > budget ? '!' : '';
  const warm =
    side.warmUpstreamCalls !== undefined && side.warmUpstreamCalls !== side.upstreamCalls
      ? ` -> ${side.warmUpstreamCalls}`
      : '';
  return `${side.upstreamCalls}/${budget}${over}${warm}`;
}

function formatTable(results: readonly WorkloadResult[], settings: Settings, latencyMs: number) {
  const header = [
    'workload',
    'side',
    'req/s',
    'p50',
    'p99',
    'calls',
    'CPU ms/req',
    'CPU x floor',
    'req/s x floor',
    'p50 - floor',
  ];
  const rows: string[][] = [];
  for (const r of results.filter((result) => result.latencyMs === latencyMs)) {
    const floor = r.floor.load;
    const sides: [string, SideResult, string][] = [
      ...settings.caches.flatMap((cache): [string, SideResult, string][] => {
        const side = r.gateway[cache];
        return side ? [[sideLabel(cache), side, callsCell(side, r.budget)]] : [];
      }),
      ['floor (REST)', r.floor, String(r.floor.upstreamCalls)],
      ...(r.naive
        ? [['1+N REST', r.naive, String(r.naive.upstreamCalls)] as [string, SideResult, string]]
        : []),
    ];
    sides.forEach(([label, side, calls], i) => {
      const isFloor = side === r.floor;
      rows.push([
        i === 0 ? r.name : '',
        label,
        fixed(side.load.requestsPerSecond, 0),
        fixed(side.load.p50, 1),
        fixed(side.load.p99, 1),
        calls,
        fixed(side.load.cpuMsPerRequest, 3),
        isFloor ? '' : fixed(side.load.cpuMsPerRequest / floor.cpuMsPerRequest, 1),
        isFloor ? '' : fixed(side.load.requestsPerSecond / floor.requestsPerSecond, 2),
        isFloor
          ? ''
          : `${side.load.p50 >= floor.p50 ? '+' : ''}${fixed(side.load.p50 - floor.p50, 1)}`,
      ]);
    });
  }
  return [
    `emulator latency ${latencyMs} ms: ${settings.durationS} s per run, ${settings.connections} connections; latencies in ms; calls = upstream calls of one execution / budget (-> a second execution with the cache on); CPU ms/req = process CPU time over requests served`,
    ...table(header, rows),
  ].join('\n');
}

function resultsFile(startedAt: Date, suffix: string): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return `${dir}${startedAt.toISOString().replace(/[:.]/g, '-')}${suffix}.json`;
}

function machine() {
  const cpu = cpus();
  return { node: process.version, cpus: cpu.length, cpuModel: cpu[0]?.model ?? null };
}

function writeResults(results: readonly WorkloadResult[], settings: Settings, startedAt: Date) {
  const file = resultsFile(startedAt, '');
  const report = {
    startedAt: startedAt.toISOString(),
    settings: { ...settings, subscriptions: undefined },
    machine: machine(),
    workloads: results,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Read workloads

function selectWorkloads(all: Workload[], only: string[] | null): Workload[] {
  if (!only) return all;
  const unknown = only.filter((name) => !all.some((w) => w.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY names unknown workloads: ${unknown.join(', ')} (known: ${all.map((w) => w.name).join(', ')}, memory, subscriptions, ${SUBSCRIPTION_BENCHES.join(', ')})`,
    );
  }
  return all.filter((w) => only.includes(w.name));
}

interface Checked {
  calls: string[];
  warmCalls?: string[];
  items: number;
}

/** Runs `run` once (twice with `warm`), checks the answer and records the upstream calls. */
async function check(
  emulator: EmulatorProcess,
  workload: Workload,
  side: string,
  run: () => Promise<number>,
  warm = false,
): Promise<Checked> {
  let items = 0;
  const once = () =>
    upstreamCalls(emulator, async () => {
      items = await run().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`workload "${workload.name}" (${side}) did not return its data: ${reason}`);
      });
    });
  const calls = await once();
  return warm ? { calls, warmCalls: await once(), items } : { calls, items };
}

async function recorded(
  settings: Settings,
  what: string,
  load: (durationS: number, recording: boolean) => Promise<LoadStats>,
): Promise<LoadStats> {
  if (settings.warmupS > 0) await load(settings.warmupS, false);
  progress(`${what} for ${settings.durationS} s`);
  const stats = await load(settings.durationS, true);
  if (stats.failed > 0) throw new Error(`${what}: ${stats.failed} failed requests under load`);
  return stats;
}

async function readBenchmarks(
  settings: Settings,
  startedAt: Date,
  emulator: EmulatorProcess,
  gateways: Map<string, GatewayProcess>,
  selected: Workload[],
): Promise<void> {
  const rest = new RestClient(emulator.ready.baseUrl, emulator.ready.apiKey);
  const results: WorkloadResult[] = [];
  try {
    for (const latencyMs of settings.latencies) {
      await emulator.setLatency(latencyMs);
      for (const workload of selected) {
        const name = `${workload.name} @ ${latencyMs} ms`;
        const gateway: Record<string, SideResult> = {};
        for (const [cache, process] of gateways) {
          const checked = await check(
            emulator,
            workload,
            sideLabel(cache),
            async () =>
              workload.check(await graphql(process.graphqlUrl, workload.query, workload.variables)),
            cache !== 'off',
          );
          const load = await recorded(settings, `${name}: ${sideLabel(cache)}`, (d, recording) =>
            loadGateway(
              emulator,
              process,
              workload,
              settings,
              d,
              recording ? { latencyMs, cache } : null,
            ),
          );
          gateway[cache] = {
            upstreamCalls: checked.calls.length,
            calls: checked.calls,
            ...(checked.warmCalls
              ? { warmUpstreamCalls: checked.warmCalls.length, warmCalls: checked.warmCalls }
              : {}),
            items: checked.items,
            load,
          };
        }
        const floorChecked = await check(emulator, workload, 'floor', () => workload.careful(rest));
        const floorLoad = await recorded(settings, `${name}: floor`, (d) =>
          loadRest(workload.careful, settings, rest, d),
        );
        let naive: SideResult | null = null;
        const naiveWork = workload.naive;
        if (settings.naive && naiveWork) {
          const checked = await check(emulator, workload, '1+N', () => naiveWork(rest));
          const load = await recorded(settings, `${name}: 1+N REST`, (d) =>
            loadRest(naiveWork, settings, rest, d),
          );
          naive = {
            upstreamCalls: checked.calls.length,
            calls: checked.calls,
            items: checked.items,
            load,
          };
        }
        results.push({
          name: workload.name,
          title: workload.title,
          budget: workload.budget,
          latencyMs,
          query: workload.query.replace(/\s+/g, ' ').trim(),
          variables: workload.variables,
          gateway,
          floor: {
            upstreamCalls: floorChecked.calls.length,
            calls: floorChecked.calls,
            items: floorChecked.items,
            load: floorLoad,
          },
          naive,
        });
      }
    }
  } finally {
    await rest.close();
  }

  const source = settings.gateway.from === 'source' ? 'src/ under tsx' : 'compiled dist/';
  process.stdout.write(
    `\ngateway: ${source}, node ${settings.gateway.flags.join(' ') || '(no flags)'}; floor: the careful REST client in the load generator's process\n`,
  );
  for (const latencyMs of settings.latencies) {
    process.stdout.write(`\n${formatTable(results, settings, latencyMs)}\n`);
  }
  const file = writeResults(results, settings, startedAt);
  process.stdout.write(`\nresults: ${relative(process.cwd(), file)}\n`);
  for (const r of results) {
    const side = r.gateway.off;
    if (side && side.upstreamCalls > r.budget) {
      process.stderr.write(
        `over budget: ${r.name} made ${side.upstreamCalls} upstream calls (budget ${r.budget}):\n  ${side.calls.join('\n  ')}\n`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Memory: the gateway alone, idle and across many requests

interface MemoryResult {
  requests: number;
  workloads: string[];
  idleRss: number;
  idleRssAfterGc: number;
  /** RSS (no forced collection) after each fifth of the requests. */
  checkpoints: { requests: number; rss: number; heapUsed: number }[];
  finalRssAfterGc: number;
  finalHeapAfterGc: number;
  cpuMsPerRequest: number;
}

async function memoryBenchmark(
  settings: Settings,
  startedAt: Date,
  emulator: EmulatorProcess,
  selected: Workload[],
): Promise<void> {
  await emulator.setLatency(0);
  progress('memory: a fresh gateway, idle for 2 s...');
  const gateway = await startGatewayProcess(emulator.ready);
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = await gateway.usage();
    const idleGc = await gateway.usage(true);
    const checkpoints: MemoryResult['checkpoints'] = [];
    const chunk = Math.ceil(settings.memoryRequests / 5);
    let sent = 0;
    const cpuBefore = cpuMicros(await gateway.usage());
    while (sent < settings.memoryRequests) {
      const amount = Math.min(chunk, settings.memoryRequests - sent);
      progress(
        `memory: requests ${sent + 1} to ${sent + amount} (the ${selected.length} workloads in turn)`,
      );
      const result = await autocannon({
        url: gateway.graphqlUrl,
        connections: settings.connections,
        amount,
        method: 'POST',
        headers: GATEWAY_HEADERS,
        requests: selected.map((workload) => ({ body: graphqlRequest(workload) })),
      });
      if (result.errors + result.non2xx > 0) {
        throw new Error(`memory: ${result.errors + result.non2xx} failed requests`);
      }
      sent += amount;
      const usage = await gateway.usage();
      checkpoints.push({ requests: sent, rss: usage.rss, heapUsed: usage.heapUsed });
    }
    const cpuAfter = cpuMicros(await gateway.usage());
    const final = await gateway.usage(true);
    const result: MemoryResult = {
      requests: sent,
      workloads: selected.map((w) => w.name),
      idleRss: idle.rss,
      idleRssAfterGc: idleGc.rss,
      checkpoints,
      finalRssAfterGc: final.rss,
      finalHeapAfterGc: final.heapUsed,
      cpuMsPerRequest: (cpuAfter - cpuBefore) / 1000 / sent,
    };
    const mb = (bytes: number) => fixed(bytes / 1048576, 1);
    process.stdout.write(
      [
        '',
        `memory (gateway alone, ${settings.gateway.from === 'source' ? 'src/ under tsx' : 'compiled dist/'}, node ${settings.gateway.flags.join(' ') || '(no flags)'}):`,
        `  idle RSS ${mb(result.idleRss)} MiB (${mb(result.idleRssAfterGc)} MiB after a full GC)`,
        `  RSS during ${sent} requests (${result.workloads.join(', ')} in turn, ${settings.connections} connections): ${checkpoints.map((c) => `${c.requests}: ${mb(c.rss)}`).join(', ')} MiB`,
        `  after them: RSS ${mb(result.finalRssAfterGc)} MiB, heap ${mb(result.finalHeapAfterGc)} MiB after a full GC; ${fixed(result.cpuMsPerRequest, 3)} CPU ms/request`,
        '',
      ].join('\n'),
    );
    const file = resultsFile(startedAt, '-memory');
    writeFileSync(
      file,
      `${JSON.stringify({ startedAt: startedAt.toISOString(), settings: { ...settings, subscriptions: undefined }, machine: machine(), memory: result }, null, 2)}\n`,
    );
    process.stdout.write(`results: ${relative(process.cwd(), file)}\n`);
  } finally {
    await gateway.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const settings = readSettings();
  const startedAt = new Date();
  const ids = demoIds();
  const all = workloads(ids);
  const selected = selectWorkloads(all, settings.only);
  const reads = settings.only === null || settings.only.length > 0;
  if (reads || settings.memory) {
    ensureBuilt(progress);
    progress('starting the emulator and the gateways...');
    const emulator = await startEmulatorProcess(0);
    const gateways = new Map<string, GatewayProcess>();
    try {
      for (const cache of settings.caches) {
        gateways.set(cache, await startGatewayProcess(emulator.ready, CACHE_CONFIGS[cache] ?? {}));
      }
      const first = gateways.values().next().value;
      if (first) {
        const ids2 = await nodeIds(first.graphqlUrl, ids);
        for (const w of all) if (w.name === 'nodes') w.variables = { ids: ids2 };
      }
      if (reads) await readBenchmarks(settings, startedAt, emulator, gateways, selected);
      for (const gateway of gateways.values()) await gateway.stop();
      gateways.clear();
      if (settings.memory)
        await memoryBenchmark(settings, startedAt, emulator, reads ? selected : all);
    } finally {
      for (const gateway of gateways.values()) await gateway.stop();
      await emulator.stop();
    }
  }
  if (settings.subscriptions.only.size > 0) {
    const results = await runSubscriptionBenchmarks(settings.subscriptions);
    process.stdout.write(`\n${formatSubscriptionTable(results)}\n\n`);
    const file = writeSubscriptionResults(results, settings.subscriptions, startedAt);
    process.stdout.write(`results: ${file}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
