/**
 * Webhooks as CometChat's Management API exposes them (`/apps/:appId/webhooks...`, `key` + `secret`
 * headers, checked by the server) and the delivery engine behind `ctx.emit`: POST JSON
 * `{trigger, data, appId, region, webhook}` with HTTP Basic when configured, retried after the
 * configured delays when `retryOnFailure` is set.
 */
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { LIMITS } from '../cometchat/limits.js';
import { WEBHOOK_TRIGGER_DESCRIPTIONS } from '../cometchat/webhook-triggers.js';
import {
  ack,
  assertValid,
  bodyObject,
  checkBoolean,
  checkString,
  EmuError,
  type EmuRequest,
  ok,
  pageList,
  type Router,
  readPage,
} from './http.js';
import type { Store, WebhookRow } from './store.js';

/** Trigger ids CometChat documents, with the description its trigger list returns. */
export const WEBHOOK_TRIGGERS: Readonly<Record<string, string>> = WEBHOOK_TRIGGER_DESCRIPTIONS;

const MAX_WEBHOOKS = 25;
const WEBHOOK_ID = new RegExp(`^[a-zA-Z0-9_-]{1,${LIMITS.webhookId}}$`);
const NO_WHITESPACE = /^\S+$/;

export function webhookNotFound(id: string): EmuError {
  return new EmuError(404, 'ERR_WEBHOOK_NOT_FOUND', `The webhook with id ${id} does not exist.`);
}

/** A webhook as the Management API renders it. */
export function renderWebhook(row: WebhookRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    webhookURL: row.webhookURL,
    useBasicAuth: row.useBasicAuth,
    ...(row.username !== undefined ? { username: row.username } : {}),
    ...(row.password !== undefined ? { password: row.password } : {}),
    enabled: row.enabled,
    retryOnFailure: row.retryOnFailure,
    createdAt: row.createdAt,
    ...(row.updatedAt !== undefined ? { updatedAt: row.updatedAt } : {}),
  };
}

/**
 * CometChat only delivers to public HTTPS URLs. Plain HTTP is accepted for hosts CometChat could never
 * reach anyway (loopback, private networks, single-label names) so local receivers can be used.
 */
function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || !host.includes('.')) return true;
  return /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host);
}

function checkWebhookUrl(
  value: unknown,
  details: Record<string, string[]>,
  required: boolean,
): string | undefined {
  const text = checkString(value, 'webhookURL', LIMITS.webhookUrl, details, required);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    details.webhookURL = ['The webhookURL format is invalid.'];
    return undefined;
  }
  const secure = url.protocol === 'https:';
  if (!secure && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
    details.webhookURL = ['The webhookURL must be an HTTPS URL.'];
    return undefined;
  }
  return text;
}

function checkCredential(
  value: unknown,
  field: 'username' | 'password',
  max: number,
  details: Record<string, string[]>,
): string | undefined {
  const text = checkString(value, field, max, details);
  if (text !== undefined && !NO_WHITESPACE.test(text)) {
    details[field] = [`The ${field} may not contain spaces.`];
    return undefined;
  }
  return text;
}

function findWebhook(store: Store, id: string): WebhookRow {
  const row = store.webhooks.get(id);
  if (!row) throw webhookNotFound(id);
  return row;
}

function readTriggerIds(req: EmuRequest): string[] {
  const body = bodyObject(req);
  const ids = body.triggerIds;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.some((id) => typeof id !== 'string' || id === '')
  ) {
    throw new EmuError(
      400,
      'ERR_BAD_REQUEST',
      'Failed to validate the data sent with the request.',
      { triggerIds: ['The triggerIds field must be a non-empty array of trigger ids.'] },
    );
  }
  const unknown = ids.find((id: string) => !(id in WEBHOOK_TRIGGERS));
  if (unknown !== undefined) {
    throw new EmuError(404, 'ERR_TRIGGER_NOT_FOUND', `The trigger ${unknown} does not exist.`);
  }
  return ids as string[]; // checked element-wise above
}

/** Sets the Basic-auth fields and checks that username and password come together. */
function applyAuth(
  row: WebhookRow,
  body: Record<string, unknown>,
  details: Record<string, string[]>,
): void {
  const useBasicAuth = checkBoolean(body.useBasicAuth, 'useBasicAuth', details);
  const username = checkCredential(body.username, 'username', LIMITS.webhookUsername, details);
  const password = checkCredential(body.password, 'password', LIMITS.webhookPassword, details);
  if (useBasicAuth !== undefined) row.useBasicAuth = useBasicAuth;
  if (username !== undefined) row.username = username;
  if (password !== undefined) row.password = password;
  if (row.useBasicAuth) {
    if (row.username === undefined) details.username = ['The username field is required.'];
    if (row.password === undefined) details.password = ['The password field is required.'];
  }
}

/** Registers the Management API webhook routes (`/apps/:appId/webhooks...`). */
export function registerWebhooks(router: Router): void {
  router.add('POST', '/apps/:appId/webhooks', (req, { store }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    let id = '';
    if (typeof body.id !== 'string' || body.id === '') details.id = ['The id field is required.'];
    else if (!WEBHOOK_ID.test(body.id)) {
      details.id = [
        `The id may only contain letters, numbers, dashes and underscores, up to ${LIMITS.webhookId} characters.`,
      ];
    } else id = body.id;
    const name = checkString(body.name, 'name', LIMITS.webhookName, details, true);
    const webhookURL = checkWebhookUrl(body.webhookURL, details, true);
    const enabled = checkBoolean(body.enabled, 'enabled', details);
    const retryOnFailure = checkBoolean(body.retryOnFailure, 'retryOnFailure', details);
    if (id !== '' && store.webhooks.has(id)) details.id = ['The id has already been taken.'];
    if (store.webhooks.size >= MAX_WEBHOOKS) {
      details.id = [`An app may have at most ${MAX_WEBHOOKS} webhooks.`];
    }
    const now = store.now();
    const row: WebhookRow = {
      id,
      name: name ?? '',
      webhookURL: webhookURL ?? '',
      useBasicAuth: false,
      enabled: enabled ?? true,
      retryOnFailure: retryOnFailure ?? false,
      triggers: new Set(),
      createdAt: now,
      updatedAt: now,
    };
    applyAuth(row, body, details);
    assertValid(details);
    store.webhooks.set(row.id, row);
    return ok(renderWebhook(row));
  });

  router.add('GET', '/apps/:appId/webhooks', (req, { store }) => {
    const page = readPage(req.query);
    const search = (req.query.get('searchKey') ?? '').toLowerCase();
    const rows = [...store.webhooks.values()].filter(
      (row) => search === '' || row.name.toLowerCase().includes(search),
    );
    return pageList(rows, page, renderWebhook);
  });

  router.add('GET', '/apps/:appId/webhooks/:webhookId', (req, { store }) =>
    ok(renderWebhook(findWebhook(store, req.params.webhookId ?? ''))),
  );

  router.add('PUT', '/apps/:appId/webhooks/:webhookId', (req, { store }) => {
    const existing = findWebhook(store, req.params.webhookId ?? '');
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const draft: WebhookRow = { ...existing };
    const name = checkString(
      body.name,
      'name',
      LIMITS.webhookName,
      details,
      body.name !== undefined,
    );
    const webhookURL = checkWebhookUrl(body.webhookURL, details, body.webhookURL !== undefined);
    const enabled = checkBoolean(body.enabled, 'enabled', details);
    const retryOnFailure = checkBoolean(body.retryOnFailure, 'retryOnFailure', details);
    if (name !== undefined) draft.name = name;
    if (webhookURL !== undefined) draft.webhookURL = webhookURL;
    if (enabled !== undefined) draft.enabled = enabled;
    if (retryOnFailure !== undefined) draft.retryOnFailure = retryOnFailure;
    applyAuth(draft, body, details);
    assertValid(details);
    draft.updatedAt = store.now();
    Object.assign(existing, draft);
    return ok(renderWebhook(existing));
  });

  router.add('DELETE', '/apps/:appId/webhooks/:webhookId', (req, { store }) => {
    const row = findWebhook(store, req.params.webhookId ?? '');
    store.webhooks.delete(row.id);
    return ack('Deleted Webhook successfully.');
  });

  router.add('POST', '/apps/:appId/webhooks/:webhookId/triggers', (req, { store }) => {
    const row = findWebhook(store, req.params.webhookId ?? '');
    const result: Record<string, unknown> = {};
    for (const id of readTriggerIds(req)) {
      row.triggers.add(id);
      result[id] = { success: true, message: 'Triggers has been added successfully.' };
    }
    row.updatedAt = store.now();
    return ok(result);
  });

  router.add('GET', '/apps/:appId/webhooks/:webhookId/triggers', (req, { store }) => {
    const row = findWebhook(store, req.params.webhookId ?? '');
    const page = readPage(req.query);
    return pageList([...row.triggers], page, (id) => ({
      id,
      description: WEBHOOK_TRIGGERS[id] ?? '',
    }));
  });

  router.add('DELETE', '/apps/:appId/webhooks/:webhookId/triggers', (req, { store }) => {
    const row = findWebhook(store, req.params.webhookId ?? '');
    for (const id of readTriggerIds(req)) row.triggers.delete(id);
    row.updatedAt = store.now();
    return ack('Removed trigger successfully.');
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** One delivery attempt, as `Emulator.deliveries()` reports it. */
export interface WebhookDeliveryLogEntry {
  webhookId: string;
  trigger: string;
  url: string;
  /** 1 for the first delivery, 2 and 3 for the retries. */
  attempt: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed without an HTTP answer (connection error, timeout). */
  error?: string;
  /** When the attempt started, epoch milliseconds. */
  at: number;
}

export interface WebhookDispatcherOptions {
  appId: string;
  region: string;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  /** The log keeps the latest `logLimit` attempts once it grows past twice that. */
  logLimit: number;
  /** Deliver to any host; by default only to loopback addresses (see `loopbackTarget`). */
  anyHost?: boolean;
}

/** Whether `hostname` (as URL parsing gives it) names this machine's loopback interface. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && (host === '::1' || host === '0:0:0:0:0:0:0:1');
}

/**
 * The only name resolution loopback-only delivery does: `localhost` is 127.0.0.1, anything else
 * fails without asking a resolver (IP literals never reach a lookup).
 */
const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname.toLowerCase() !== 'localhost') {
    callback(new Error(`refusing to resolve ${hostname}: loopback delivery only`), '', 4);
  } else if (options.all) {
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

interface DeliveryJob {
  webhookId: string;
  trigger: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  retry: boolean;
}

/**
 * Delivers triggers to webhooks off the request path. Every attempt is logged; pending retries and
 * in-flight deliveries are cancelled by `cancelPending()` (reset) and `close()`.
 */
export class WebhookDispatcher {
  private readonly agent: Agent;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();
  private log: WebhookDeliveryLogEntry[] = [];
  private closed = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.agent = new Agent({
      keepAliveTimeout: 1000,
      connections: 16,
      ...(options.anyHost ? {} : { connect: { lookup: loopbackLookup } }),
    });
  }

  /** Queues `trigger` for every enabled webhook of `store` subscribed to it; never blocks. */
  emit(store: Store, trigger: string, data: Record<string, unknown>): void {
    if (this.closed) return;
    for (const hook of store.webhooks.values()) {
      if (!hook.enabled || !hook.triggers.has(trigger)) continue;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'CometChat-Webhooks',
      };
      if (hook.useBasicAuth && hook.username !== undefined && hook.password !== undefined) {
        const token = Buffer.from(`${hook.username}:${hook.password}`).toString('base64');
        headers.authorization = `Basic ${token}`;
      }
      const payload = {
        trigger,
        data,
        appId: this.options.appId,
        region: this.options.region,
        webhook: hook.id,
      };
      this.schedule(
        {
          webhookId: hook.id,
          trigger,
          url: hook.webhookURL,
          headers,
          body: JSON.stringify(payload),
          retry: hook.retryOnFailure,
        },
        1,
        0,
      );
    }
  }

  deliveries(): WebhookDeliveryLogEntry[] {
    return [...this.log];
  }

  clearDeliveries(): void {
    this.log = [];
  }

  /** Deliveries queued, waiting for a retry, or in flight (0: every delivery has its outcome logged). */
  get pending(): number {
    return this.timers.size + this.inflight.size;
  }

  /** Drops queued deliveries and retries and aborts those in flight. */
  cancelPending(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inflight) controller.abort();
    this.inflight.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelPending();
    await this.agent.destroy();
  }

  private schedule(job: DeliveryJob, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(job, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(job: DeliveryJob, attempt: number): Promise<void> {
    const entry: WebhookDeliveryLogEntry = {
      webhookId: job.webhookId,
      trigger: job.trigger,
      url: job.url,
      attempt,
      at: Date.now(),
    };
    if (!this.options.anyHost && !isLoopbackHost(hostOf(job.url))) {
      // Never retried: the address will not change.
      entry.error = `refused: ${hostOf(job.url)} is not a loopback address (the emulator delivers to loopback only unless webhookHosts is 'any')`;
      this.record(entry);
      return;
    }
    const controller = new AbortController();
    this.inflight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    let delivered = false;
    try {
      const response = await request(job.url, {
        method: 'POST',
        headers: job.headers,
        body: job.body,
        dispatcher: this.agent,
        signal: controller.signal,
      });
      await response.body.dump();
      entry.status = response.statusCode;
      delivered = response.statusCode >= 200 && response.statusCode < 300;
    } catch (error) {
      entry.error = timedOut
        ? `no answer within ${this.options.timeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
    if (this.closed || (controller.signal.aborted && !timedOut)) return;
    this.record(entry);
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (!delivered && job.retry && delay !== undefined) this.schedule(job, attempt + 1, delay);
  }

  private record(entry: WebhookDeliveryLogEntry): void {
    this.log.push(entry);
    if (this.log.length > this.options.logLimit * 2) {
      this.log.splice(0, this.log.length - this.options.logLimit);
    }
  }
}
