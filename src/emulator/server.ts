/**
 * The CometChat emulator's HTTP server: CometChat v3 under `/v3` (`apikey` header), the webhook part
 * of the Management API under `/apps/:appId/webhooks` (`key` + `secret` headers) and a control
 * surface for tests under `/__emulator/`. Each API request goes through: injected faults, the rate
 * limit, added latency, authentication, routing, JSON body parsing, the `onBehalfOf` check and the
 * route handler; every one is logged for `requests()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCreatedFullAccessKey } from './api-keys.js';
import { registerAppPins } from './app-pins.js';
import { registerAuthTokens } from './auth-tokens.js';
import { registerCalls } from './calls.js';
import {
  type Fault,
  FaultList,
  faultResponse,
  handleControl,
  type Knobs,
  RateLimiter,
  tooManyRequests,
} from './control.js';
import { registerConversations } from './conversations.js';
import {
  IMPORT_PREFIX,
  ImportRateLimiter,
  importTooManyRequests,
  registerDataImport,
} from './data-import.js';
import { registerGroups } from './groups.js';
import {
  badRequest,
  EmuError,
  type EmulatorContext,
  type EmulatorSettings,
  type EmuResponse,
  Router,
  uidNotFound,
} from './http.js';
import { registerInteractions } from './interactions.js';
import { registerMembers } from './members.js';
import { registerMessages } from './messages.js';
import { formBoundary, parseForm } from './multipart.js';
import { registerNotifications } from './notifications.js';
import { registerPins } from './pins.js';
import { registerReactions } from './reactions.js';
import { registerRelations } from './relations.js';
import { registerRoles } from './roles.js';
import { type SeedName, seedStore } from './seed.js';
import { Store } from './store.js';
import { registerThreads } from './threads.js';
import { registerTooling } from './tooling.js';
import { registerUsers } from './users.js';
import { registerWebhooks, WebhookDispatcher } from './webhooks.js';

export type { SeedName } from './seed.js';
export type { WebhookDeliveryLogEntry } from './webhooks.js';

import type { WebhookDeliveryLogEntry } from './webhooks.js';

export interface EmulatorOptions {
  /** 0 = any free port; default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `emulator`. */
  appId?: string;
  /** Default `us`. */
  region?: string;
  /** The only accepted `apikey`; default `emulator-api-key`. */
  apiKey?: string;
  /** Management API `key` header; default `emulator-mgmt-key`. */
  mgmtKey?: string;
  /** Management API `secret` header; default `emulator-mgmt-secret`. */
  mgmtSecret?: string;
  /** Default `demo`. */
  seed?: SeedName;
  /** Added before every API answer; default 0. */
  latencyMs?: number;
  /** Requests per minute before 429; default unlimited. */
  rateLimitPerMin?: number;
  /** Requests per window on each data import endpoint before 429; default 60 as CometChat. */
  importRateLimit?: number | null;
  /** The data import endpoints' window in milliseconds; default 60000 as CometChat. */
  importWindowMs?: number;
  /** Delays before the retries of a failed delivery; default [10_000, 30_000] as CometChat. */
  webhookRetryDelaysMs?: readonly number[];
  /** A delivery that takes longer counts as failed; default 2000 (CometChat asks for 2 s). */
  webhookTimeoutMs?: number;
  /**
   * Where webhook deliveries may go. `loopback` (the default) delivers only to 127.0.0.0/8, ::1
   * and `localhost` (resolved to 127.0.0.1 without a lookup), so a registered outside URL never
   * makes the emulator resolve or contact anything beyond this machine; such a delivery fails
   * and is logged. `any` lifts the restriction.
   */
  webhookHosts?: 'loopback' | 'any';
  /** Epoch seconds; default the system clock. */
  clock?: () => number;
  /** Told about unexpected exceptions (answered as 500 `ERR_MISSION_FAILED`). */
  onUnexpectedError?: (error: unknown) => void;
}

export interface Emulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/v3' (the chat API). */
  baseUrl: string;
  /** url (the Management API: /apps/{appId}/webhooks). */
  mgmtBaseUrl: string;
  /** url + '/calls-api/v3' (the Calls API, a host of its own at CometChat). */
  callBaseUrl: string;
  appId: string;
  apiKey: string;
  mgmtKey: string;
  mgmtSecret: string;
  /** The current state; `reset()` replaces it. */
  readonly store: Store;
  /** API requests received (not control-surface ones), oldest first. */
  requests(): EmulatorRequestLogEntry[];
  clearRequests(): void;
  deliveries(): WebhookDeliveryLogEntry[];
  clearDeliveries(): void;
  /** Webhook deliveries not yet answered (queued, retrying or in flight). */
  pendingDeliveries(): number;
  /** Adds a fault as `POST /__emulator/faults` does. */
  injectFault(fault: Record<string, unknown>): Fault;
  clearFaults(): void;
  /** Changes latency and rate limit as `PUT /__emulator/settings` does. */
  updateSettings(patch: Partial<Knobs>): Knobs;
  /** Fresh data from `seed` (default: the start seed); clears faults, logs and pending deliveries. */
  reset(seed?: SeedName): void;
  /** Closes sockets and cancels pending webhook deliveries and retries. */
  close(): Promise<void>;
}

export interface EmulatorRequestLogEntry {
  method: string;
  /** Without the query string, including `/v3`. */
  path: string;
  /** The raw query string without `?`. */
  query: string;
  onBehalfOf?: string;
  /** 0 when an injected fault reset the connection or left it hanging. */
  status: number;
  /** Arrival time, epoch milliseconds. */
  at: number;
  /**
   * When the answer was sent (or the connection broken or left hanging), epoch milliseconds: with
   * `at`, the interval the request was in flight, to tell calls that overlapped from calls made
   * one after another.
   */
  finishedAt: number;
}

const MAX_BODY_BYTES = 1024 * 1024;
const LOG_LIMIT = 10_000;
const CONTROL_PREFIX = '/__emulator';
const CALLS_PREFIX = '/calls-api/v3';

function apiNotFound(): EmuError {
  return new EmuError(
    404,
    'ERR_API_NOT_FOUND',
    'The requested API does not exist. Please check the path and the HTTP method.',
  );
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

type BodyRead = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'aborted' };

function readBody(req: IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        tooLarge ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString() },
      ),
    );
    req.on('close', () => resolve({ kind: 'aborted' }));
    req.on('error', () => resolve({ kind: 'aborted' }));
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const read = await readBody(req);
  if (read.kind === 'too-large') {
    throw new EmuError(
      413,
      'ERR_BAD_REQUEST',
      `The request body may not be larger than ${MAX_BODY_BYTES} bytes.`,
    );
  }
  if (read.kind === 'aborted' || read.text.trim() === '') return undefined;
  const boundary = formBoundary(headerValue(req, 'content-type'));
  if (boundary !== undefined) return parseForm(read.text, boundary);
  try {
    return JSON.parse(read.text);
  } catch {
    throw badRequest({ body: ['The request body is not valid JSON.'] });
  }
}

function send(
  res: ServerResponse,
  response: EmuResponse,
  extra: Record<string, string> = {},
  truncate = false,
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(response.raw ?? JSON.stringify(response.body));
  res.writeHead(response.status, {
    ...extra,
    ...response.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
  });
  if (!truncate) {
    res.end(payload);
    return;
  }
  // Half the body, then a broken connection: the client sees the answer start and then fail.
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
}

function splitUrl(raw: string | undefined): { path: string; query: string } {
  const url = raw ?? '/';
  const mark = url.indexOf('?');
  return mark < 0
    ? { path: url, query: '' }
    : { path: url.slice(0, mark), query: url.slice(mark + 1) };
}

class RunningEmulator implements Emulator {
  url = '';
  baseUrl = '';
  mgmtBaseUrl = '';
  callBaseUrl = '';
  readonly appId: string;
  readonly apiKey: string;
  readonly mgmtKey: string;
  readonly mgmtSecret: string;
  readonly faults = new FaultList();
  private current: Store;
  private log: EmulatorRequestLogEntry[] = [];
  private latencyMs: number;
  private readonly rateLimiter: RateLimiter;
  private readonly importLimiter: ImportRateLimiter;
  private readonly settings: EmulatorSettings;
  private readonly clock: () => number;
  private readonly dispatcher: WebhookDispatcher;
  private readonly chat = new Router();
  private readonly management = new Router();
  /** The Calls API (call logs), served under `/calls-api/v3` (CometChat: a host of its own). */
  private readonly calls = new Router();
  private readonly defaultSeed: SeedName;
  private readonly server: Server;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: EmulatorOptions) {
    this.appId = options.appId ?? 'emulator';
    this.apiKey = options.apiKey ?? 'emulator-api-key';
    this.mgmtKey = options.mgmtKey ?? 'emulator-mgmt-key';
    this.mgmtSecret = options.mgmtSecret ?? 'emulator-mgmt-secret';
    this.settings = {
      appId: this.appId,
      region: options.region ?? 'us',
      apiKey: this.apiKey,
      mgmtKey: this.mgmtKey,
      mgmtSecret: this.mgmtSecret,
    };
    this.clock = options.clock ?? (() => Math.floor(Date.now() / 1000));
    this.latencyMs = options.latencyMs ?? 0;
    this.rateLimiter = new RateLimiter(this.clock, options.rateLimitPerMin);
    this.importLimiter = new ImportRateLimiter(
      options.importRateLimit === null ? undefined : (options.importRateLimit ?? 60),
      options.importWindowMs ?? 60_000,
    );
    this.dispatcher = new WebhookDispatcher({
      appId: this.appId,
      region: this.settings.region,
      retryDelaysMs: options.webhookRetryDelaysMs ?? [10_000, 30_000],
      timeoutMs: options.webhookTimeoutMs ?? 2000,
      logLimit: LOG_LIMIT,
      anyHost: options.webhookHosts === 'any',
    });
    this.defaultSeed = options.seed ?? 'demo';
    this.current = this.freshStore(this.defaultSeed);
    for (const register of [
      registerUsers,
      registerAuthTokens,
      registerRoles,
      registerRelations,
      registerGroups,
      registerMembers,
      registerMessages,
      registerReactions,
      registerPins,
      registerThreads,
      registerInteractions,
      registerAppPins,
      registerNotifications,
      registerConversations,
      registerDataImport,
    ]) {
      register(this.chat);
    }
    registerWebhooks(this.management);
    registerTooling(this.chat, this.management);
    registerCalls(this.calls);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.destroy();
      });
    });
  }

  get store(): Store {
    return this.current;
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 4010, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo; // a TCP server always has an AddressInfo
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.url = `http://${shownHost}:${port}`;
    this.baseUrl = `${this.url}/v3`;
    this.mgmtBaseUrl = this.url;
    this.callBaseUrl = `${this.url}${CALLS_PREFIX}`;
  }

  requests(): EmulatorRequestLogEntry[] {
    return [...this.log];
  }

  clearRequests(): void {
    this.log = [];
  }

  deliveries(): WebhookDeliveryLogEntry[] {
    return this.dispatcher.deliveries();
  }

  clearDeliveries(): void {
    this.dispatcher.clearDeliveries();
  }

  pendingDeliveries(): number {
    return this.dispatcher.pending;
  }

  injectFault(fault: Record<string, unknown>): Fault {
    return this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  knobs(): Knobs {
    return {
      latencyMs: this.latencyMs,
      rateLimitPerMin: this.rateLimiter.perMinute,
      importRateLimit: this.importLimiter.perWindow,
      importWindowMs: this.importLimiter.windowMs,
    };
  }

  updateSettings(patch: Partial<Knobs>): Knobs {
    if (patch.latencyMs !== undefined) this.latencyMs = patch.latencyMs;
    if ('rateLimitPerMin' in patch) this.rateLimiter.setLimit(patch.rateLimitPerMin);
    if ('importRateLimit' in patch) this.importLimiter.perWindow = patch.importRateLimit;
    if (patch.importWindowMs !== undefined) this.importLimiter.windowMs = patch.importWindowMs;
    this.importLimiter.restart();
    return this.knobs();
  }

  reset(seed?: SeedName): void {
    this.dispatcher.cancelPending();
    this.current = this.freshStore(seed ?? this.defaultSeed);
    this.faults.clear();
    this.log = [];
    this.dispatcher.clearDeliveries();
    this.rateLimiter.restart();
    this.importLimiter.restart();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.dispatcher.close();
      await new Promise<void>((resolve) => {
        this.server.close(() => resolve());
        this.server.closeAllConnections();
      });
    })();
    return this.closing;
  }

  private freshStore(seed: SeedName): Store {
    const store = new Store(this.clock);
    seedStore(store, seed);
    return store;
  }

  private record(entry: EmulatorRequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT * 2) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, query } = splitUrl(req.url);
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      send(res, await this.control(req, method, path.slice(CONTROL_PREFIX.length)));
      return;
    }
    const rawOnBehalfOf = headerValue(req, 'onbehalfof')?.trim().toLowerCase();
    const onBehalfOf = rawOnBehalfOf === '' ? undefined : rawOnBehalfOf;
    const log = (status: number): void =>
      this.record({
        method,
        path,
        query,
        ...(onBehalfOf !== undefined ? { onBehalfOf } : {}),
        status,
        at,
        finishedAt: Date.now(),
      });

    const fault = this.faults.take(method, path);
    if (fault) {
      await sleep(fault.delayMs);
      if (fault.mode === 'reset') {
        log(0);
        req.socket.destroy();
        return;
      }
      if (fault.mode === 'hang') {
        log(0);
        return;
      }
      const answer = faultResponse(fault);
      if (answer) {
        await sleep(this.latencyMs);
        send(res, answer, {}, fault.mode === 'truncate');
        log(answer.status);
        return;
      }
    }

    const limit = this.rateLimiter.check();
    const importRetryAfter =
      limit.allowed && method === 'POST' && path.startsWith(IMPORT_PREFIX)
        ? this.importLimiter.check(path)
        : null;
    await sleep(this.latencyMs);
    const response: EmuResponse = !limit.allowed
      ? { status: 429, body: tooManyRequests().toBody() }
      : importRetryAfter !== null
        ? {
            status: 429,
            body: importTooManyRequests().toBody(),
            headers: { 'retry-after': String(importRetryAfter) },
          }
        : await this.dispatch(req, method, path, query, onBehalfOf);
    if (fault?.mode === 'reset-after') {
      log(0);
      req.socket.destroy();
      return;
    }
    send(res, response, limit.headers, fault?.mode === 'truncate');
    log(response.status);
  }

  private async dispatch(
    req: IncomingMessage,
    method: string,
    path: string,
    query: string,
    onBehalfOf: string | undefined,
  ): Promise<EmuResponse> {
    try {
      const store = this.current;
      let router: Router;
      let routePath: string;
      const isCalls = path === CALLS_PREFIX || path.startsWith(`${CALLS_PREFIX}/`);
      const isChat = isCalls || path === '/v3' || path.startsWith('/v3/');
      if (isCalls) {
        this.checkApiKey(req, store);
        router = this.calls;
        routePath = path.slice(CALLS_PREFIX.length) || '/';
      } else if (isChat) {
        this.checkApiKey(req, store);
        router = this.chat;
        routePath = path.slice(3) || '/';
      } else if (path.startsWith('/apps/')) {
        this.checkManagementKeys(req);
        router = this.management;
        routePath = path;
      } else throw apiNotFound();
      const match = router.match(method, routePath);
      if (!match) throw apiNotFound();
      if (!isChat && match.params.appId !== this.appId) {
        throw new EmuError(
          404,
          'ERR_APP_NOT_FOUND',
          `The app ${match.params.appId ?? ''} does not exist.`,
        );
      }
      const body = await readJson(req);
      if (isChat && onBehalfOf !== undefined && !store.activeUser(onBehalfOf)) {
        throw uidNotFound(onBehalfOf);
      }
      const ctx: EmulatorContext = {
        store,
        settings: this.settings,
        emit: (trigger, data) => this.dispatcher.emit(store, trigger, data),
      };
      return await match.handler(
        {
          method,
          path: routePath,
          params: match.params,
          query: new URLSearchParams(query),
          body,
          onBehalfOf: isChat ? onBehalfOf : undefined,
          headers: req.headers,
        },
        ctx,
      );
    } catch (error) {
      if (error instanceof EmuError) return { status: error.status, body: error.toBody() };
      this.options.onUnexpectedError?.(error);
      return {
        status: 500,
        body: new EmuError(
          500,
          'ERR_MISSION_FAILED',
          'Something went wrong while processing the request. Please try again.',
        ).toBody(),
      };
    }
  }

  /** The emulator's own key, or (on the chat API) a fullAccess key created on `store`. */
  private checkApiKey(req: IncomingMessage, store?: Store): void {
    const key = headerValue(req, 'apikey');
    if (key === undefined || key === '') {
      throw new EmuError(401, 'AUTH_ERR_EMPTY_APIKEY', 'The apikey header is missing or empty.');
    }
    if (key !== this.apiKey && !(store && isCreatedFullAccessKey(store, key))) {
      throw new EmuError(
        401,
        'AUTH_ERR_APIKEY_NOT_FOUND',
        'The API key sent in the apikey header does not exist for this app.',
      );
    }
  }

  private checkManagementKeys(req: IncomingMessage): void {
    const key = headerValue(req, 'key');
    const secret = headerValue(req, 'secret');
    if (!key || !secret) {
      throw new EmuError(
        401,
        'AUTH_ERR_EMPTY_AUTH_HEADER',
        'The key and secret headers are required for the Management API.',
      );
    }
    if (key !== this.mgmtKey || secret !== this.mgmtSecret) {
      throw new EmuError(
        401,
        'AUTH_ERR_APIKEY_NOT_FOUND',
        'The key and secret sent do not match a Management API key of this account.',
      );
    }
  }

  private async control(req: IncomingMessage, method: string, path: string): Promise<EmuResponse> {
    try {
      this.checkApiKey(req);
      const body = await readJson(req);
      return handleControl(method, path, body, {
        reset: (seed) => this.reset(seed),
        requests: () => this.requests(),
        clearRequests: () => this.clearRequests(),
        deliveries: () => this.deliveries(),
        clearDeliveries: () => this.clearDeliveries(),
        faults: this.faults,
        knobs: () => this.knobs(),
        updateKnobs: (patch) => this.updateSettings(patch),
      });
    } catch (error) {
      if (error instanceof EmuError) return { status: error.status, body: error.toBody() };
      this.options.onUnexpectedError?.(error);
      return {
        status: 500,
        body: new EmuError(500, 'ERR_MISSION_FAILED', 'The control request failed.').toBody(),
      };
    }
  }
}

/** Starts an emulator (seeded, listening) and resolves once it accepts connections. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new RunningEmulator(options);
  await emulator.listen();
  return emulator;
}
