/**
 * `npm run bench`: the read graph's upstream-call budget as a load test. Starts the emulator (seed
 * `demo`, `EMULATOR_LATENCY_MS` per answer, default 20) and the gateway in a child process on
 * loopback, checks one answer of every workload, counts the upstream calls each makes, then loads
 * the gateway with autocannon and the emulator with the direct-REST baselines (careful, and the
 * 1 + N a generic tool makes) for the same time and concurrency. Prints a table and writes
 * bench/results/<timestamp>.json.
 *
 * Then the subscription benchmarks (`bench/subscriptions.ts`) against a fresh child.
 *
 * Environment: BENCH_DURATION_S (default 5), BENCH_CONNECTIONS (default 10), BENCH_WARMUP_S
 * (default 1, unrecorded load before each run), BENCH_ONLY (comma-separated workload names, and
 * `sub-targeted`, `sub-group`, `sub-receiver`, `sub-memory` or `subscriptions` for all four),
 * EMULATOR_LATENCY_MS (default 20), BENCH_SUBSCRIBERS (default 10000), BENCH_GROUP_SUBSCRIBERS
 * (default 1000), BENCH_SUBSCRIPTION_EVENTS (default 200).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { request } from 'undici';
import { startServer } from './child.js';
import { BENCH_ADMIN_TOKEN, type ServeReady } from './protocol.js';
import { list, path, RestClient, record, text } from './rest.js';
import {
  formatSubscriptionTable,
  runSubscriptionBenchmarks,
  SUBSCRIPTION_BENCHES,
  type SubscriptionSettings,
  writeSubscriptionResults,
} from './subscriptions.js';
import { type DemoIds, demoIds, type RestWork, type Workload, workloads } from './workloads.js';

interface Settings {
  durationS: number;
  warmupS: number;
  connections: number;
  latencyMs: number;
  /** Read workloads to run (null: all). */
  only: string[] | null;
  subscriptions: SubscriptionSettings;
}

/** One load run: throughput and latency of complete answers. */
interface LoadStats {
  requestsPerSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  completed: number;
  /** Transport errors, non-2xx answers and answers carrying GraphQL errors. */
  failed: number;
}

interface SideResult {
  /** Upstream calls one execution makes (from the emulator's request log). */
  upstreamCalls: number;
  calls: string[];
  /** Items the checked answer held. */
  items: number;
  load: LoadStats;
}

interface WorkloadResult {
  name: string;
  title: string;
  budget: number;
  query: string;
  variables: Record<string, unknown>;
  gateway: SideResult;
  careful: SideResult;
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

function readSettings(): Settings {
  const only = process.env.BENCH_ONLY?.trim();
  const names = only ? only.split(',').map((name) => name.trim()) : null;
  const isSubscription = (name: string) =>
    name === 'subscriptions' || SUBSCRIPTION_BENCHES.includes(name);
  const subscriptionNames =
    names === null || names.includes('subscriptions')
      ? SUBSCRIPTION_BENCHES
      : names.filter((name) => SUBSCRIPTION_BENCHES.includes(name));
  const durationS = envNumber('BENCH_DURATION_S', 5, 0.1);
  const connections = Math.floor(envNumber('BENCH_CONNECTIONS', 10, 1));
  return {
    durationS,
    warmupS: envNumber('BENCH_WARMUP_S', 1, 0),
    connections,
    latencyMs: Math.floor(envNumber('EMULATOR_LATENCY_MS', 20, 0)),
    only: names === null ? null : names.filter((name) => !isSubscription(name)),
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
  ready: ServeReady,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await request(ready.gatewayUrl, {
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

/** Runs `fn` once and returns the API requests the emulator received meanwhile. */
async function upstreamCalls(ready: ServeReady, fn: () => Promise<unknown>): Promise<string[]> {
  const log = `${ready.emulatorUrl}/__emulator/requests`;
  const headers = { apikey: ready.apiKey };
  const cleared = await request(log, { method: 'DELETE', headers });
  await cleared.body.dump();
  if (cleared.statusCode !== 200)
    throw new Error(`clearing the request log: ${cleared.statusCode}`);
  await fn();
  const response = await request(log, { headers });
  const body = await response.body.json();
  if (response.statusCode !== 200) {
    throw new Error(`reading the request log: ${response.statusCode} ${JSON.stringify(body)}`);
  }
  const entries = list(record(body, 'request log').data, 'request log');
  return entries.map((entry) => {
    const e = record(entry, 'request log entry');
    const query = typeof e.query === 'string' && e.query !== '' ? `?${e.query}` : '';
    const actor = typeof e.onBehalfOf === 'string' ? ` (as ${e.onBehalfOf})` : '';
    return `${String(e.method)} ${String(e.path)}${query}${actor}`;
  });
}

/** The global IDs of the `nodes` workload, as the gateway issues them. */
async function nodeIds(ready: ServeReady, ids: DemoIds): Promise<string[]> {
  const byUid = new Map<string, string>();
  for (const uid of new Set(ids.nodeUids)) {
    const data = await graphql(ready, 'query ($uid: String!) { user(uid: $uid) { id } }', { uid });
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

async function loadGateway(
  ready: ServeReady,
  workload: Workload,
  settings: Settings,
  durationS: number,
): Promise<LoadStats> {
  let graphqlErrors = 0;
  const result = await autocannon({
    url: ready.gatewayUrl,
    connections: settings.connections,
    duration: durationS,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    body: JSON.stringify({ query: workload.query, variables: workload.variables }),
    requests: [
      {
        onResponse: (status, body) => {
          if (status !== 200) return;
          const parsed: unknown = JSON.parse(body);
          if (typeof parsed !== 'object' || parsed === null || 'errors' in parsed) graphqlErrors++;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed: result.requests.total,
    failed: result.errors + result.non2xx + graphqlErrors,
  };
}

async function loadRest(
  rest: RestClient,
  work: RestWork,
  settings: Settings,
  durationS: number,
): Promise<LoadStats> {
  const latencies: number[] = [];
  let failed = 0;
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
  const elapsedS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsedS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    completed: latencies.length,
    failed,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function formatTable(results: readonly WorkloadResult[], settings: Settings): string {
  const header = [
    'query',
    'gw req/s',
    'gw p50',
    'gw p99',
    'gw calls',
    'REST req/s',
    'REST p50',
    'REST p99',
    'REST calls',
    '1+N req/s',
    '1+N p50',
    '1+N p99',
    '1+N calls',
  ];
  const rows = results.map((r) => [
    r.name,
    fixed(r.gateway.load.requestsPerSecond, 0),
    fixed(r.gateway.load.p50, 1),
    fixed(r.gateway.load.p99, 1),
    `${r.gateway.upstreamCalls}/${r.budget}${r.gateway.upstreamCalls > r.budget ? '!' : ''}`,
    fixed(r.careful.load.requestsPerSecond, 0),
    fixed(r.careful.load.p50, 1),
    fixed(r.careful.load.p99, 1),
    String(r.careful.upstreamCalls),
    r.naive ? fixed(r.naive.load.requestsPerSecond, 0) : '-',
    r.naive ? fixed(r.naive.load.p50, 1) : '-',
    r.naive ? fixed(r.naive.load.p99, 1) : '-',
    r.naive ? String(r.naive.upstreamCalls) : '-',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [
    `${settings.durationS} s per run, ${settings.connections} connections, emulator latency ${settings.latencyMs} ms; latencies in ms; gw calls = upstream calls / budget`,
    line(header),
    line(header.map((h, i) => '-'.repeat(widths[i] ?? h.length))),
    ...rows.map(line),
  ].join('\n');
}

function writeResults(
  results: readonly WorkloadResult[],
  settings: Settings,
  startedAt: Date,
): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  const cpu = cpus();
  const report = {
    startedAt: startedAt.toISOString(),
    settings,
    machine: { node: process.version, cpus: cpu.length, cpuModel: cpu[0]?.model ?? null },
    workloads: results,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Main

function selectWorkloads(all: Workload[], only: string[] | null): Workload[] {
  if (!only) return all;
  const unknown = only.filter((name) => !all.some((w) => w.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY names unknown workloads: ${unknown.join(', ')} (known: ${all.map((w) => w.name).join(', ')})`,
    );
  }
  return all.filter((w) => only.includes(w.name));
}

interface Checked {
  workload: Workload;
  gateway: { calls: string[]; items: number };
  careful: { calls: string[]; items: number };
  naive: { calls: string[]; items: number } | null;
}

/** Runs each side once, checks the answer and records the upstream calls it made. */
async function check(ready: ServeReady, rest: RestClient, workload: Workload): Promise<Checked> {
  const fail = (side: string, error: unknown): never => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`workload "${workload.name}" (${side}) did not return its data: ${reason}`);
  };
  const side = async (name: string, run: () => Promise<number>) => {
    let items = 0;
    const calls = await upstreamCalls(ready, async () => {
      items = await run().catch((error: unknown) => fail(name, error));
    });
    return { calls, items };
  };
  const gateway = await side('gateway', async () =>
    workload.check(await graphql(ready, workload.query, workload.variables)),
  );
  const careful = await side('REST', () => workload.careful(rest));
  const naive = workload.naive
    ? await side('1+N REST', () => workload.naive?.(rest) ?? Promise.resolve(0))
    : null;
  return { workload, gateway, careful, naive };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const startedAt = new Date();
  if (settings.only === null || settings.only.length > 0) await readBenchmarks(settings, startedAt);
  if (settings.subscriptions.only.size > 0) {
    const results = await runSubscriptionBenchmarks(settings.subscriptions);
    process.stdout.write(`\n${formatSubscriptionTable(results)}\n\n`);
    const file = writeSubscriptionResults(results, settings.subscriptions, startedAt);
    process.stdout.write(`results: ${file}\n`);
  }
}

async function readBenchmarks(settings: Settings, startedAt: Date): Promise<void> {
  const ids = demoIds();
  const selected = selectWorkloads(workloads(ids), settings.only);
  progress(`starting the emulator (latency ${settings.latencyMs} ms) and the gateway...`);
  const server = await startServer({ latencyMs: settings.latencyMs });
  const rest = new RestClient(server.ready.emulatorBaseUrl, server.ready.apiKey);
  try {
    const nodes = selected.find((w) => w.name === 'nodes');
    if (nodes) nodes.variables = { ids: await nodeIds(server.ready, ids) };

    const checked: Checked[] = [];
    for (const workload of selected) {
      checked.push(await check(server.ready, rest, workload));
      progress(`checked ${workload.name}`);
    }

    const results: WorkloadResult[] = [];
    for (const { workload, gateway, careful, naive } of checked) {
      const run = async (label: string, load: (durationS: number) => Promise<LoadStats>) => {
        if (settings.warmupS > 0) await load(settings.warmupS);
        progress(`${workload.name}: ${label} for ${settings.durationS} s`);
        const stats = await load(settings.durationS);
        if (stats.failed > 0) {
          throw new Error(
            `workload "${workload.name}" (${label}): ${stats.failed} failed requests under load`,
          );
        }
        return stats;
      };
      const gatewayLoad = await run('gateway', (d) =>
        loadGateway(server.ready, workload, settings, d),
      );
      const carefulLoad = await run('REST', (d) => loadRest(rest, workload.careful, settings, d));
      const naiveWork = workload.naive;
      const naiveLoad =
        naive && naiveWork
          ? await run('1+N REST', (d) => loadRest(rest, naiveWork, settings, d))
          : null;
      results.push({
        name: workload.name,
        title: workload.title,
        budget: workload.budget,
        query: workload.query.replace(/\s+/g, ' ').trim(),
        variables: workload.variables,
        gateway: { upstreamCalls: gateway.calls.length, ...gateway, load: gatewayLoad },
        careful: { upstreamCalls: careful.calls.length, ...careful, load: carefulLoad },
        naive:
          naive && naiveLoad
            ? { upstreamCalls: naive.calls.length, ...naive, load: naiveLoad }
            : null,
      });
    }

    process.stdout.write(`\n${formatTable(results, settings)}\n\n`);
    const file = writeResults(results, settings, startedAt);
    process.stdout.write(`results: ${relative(process.cwd(), file)}\n`);
    const over = results.filter((r) => r.gateway.upstreamCalls > r.budget);
    for (const r of over) {
      process.stderr.write(
        `over budget: ${r.name} made ${r.gateway.upstreamCalls} upstream calls (budget ${r.budget}):\n  ${r.gateway.calls.join('\n  ')}\n`,
      );
    }
  } finally {
    await rest.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
