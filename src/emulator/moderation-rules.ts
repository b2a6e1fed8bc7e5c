/**
 * Moderation rules and keyword lists on the management surface, kept per store: list, create,
 * update and delete. Rules take JSON; keyword lists take multipart forms whose `searchTerms` are
 * comma-separated. Unknown ids are 404 `ERR_RULE_NOT_FOUND` / `ERR_KEYWORD_NOT_FOUND` and taken
 * ids 409 `ERR_RULE_ALREADY_EXISTS` / `ERR_KEYWORD_ALREADY_EXISTS`: the emulator's own codes, since
 * CometChat documents none for these endpoints.
 */

import { LIMITS } from '../cometchat/limits.js';
import {
  ack,
  assertValid,
  badRequest,
  bodyObject,
  checkBoolean,
  checkString,
  EmuError,
  normaliseId,
  ok,
  type Router,
} from './http.js';
import type { Store } from './store.js';

interface Condition {
  id: number;
  entity: string;
  operand: string;
  operator: string;
  category: string;
  isKeywordsReferencePresent: boolean;
  isMediaPresent: boolean;
  value: string[];
  message: string[];
}

interface Rule {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  conditions: Condition[];
  action: string[];
  createdAt: number;
  updatedAt: number;
  revision: number;
}

interface KeywordList {
  id: string;
  name?: string;
  description?: string;
  category: string;
  searchTerms: string[];
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

interface RulesState {
  rules: Map<string, Rule>;
  keywords: Map<string, KeywordList>;
}

const STATES = new WeakMap<Store, RulesState>();
const CATEGORIES = ['word', 'pattern', 'sentence-similarity'];
const MAX_CONDITIONS = LIMITS.moderationRuleConditions;
const MAX_TERMS = LIMITS.keywordListTerms;

function stateOf(store: Store, seed: { id: string; name: string }, condition: string): RulesState {
  let state = STATES.get(store);
  if (!state) {
    const now = store.now();
    const rule: Rule = {
      id: seed.id,
      name: seed.name,
      description: 'Blocks messages with profane words.',
      enabled: true,
      conditions: [
        {
          id: 1,
          entity: 'message',
          operand: 'text',
          operator: 'contains',
          category: 'word',
          isKeywordsReferencePresent: true,
          isMediaPresent: false,
          value: ['profanity-list'],
          message: [condition],
        },
      ],
      action: ['blockMessage'],
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    const list: KeywordList = {
      id: 'profanity-list',
      name: 'Profane Words',
      category: 'word',
      searchTerms: ['darn', 'heck'],
      isDefault: true,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    state = { rules: new Map([[rule.id, rule]]), keywords: new Map([[list.id, list]]) };
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

function listOf<T>(items: readonly T[], limit: number, render: (item: T) => unknown) {
  const slice = items.slice(0, limit);
  return {
    status: 200,
    body: { data: slice.map(render), meta: { current: { limit, count: slice.length } } },
  };
}

function renderRule(appId: string, rule: Rule): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.name,
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    enabled: rule.enabled,
    conditions: rule.conditions,
    action: rule.action,
    active: true,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
    revisionId: `${appId}_${rule.id}_${rule.revision}`,
  };
}

function renderList(appId: string, list: KeywordList): Record<string, unknown> {
  return {
    id: list.id,
    ...(list.name !== undefined ? { name: list.name } : {}),
    ...(list.description !== undefined ? { description: list.description } : {}),
    category: list.category,
    isCSV: false,
    searchTerms: list.searchTerms,
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
    revisionId: `${appId}_${list.id}_${list.revision}`,
    active: true,
    ...(list.isDefault ? { default: true } : {}),
  };
}

function ruleNotFound(id: string): EmuError {
  return new EmuError(404, 'ERR_RULE_NOT_FOUND', `The moderation rule ${id} does not exist.`);
}

function keywordNotFound(id: string): EmuError {
  return new EmuError(404, 'ERR_KEYWORD_NOT_FOUND', `The keyword list ${id} does not exist.`);
}

function checkActions(value: unknown, details: Record<string, string[]>): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((a) => typeof a !== 'string' || a === '')
  ) {
    details.action = ['The action must be a non-empty list of action names.'];
    return undefined;
  }
  return value as string[]; // checked above
}

function checkConditions(
  value: unknown,
  details: Record<string, string[]>,
): Condition[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_CONDITIONS) {
    details.conditions = [`The conditions must be a list of 1 to ${MAX_CONDITIONS} conditions.`];
    return undefined;
  }
  const out: Condition[] = [];
  value.forEach((raw, index) => {
    const at = `conditions.${index}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      details[at] = ['A condition must be an object.'];
      return;
    }
    const c = raw as Record<string, unknown>; // checked above
    const entity = checkString(c.entity, `${at}.entity`, 100, details, true);
    const operand = checkString(c.operand, `${at}.operand`, 100, details, true);
    const operator = checkString(c.operator, `${at}.operator`, 100, details, true);
    const category = checkString(c.category, `${at}.category`, 100, details, true);
    const values = Array.isArray(c.value) ? c.value : [c.value];
    if (values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
      details[`${at}.value`] = ['The value field is required.'];
    }
    if (entity && operand && operator && category && !details[`${at}.value`]) {
      const value = values as string[]; // checked above
      out.push({
        id: typeof c.id === 'number' ? c.id : index + 1,
        entity,
        operand,
        operator,
        category,
        isKeywordsReferencePresent: c.isKeywordReferencePresent === true,
        isMediaPresent: c.isMediaPresent === true,
        value,
        message: [`${entity} ${operand} ${operator} ${value.join(', ')}`],
      });
    }
  });
  return out;
}

function checkCategory(value: unknown, details: Record<string, string[]>, required: boolean) {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !CATEGORIES.includes(value)) {
    details.category = [`The category must be one of ${CATEGORIES.join(', ')}.`];
    return undefined;
  }
  return value;
}

function checkTerms(value: unknown, details: Record<string, string[]>, required: boolean) {
  if (value === undefined && !required) return undefined;
  const terms =
    typeof value === 'string'
      ? value
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '')
      : [];
  if (terms.length === 0 || terms.length > MAX_TERMS) {
    details.searchTerms = [`The searchTerms must hold 1 to ${MAX_TERMS} comma-separated terms.`];
    return undefined;
  }
  return terms;
}

/** Registers rules and keyword lists on the management surface; `seed` is the app's one rule. */
export function registerModerationRules(
  management: Router,
  seed: { id: string; name: string },
  condition: string,
): void {
  const state = (store: Store) => stateOf(store, seed, condition);

  management.add('GET', '/apps/:appId/moderation/rules', (req, { store, settings }) =>
    listOf([...state(store).rules.values()], readLimit(req.query), (rule) =>
      renderRule(settings.appId, rule),
    ),
  );
  management.add('POST', '/apps/:appId/moderation/rules', (req, { store, settings }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const id = normaliseId(body.id, 'id', details);
    const name = checkString(body.name, 'name', 100, details, true);
    const description = checkString(body.description, 'description', 255, details);
    const enabled = checkBoolean(body.enabled, 'enabled', details);
    const action = checkActions(body.action, details);
    if (body.action === undefined) details.action = ['The action field is required.'];
    const conditions = checkConditions(body.conditions, details);
    if (body.conditions === undefined) details.conditions = ['The conditions field is required.'];
    assertValid(details);
    const rules = state(store).rules;
    if (rules.has(id)) {
      throw new EmuError(409, 'ERR_RULE_ALREADY_EXISTS', `A moderation rule ${id} already exists.`);
    }
    const now = store.now();
    const rule: Rule = {
      id,
      name: name as string, // required above
      ...(description !== undefined ? { description } : {}),
      enabled: enabled ?? true,
      conditions: conditions ?? [],
      action: action ?? [],
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    rules.set(id, rule);
    return ok(renderRule(settings.appId, rule));
  });
  management.add('PUT', '/apps/:appId/moderation/rules/:ruleId', (req, { store, settings }) => {
    const id = (req.params.ruleId ?? '').toLowerCase();
    const rule = state(store).rules.get(id);
    if (!rule) throw ruleNotFound(id);
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const name = checkString(body.name, 'name', 100, details);
    const description = checkString(body.description, 'description', 255, details);
    const enabled = checkBoolean(body.enabled, 'enabled', details);
    const action = checkActions(body.action, details);
    const conditions = checkConditions(body.conditions, details);
    assertValid(details);
    if (name !== undefined) rule.name = name;
    if (description !== undefined) rule.description = description;
    if (enabled !== undefined) rule.enabled = enabled;
    if (action !== undefined) rule.action = action;
    if (conditions !== undefined) rule.conditions = conditions;
    rule.updatedAt = store.now();
    rule.revision += 1;
    return ok(renderRule(settings.appId, rule));
  });
  management.add('DELETE', '/apps/:appId/moderation/rules/:ruleId', (req, { store }) => {
    const id = (req.params.ruleId ?? '').toLowerCase();
    if (!state(store).rules.delete(id)) throw ruleNotFound(id);
    return ack(`Rule with id ${id} has been deleted successfully.`);
  });

  management.add('GET', '/apps/:appId/moderation/keywords', (req, { store, settings }) =>
    listOf([...state(store).keywords.values()], readLimit(req.query), (list) =>
      renderList(settings.appId, list),
    ),
  );
  management.add('POST', '/apps/:appId/moderation/keywords', (req, { store, settings }) => {
    const form = bodyObject(req);
    const details: Record<string, string[]> = {};
    const id = normaliseId(form.id, 'id', details);
    const name = checkString(form.name, 'name', 100, details);
    const description = checkString(form.description, 'description', 255, details);
    const category = checkCategory(form.category, details, true);
    const terms = checkTerms(form.searchTerms, details, true);
    assertValid(details);
    const keywords = state(store).keywords;
    if (keywords.has(id)) {
      throw new EmuError(409, 'ERR_KEYWORD_ALREADY_EXISTS', `A keyword list ${id} already exists.`);
    }
    const now = store.now();
    const list: KeywordList = {
      id,
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      category: category as string, // required above
      searchTerms: terms ?? [],
      isDefault: false,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    keywords.set(id, list);
    return ok(renderList(settings.appId, list));
  });
  management.add(
    'PUT',
    '/apps/:appId/moderation/keywords/:keywordId',
    (req, { store, settings }) => {
      const id = (req.params.keywordId ?? '').toLowerCase();
      const list = state(store).keywords.get(id);
      if (!list) throw keywordNotFound(id);
      const form = bodyObject(req);
      const details: Record<string, string[]> = {};
      const name = checkString(form.name, 'name', 100, details);
      const description = checkString(form.description, 'description', 255, details);
      const category = checkCategory(form.category, details, false);
      const terms = checkTerms(form.searchTerms, details, false);
      assertValid(details);
      if (name !== undefined) list.name = name;
      if (description !== undefined) list.description = description;
      if (category !== undefined) list.category = category;
      if (terms !== undefined) list.searchTerms = terms;
      list.updatedAt = store.now();
      list.revision += 1;
      return ok(renderList(settings.appId, list));
    },
  );
  management.add('DELETE', '/apps/:appId/moderation/keywords/:keywordId', (req, { store }) => {
    const id = (req.params.keywordId ?? '').toLowerCase();
    if (!state(store).keywords.delete(id)) throw keywordNotFound(id);
    return ack(`Keyword list with id ${id} has been deleted successfully.`);
  });
}
