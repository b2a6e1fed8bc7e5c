/**
 * Moderation: reasons CRUD (over the store's `moderationReasons`, which the flag route checks),
 * the flagged messages built from the store's `flags` and their review, the messages the rule
 * engine blocked (one seeded entry) and their review, the reviewed list; on the management
 * surface, the rules and keyword lists. Lists answer `{data, meta:{current:{limit,count}}}`.
 */
import {
  ack,
  assertValid,
  badRequest,
  bodyObject,
  checkString,
  EmuError,
  messageNotFound,
  normaliseId,
  ok,
  type Router,
} from './http.js';
import { findMessage } from './messages.js';
import { registerModerationRules } from './moderation-rules.js';
import { renderMessage } from './render.js';
import { renderUser } from './render-user.js';
import type { Store } from './store.js';

interface ReasonMeta {
  description?: string;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

interface ReviewedEntry {
  messageId: number;
  ruleId?: string;
  ruleName?: string;
  condition?: string;
  status: string;
  createdAt: number;
  updatedAt: number;
}

interface ModerationState {
  reasons: Map<string, ReasonMeta>;
  /** Flags already reviewed: their index in `store.flags` is below this per message. */
  reviewedFlags: Map<number, number>;
  blocked: ReviewedEntry[];
  reviewed: ReviewedEntry[];
}

const STATES = new WeakMap<Store, ModerationState>();

const RULE = { id: 'profanity', name: 'Profanity filter' };
const RULE_CONDITION = 'Text message contains a word from the Profane Words list';

function stateOf(store: Store): ModerationState {
  let state = STATES.get(store);
  if (!state) {
    const now = store.now();
    const reasons = new Map<string, ReasonMeta>();
    for (const id of store.moderationReasons.keys()) {
      reasons.set(id, { isDefault: true, createdAt: now, updatedAt: now });
    }
    const first = store.messages.values().next().value;
    const blocked: ReviewedEntry[] = first
      ? [
          {
            messageId: first.id,
            ruleId: RULE.id,
            ruleName: RULE.name,
            condition: RULE_CONDITION,
            status: 'pending',
            createdAt: now,
            updatedAt: now,
          },
        ]
      : [];
    state = { reasons, reviewedFlags: new Map(), blocked, reviewed: [] };
    STATES.set(store, state);
  }
  return state;
}

function readLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw badRequest({ limit: ['The limit must be an integer between 1 and 1000.'] });
  }
  return n;
}

function list<T>(items: readonly T[], limit: number, render: (item: T) => unknown) {
  const slice = items.slice(0, limit);
  return {
    status: 200,
    body: { data: slice.map(render), meta: { current: { limit, count: slice.length } } },
  };
}

function reasonNotFound(id: string): EmuError {
  return new EmuError(404, 'ERR_REASON_NOT_FOUND', `The moderation reason ${id} does not exist.`);
}

function renderReason(store: Store, id: string): Record<string, unknown> {
  const meta = stateOf(store).reasons.get(id);
  return {
    id,
    name: store.moderationReasons.get(id) ?? id,
    ...(meta?.description !== undefined ? { description: meta.description } : {}),
    createdAt: meta?.createdAt ?? store.now(),
    updatedAt: meta?.updatedAt ?? store.now(),
    ...(meta?.isDefault ? { default: true } : {}),
  };
}

function pendingFlags(store: Store) {
  const reviewed = stateOf(store).reviewedFlags;
  const byMessage = new Map<number, { flag: Store['flags'][number]; index: number }[]>();
  store.flags.forEach((flag, index) => {
    if (index < (reviewed.get(flag.messageId) ?? 0)) return;
    if (!store.messages.has(flag.messageId)) return;
    const list = byMessage.get(flag.messageId) ?? [];
    list.push({ flag, index });
    byMessage.set(flag.messageId, list);
  });
  return byMessage;
}

function renderEntry(store: Store, entry: ReviewedEntry): Record<string, unknown> | null {
  const row = store.messages.get(entry.messageId);
  if (!row) return null;
  const message = renderMessage(store, row);
  const data = (message.data ?? {}) as Record<string, unknown>; // a rendered message's data object
  return {
    ...(entry.ruleId ? { ruleId: entry.ruleId, ruleName: entry.ruleName } : {}),
    ...(entry.condition ? { condition: { id: 1, message: [entry.condition] } } : {}),
    message: { ...message, data: { ...data, moderation: { status: entry.status } } },
    action: entry.ruleId ? ['blockMessage'] : [],
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}

/** Registers the moderation routes on the chat API and its rules on the management surface. */
export function registerModeration(chat: Router, management: Router): void {
  chat.add('GET', '/moderation/reasons', (req, { store }) =>
    list([...store.moderationReasons.keys()], readLimit(req.query), (id) =>
      renderReason(store, id),
    ),
  );
  chat.add('GET', '/moderation/reasons/:id', (req, { store }) => {
    const id = req.params.id ?? '';
    if (!store.moderationReasons.has(id)) throw reasonNotFound(id);
    return ok(renderReason(store, id));
  });
  chat.add('POST', '/moderation/reasons', (req, { store }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const id = normaliseId(body.id, 'id', details);
    const name = checkString(body.name, 'name', 100, details, true);
    const description = checkString(body.description, 'description', 255, details);
    if (id !== '' && store.moderationReasons.has(id))
      details.id = ['The id has already been taken.'];
    assertValid(details);
    const now = store.now();
    store.moderationReasons.set(id, name ?? id);
    stateOf(store).reasons.set(id, {
      ...(description !== undefined ? { description } : {}),
      isDefault: false,
      createdAt: now,
      updatedAt: now,
    });
    return ok(renderReason(store, id));
  });
  chat.add('PUT', '/moderation/reasons/:id', (req, { store }) => {
    const id = req.params.id ?? '';
    if (!store.moderationReasons.has(id)) throw reasonNotFound(id);
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const name = checkString(body.name, 'name', 100, details, body.name !== undefined);
    const description = checkString(body.description, 'description', 255, details);
    assertValid(details);
    const meta = stateOf(store).reasons.get(id);
    if (name !== undefined) store.moderationReasons.set(id, name);
    if (meta) {
      if (description !== undefined) meta.description = description;
      meta.updatedAt = store.now();
    }
    return ok(renderReason(store, id));
  });
  chat.add('DELETE', '/moderation/reasons/:id', (req, { store }) => {
    const id = req.params.id ?? '';
    if (!store.moderationReasons.has(id)) throw reasonNotFound(id);
    store.moderationReasons.delete(id);
    stateOf(store).reasons.delete(id);
    // CometChat answers this one without the `data` wrapper.
    return { status: 200, body: { success: true, message: `Reason ${id} deleted successfully.` } };
  });

  chat.add('GET', '/moderation/flagged-messages', (req, { store }) => {
    const pending = [...pendingFlags(store).entries()];
    return list(pending, readLimit(req.query), ([messageId, flags]) => {
      const row = store.messages.get(messageId);
      const message = row ? renderMessage(store, row) : {};
      return {
        ...message,
        flaggedBy: flags.map(({ flag }) => {
          const user = store.users.get(flag.uid);
          return {
            ...(user ? renderUser(store, user) : { uid: flag.uid }),
            reasonId: flag.reasonId,
            reasonName: store.moderationReasons.get(flag.reasonId) ?? flag.reasonId,
            ...(stateOf(store).reasons.get(flag.reasonId)?.description !== undefined
              ? { description: stateOf(store).reasons.get(flag.reasonId)?.description }
              : {}),
            ...(flag.remark !== undefined ? { remark: flag.remark } : {}),
            flaggedAt: flag.flaggedAt,
          };
        }),
        flaggedCount: flags.length,
      };
    });
  });
  chat.add('PATCH', '/moderation/flagged-messages/:id', (req, { store }) => {
    const message = findMessage(store, req.params.id);
    const status = bodyObject(req).status;
    if (status !== 'approved' && status !== 'disapproved') {
      throw badRequest({ status: ['The status must be approved or disapproved.'] });
    }
    const flags = pendingFlags(store).get(message.id);
    if (!flags) throw messageNotFound(message.id);
    const state = stateOf(store);
    state.reviewedFlags.set(message.id, (flags.at(-1)?.index ?? 0) + 1);
    const now = store.now();
    state.reviewed.unshift({ messageId: message.id, status, createdAt: now, updatedAt: now });
    return {
      status: 200,
      body: {
        success: true,
        message:
          status === 'approved'
            ? `Message with id ${message.id} has been unflagged successfully.`
            : `Message with id ${message.id} has been blocked successfully.`,
      },
    };
  });

  chat.add('GET', '/moderation/blocked-messages', (req, { store }) => {
    const entries = stateOf(store)
      .blocked.map((e) => renderEntry(store, e))
      .filter((e) => e);
    return list(entries, readLimit(req.query), (e) => e);
  });
  chat.add('GET', '/moderation/reviewed-messages', (req, { store }) => {
    const entries = stateOf(store)
      .reviewed.map((e) => renderEntry(store, e))
      .filter((e) => e);
    return list(entries, readLimit(req.query), (e) => e);
  });
  chat.add('PATCH', '/moderation/blocked-messages/:id', (req, { store }) => {
    const state = stateOf(store);
    const id = Number(req.params.id);
    const index = state.blocked.findIndex((e) => e.messageId === id);
    if (index < 0) throw messageNotFound(req.params.id ?? '');
    const body = bodyObject(req);
    if (body.status !== 'approved' && body.status !== 'rejected') {
      throw badRequest({ status: ['The status must be approved or rejected.'] });
    }
    const [entry] = state.blocked.splice(index, 1);
    if (entry) {
      entry.status = body.status === 'approved' ? 'approved' : 'disapproved';
      entry.updatedAt = store.now();
      state.reviewed.unshift(entry);
    }
    return ack(`Message with ID ${id} has been reviewed successfully.`);
  });
  registerModerationRules(management, RULE, RULE_CONDITION);
}
