/**
 * The admin side of notifications, kept per store: FCM providers (`GET|POST|PUT
 * /notifications/push/v1/providers/fcm`, `DELETE …/fcm/{providerId}`), APNs providers (the same
 * under `…/apns`, listed as `{pushProviders}`), the custom push, SMS and
 * e-mail webhooks, Twilio and SendGrid credentials (`GET|PUT`), the app's settings (`GET|PATCH
 * /notifications/v1/settings`, merged key by key; `DELETE` restores the defaults) and the delivery logs (`GET
 * /notifications/v1/logs`). Like CometChat, the GET answers of the providers include the stored
 * credentials: keeping them out of the graph is the gateway's job.
 *
 * Emulator choices (CometChat documents no such detail): one log entry per chat message in the
 * store (channel `push`), triggered when an FCM provider exists and with reason `NO_PROVIDER`
 * otherwise; logs in message order, paged with `affix=append&logId=` and `limit` (default 100).
 */
import {
  assertValid,
  bodyObject,
  EmuError,
  type EmuRequest,
  type EmuResponse,
  ok,
  type Router,
} from './http.js';
import type { MessageRow, Store } from './store.js';

export interface AdminState {
  fcm: Map<string, Record<string, unknown>>;
  apns: Map<string, Record<string, unknown>>;
  /** The provider each push service delivers through; the first one added while none is set. */
  defaults: Record<'fcm' | 'apns', string | null>;
  /** The custom (webhook) provider of each channel. */
  custom: Record<'push' | 'sms' | 'email', Record<string, unknown>>;
  twilio: Record<string, unknown>;
  sendGrid: Record<string, unknown>;
  settings: Record<string, unknown>;
}

const stateByStore = new WeakMap<Store, AdminState>();

/** The documented defaults of the settings example (CometChat's list-settings page), abridged. */
function defaultSettings(): Record<string, unknown> {
  const groupEvents = [
    'memberLeft',
    'memberAdded',
    'memberJoined',
    'memberKicked',
    'memberBanned',
    'memberUnbanned',
    'memberScopeChanged',
  ];
  const group: Record<string, unknown> = {
    messagesSetting: 2,
    messagesOverride: true,
    repliesSetting: 2,
    repliesOverride: true,
    reactionsSetting: 2,
    reactionsOverride: true,
    messageEditedSetting: 2,
    messageDeletedSetting: 2,
  };
  for (const event of groupEvents) {
    group[`${event}Setting`] = 1;
    group[`${event}Override`] = true;
  }
  const call: Record<string, unknown> = {};
  for (const event of ['busy', 'cancelled', 'ended', 'initiated', 'ongoing', 'rejected']) {
    call[`${event}Setting`] = 1;
    call[`${event}Override`] = false;
  }
  call.unansweredSetting = 1;
  call.unansweredOverride = false;
  return {
    preferences: {
      group,
      bypassPreferencesForMentions: false,
      call,
      oneOnOne: {
        messagesSetting: 2,
        messagesOverride: true,
        repliesSetting: 2,
        repliesOverride: true,
        reactionsSetting: 2,
        reactionsOverride: true,
        messageEditedSetting: 2,
        messageDeletedSetting: 2,
      },
    },
  };
}

/** The store's notification admin state (tests read what the gateway sent through it). */
export function notificationAdminStateOf(store: Store): AdminState {
  return stateOf(store);
}

function stateOf(store: Store): AdminState {
  let state = stateByStore.get(store);
  if (!state) {
    state = {
      fcm: new Map(),
      apns: new Map(),
      defaults: { fcm: null, apns: null },
      custom: { push: {}, sms: {}, email: {} },
      twilio: {},
      sendGrid: {},
      settings: defaultSettings(),
    };
    stateByStore.set(store, state);
  }
  return state;
}

function providerNotFound(providerId: string): EmuError {
  return new EmuError(404, 'ERR_PROVIDER_NOT_FOUND', `The provider ${providerId} does not exist.`);
}

const SERVICE_ACCOUNT_KEYS = ['project_id', 'client_email', 'private_key', 'private_key_id'];

/** Checks an FCM body; `creating` requires the service account. Details never quote values. */
function checkFcm(body: Record<string, unknown>, creating: boolean): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  const providerId = body.providerId;
  if (typeof providerId !== 'string' || providerId.trim() === '' || providerId.length > 100) {
    details.providerId = ['The providerId field is required (at most 100 characters).'];
  }
  const creds = body.serviceAccountCreds;
  if (creds === undefined) {
    if (creating) details.serviceAccountCreds = ['The serviceAccountCreds field is required.'];
  } else if (creds === null || typeof creds !== 'object') {
    details.serviceAccountCreds = ['The serviceAccountCreds field must be an object.'];
  } else {
    for (const key of SERVICE_ACCOUNT_KEYS) {
      const value = (creds as Record<string, unknown>)[key];
      if (typeof value !== 'string' || value === '') {
        details[`serviceAccountCreds.${key}`] = [`The ${key} field is required.`];
      }
    }
  }
  return details;
}

function checkStrings(
  body: Record<string, unknown>,
  keys: readonly string[],
  details: Record<string, string[]>,
): void {
  for (const key of keys) {
    const value = body[key];
    if (value !== undefined && typeof value !== 'string') {
      details[key] = [`The ${key} field must be a string.`];
    }
  }
}

function checkBooleans(
  body: Record<string, unknown>,
  keys: readonly string[],
  details: Record<string, string[]>,
): void {
  for (const key of keys) {
    const value = body[key];
    if (value !== undefined && typeof value !== 'boolean') {
      details[key] = [`The ${key} field must be a boolean.`];
    }
  }
}

function checkHttpsUrl(value: unknown, key: string, details: Record<string, string[]>): void {
  if (value === undefined) return;
  try {
    if (typeof value !== 'string' || new URL(value).protocol !== 'https:') throw new Error();
  } catch {
    details[key] = [`The ${key} field must be a valid HTTPS URL.`];
  }
}

/** Copies the keys of `body` that are in `keys` onto `target`. */
function merge(
  target: Record<string, unknown>,
  body: Record<string, unknown>,
  keys: readonly string[],
): void {
  for (const key of keys) if (body[key] !== undefined) target[key] = body[key];
}

const CUSTOM_KEYS = ['webhookURL', 'basicAuthUsername', 'basicAuthPassword'] as const;
const CUSTOM_FLAGS = ['isEnabled', 'useBasicAuth'] as const;
const TWILIO_KEYS = ['twilioAccountSID', 'twilioAuthToken', 'twilioSenderPhoneNumber'] as const;
const SENDGRID_KEYS = [
  'sendGridApiKey',
  'sendGridTemplateID',
  'sendGridUnsubscribeGroupID',
  'senderName',
  'senderEmail',
  'senderEmailForReplies',
] as const;
const SENDGRID_FLAGS = ['allowEmailReplies', 'isEnabled'] as const;

/** Deep-merges `patch` into `target` (objects merge, everything else replaces). */
function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current)
    ) {
      deepMerge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
}

function logOf(message: MessageRow, state: AdminState): Record<string, unknown> {
  const triggered = state.fcm.size > 0;
  const providerId = triggered ? [...state.fcm.keys()][0] : undefined;
  const sentMs = message.sentAt * 1000;
  return {
    _id: `log-${message.id}`,
    processingStartedAtMS: sentMs + 5,
    processingEndedAtMS: sentMs + 9,
    totalProcessingTimeInMS: 4,
    component: 'notifications-core',
    channel: 'push',
    provider: 'fcm',
    ...(providerId !== undefined ? { providerId } : {}),
    messageId: message.id,
    trigger: 'after_message',
    messageSentAtMS: sentMs,
    sender: message.sender,
    receiver: message.receiver,
    receiverType: message.receiverType,
    messageCategory: message.category,
    messageType: message.type,
    notificationTriggered: triggered,
    ...(triggered ? {} : { reason: 'NO_PROVIDER' }),
    payload: { title: message.sender, receiverType: message.receiverType },
  };
}

const LOG_STRING_FILTERS = [
  'trigger',
  'sender',
  'receiver',
  'receiverType',
  'channel',
  'provider',
  'messageCategory',
  'messageType',
  'reason',
  'member',
  'reactionSender',
  'reactionReceiver',
] as const;

function listLogs(req: EmuRequest, store: Store): EmuResponse {
  const q = req.query;
  const details: Record<string, string[]> = {};
  const numberParam = (name: string): number | undefined => {
    const raw = q.get(name);
    if (raw === null || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0) details[name] = [`The ${name} must be a number.`];
    return n;
  };
  const from = numberParam('from');
  const to = numberParam('to');
  const limit = numberParam('limit') ?? 100;
  if (limit < 1 || limit > 1000) details.limit = ['The limit must be between 1 and 1000.'];
  const affix = q.get('affix');
  if (affix !== null && affix !== 'append' && affix !== 'prepend') {
    details.affix = ['The affix must be append or prepend.'];
  }
  assertValid(details);
  const state = stateOf(store);
  let logs = [...store.messages.values()]
    .filter((m) => m.category === 'message' && m.deletedAt === undefined)
    .sort((a, b) => a.id - b.id)
    .map((m) => logOf(m, state));
  const messageId = q.get('messageId');
  if (messageId) logs = logs.filter((log) => String(log.messageId) === messageId);
  for (const name of LOG_STRING_FILTERS) {
    const value = q.get(name);
    if (value) logs = logs.filter((log) => log[name] === value);
  }
  if (q.get('reactionId')) logs = [];
  const triggered = q.get('notificationTriggered') ?? q.get('success');
  if (triggered === 'true' || triggered === 'false') {
    logs = logs.filter((log) => log.notificationTriggered === (triggered === 'true'));
  }
  if (from !== undefined) logs = logs.filter((log) => (log.messageSentAtMS as number) > from);
  if (to !== undefined) logs = logs.filter((log) => (log.messageSentAtMS as number) < to);
  const logId = q.get('logId');
  if (logId) {
    const at = logs.findIndex((log) => log._id === logId);
    if (affix === 'prepend') logs = at < 0 ? [] : logs.slice(0, at).slice(-limit);
    else logs = at < 0 ? [] : logs.slice(at + 1);
  }
  const page = logs.slice(0, limit);
  const last = page[page.length - 1];
  return {
    status: 200,
    body: {
      data: page,
      meta: {
        current: { limit, count: page.length },
        ...(logs.length > page.length && last
          ? { next: { affix: 'append', logId: last._id } }
          : {}),
      },
    },
  };
}

/** The provider a push service delivers through: the one chosen, else the first one added. */
function defaultOf(state: AdminState, kind: 'fcm' | 'apns'): string | undefined {
  const chosen = state.defaults[kind];
  return chosen !== null && state[kind].has(chosen) ? chosen : [...state[kind].keys()][0];
}

/** Registers the notification admin routes on the chat API router. */
export function registerNotificationAdmin(router: Router): void {
  const FCM = '/notifications/push/v1/providers/fcm';
  router.add('GET', FCM, (_req, { store }) => {
    const state = stateOf(store);
    const chosen = defaultOf(state, 'fcm');
    return ok(
      [...state.fcm.values()].map((provider) => ({
        ...provider,
        isDefault: provider.providerId === chosen,
      })),
    );
  });
  router.add('POST', FCM, (req, { store }) => {
    const body = bodyObject(req);
    assertValid(checkFcm(body, true));
    const state = stateOf(store);
    const providerId = (body.providerId as string).trim();
    if (state.fcm.has(providerId)) {
      throw new EmuError(
        409,
        'ERR_PROVIDER_ALREADY_EXISTS',
        `A provider with the id ${providerId} already exists.`,
      );
    }
    const row: Record<string, unknown> = { providerId };
    merge(row, body, ['serviceAccountFilename', 'serviceAccountCreds', 'notificationInPayload']);
    state.fcm.set(providerId, row);
    return ok({ success: true });
  });
  router.add('PUT', FCM, (req, { store }) => {
    const body = bodyObject(req);
    assertValid(checkFcm(body, false));
    const providerId = (body.providerId as string).trim();
    const row = stateOf(store).fcm.get(providerId);
    if (!row) throw providerNotFound(providerId);
    merge(row, body, ['serviceAccountFilename', 'serviceAccountCreds', 'notificationInPayload']);
    return ok({ success: true });
  });
  router.add('DELETE', `${FCM}/:providerId`, (req, { store }) => {
    const providerId = req.params.providerId ?? '';
    if (!stateOf(store).fcm.delete(providerId)) throw providerNotFound(providerId);
    return ok({ success: true });
  });

  const APNS = '/notifications/push/v1/providers/apns';
  const APNS_STRINGS = ['keyId', 'teamId', 'bundleId', 'p8KeyFilename', 'p8Key'] as const;
  const APNS_FLAGS = [
    'includeContentAvailable',
    'includeMutableContent',
    'productionMode',
  ] as const;
  const checkApns = (body: Record<string, unknown>, adding: boolean) => {
    const details: Record<string, string[]> = {};
    if (typeof body.providerId !== 'string' || body.providerId.trim() === '') {
      details.providerId = ['The providerId field is required.'];
    }
    checkStrings(body, APNS_STRINGS, details);
    checkBooleans(body, APNS_FLAGS, details);
    if (adding) {
      for (const key of ['keyId', 'teamId', 'bundleId', 'p8Key']) {
        if (typeof body[key] !== 'string') details[key] = [`The ${key} field is required.`];
      }
    }
    assertValid(details);
    return (body.providerId as string).trim(); // checked above
  };
  router.add('GET', APNS, (_req, { store }) => {
    const state = stateOf(store);
    const chosen = defaultOf(state, 'apns');
    // The documented example's shape: `{data: {pushProviders: [...]}}`, keys included.
    return ok({
      pushProviders: [...state.apns.values()].map((provider) => ({
        ...provider,
        isDefault: provider.providerId === chosen,
      })),
    });
  });
  router.add('POST', APNS, (req, { store }) => {
    const body = bodyObject(req);
    const providerId = checkApns(body, true);
    const state = stateOf(store);
    if (state.apns.has(providerId) || state.fcm.has(providerId)) {
      throw new EmuError(
        409,
        'ERR_PROVIDER_ALREADY_EXISTS',
        `A provider with the id ${providerId} already exists.`,
      );
    }
    const row: Record<string, unknown> = { providerId };
    merge(row, body, [...APNS_STRINGS, ...APNS_FLAGS]);
    state.apns.set(providerId, row);
    return ok({ success: true });
  });
  router.add('PUT', APNS, (req, { store }) => {
    const body = bodyObject(req);
    const providerId = checkApns(body, false);
    const row = stateOf(store).apns.get(providerId);
    if (!row) throw providerNotFound(providerId);
    merge(row, body, [...APNS_STRINGS, ...APNS_FLAGS]);
    return ok({ success: true });
  });
  router.add('DELETE', `${APNS}/:providerId`, (req, { store }) => {
    const providerId = req.params.providerId ?? '';
    if (!stateOf(store).apns.delete(providerId)) throw providerNotFound(providerId);
    return ok({ success: true });
  });

  // `PUT …/{fcm,apns}/default/{providerId}`: the provider that service delivers through.
  for (const [kind, path] of [
    ['fcm', FCM],
    ['apns', APNS],
  ] as const) {
    router.add('PUT', `${path}/default/:providerId`, (req, { store }) => {
      const providerId = req.params.providerId ?? '';
      const state = stateOf(store);
      if (!state[kind].has(providerId)) throw providerNotFound(providerId);
      state.defaults[kind] = providerId;
      return ok({ success: true });
    });
  }

  for (const [channel, flag] of [
    ['push', null],
    ['sms', 'useStoredPhNo'],
    ['email', 'useStoredEmailID'],
  ] as const) {
    const path = `/notifications/${channel}/v1/providers/custom`;
    const flags = flag === null ? CUSTOM_FLAGS : [...CUSTOM_FLAGS, flag];
    router.add('GET', path, (_req, { store }) => ok({ ...stateOf(store).custom[channel] }));
    router.add('PUT', path, (req, { store }) => {
      const body = bodyObject(req);
      const details: Record<string, string[]> = {};
      checkStrings(body, CUSTOM_KEYS, details);
      checkBooleans(body, flags, details);
      checkHttpsUrl(body.webhookURL, 'webhookURL', details);
      assertValid(details);
      const provider = stateOf(store).custom[channel];
      merge(provider, body, [...CUSTOM_KEYS, ...flags]);
      // As documented for SMS and e-mail, their answer echoes the provider, password included.
      return ok(channel === 'push' ? { success: true } : { ...provider });
    });
  }

  const TWILIO = '/notifications/sms/v1/providers/twilio';
  router.add('GET', TWILIO, (_req, { store }) => ok({ ...stateOf(store).twilio }));
  router.add('PUT', TWILIO, (req, { store }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    checkStrings(body, TWILIO_KEYS, details);
    checkBooleans(body, ['isEnabled'], details);
    const phone = body.twilioSenderPhoneNumber;
    if (typeof phone === 'string' && !/^\+[1-9]\d{1,14}$/.test(phone)) {
      details.twilioSenderPhoneNumber = ['The twilioSenderPhoneNumber must be an E.164 number.'];
    }
    assertValid(details);
    merge(stateOf(store).twilio, body, [...TWILIO_KEYS, 'isEnabled']);
    return ok({ success: true });
  });

  const SENDGRID = '/notifications/email/v1/providers/sendgrid';
  router.add('GET', SENDGRID, (_req, { store }) => ok({ ...stateOf(store).sendGrid }));
  router.add('PUT', SENDGRID, (req, { store }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    checkStrings(body, SENDGRID_KEYS, details);
    checkBooleans(body, SENDGRID_FLAGS, details);
    assertValid(details);
    const state = stateOf(store);
    merge(state.sendGrid, body, [...SENDGRID_KEYS, ...SENDGRID_FLAGS]);
    // As documented, the answer echoes the settings, the key included.
    return ok({ ...state.sendGrid });
  });

  router.add('GET', '/notifications/v1/settings', (_req, { store }) =>
    ok(structuredClone(stateOf(store).settings)),
  );
  router.add('PATCH', '/notifications/v1/settings', (req, { store }) => {
    const body = bodyObject(req);
    const preferences = body.preferences;
    if (preferences === null || typeof preferences !== 'object' || Array.isArray(preferences)) {
      assertValid({ preferences: ['The preferences field must be an object.'] });
    }
    const settings = stateOf(store).settings;
    deepMerge(settings, { preferences: preferences as Record<string, unknown> });
    return ok(structuredClone(settings));
  });
  router.add('DELETE', '/notifications/v1/settings', (_req, { store }) => {
    // CometChat documents no answer for the reset; the emulator answers the defaults it restored.
    const state = stateOf(store);
    state.settings = defaultSettings();
    return ok(structuredClone(state.settings));
  });

  router.add('GET', '/notifications/v1/logs', (req, { store }) => listLogs(req, store));
}
