/**
 * Moderation rule and keyword-list writes on CometChat's Management API (`key` + `secret`):
 * `POST`/`PUT`/`DELETE /apps/{appId}/moderation/rules[/{ruleId}]` with JSON bodies, and
 * `POST`/`PUT`/`DELETE /apps/{appId}/moderation/keywords[/{keywordId}]`, whose bodies are
 * multipart forms (`searchTerms` comma-separated). The reads live in `moderation.ts`.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import {
  type KeywordListRecord,
  keywordListSchema,
  type ModerationRuleRecord,
  ruleSchema,
} from './moderation.js';
import { dataOf } from './records/common.js';

/** One condition of a rule, as CometChat's add-rule example sends it. */
export interface RuleConditionInput {
  id: number;
  entity: string;
  operand: string;
  operator: string;
  category: string;
  isKeywordReferencePresent: boolean;
  isMediaPresent: boolean;
  value: string;
}

export interface RuleWrite {
  id?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
  action?: string[] | undefined;
  conditions?: RuleConditionInput[] | undefined;
}

const ruleAnswer = dataOf(ruleSchema);
const keywordAnswer = dataOf(keywordListSchema);
/** A delete's answer: `{data: {success, message}}` for rules; keywords document none, so any JSON. */
const deleted = z.unknown().transform(() => true as const);

/** `POST /apps/{appId}/moderation/rules`. */
export function createModerationRule(
  client: UpstreamClient,
  rule: RuleWrite,
  opts: CallOptions = {},
): Promise<ModerationRuleRecord> {
  return call(client, 'POST', '/apps/{appId}/moderation/rules', ruleAnswer, {
    api: 'management',
    body: { ...rule },
    ...opts,
  });
}

/** `PUT /apps/{appId}/moderation/rules/{ruleId}`: the fields given. */
export function updateModerationRule(
  client: UpstreamClient,
  ruleId: string,
  rule: RuleWrite,
  opts: CallOptions = {},
): Promise<ModerationRuleRecord> {
  return call(client, 'PUT', '/apps/{appId}/moderation/rules/{ruleId}', ruleAnswer, {
    api: 'management',
    params: { ruleId },
    body: { ...rule },
    ...opts,
  });
}

/** `DELETE /apps/{appId}/moderation/rules/{ruleId}`. */
export function deleteModerationRule(
  client: UpstreamClient,
  ruleId: string,
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'DELETE', '/apps/{appId}/moderation/rules/{ruleId}', deleted, {
    api: 'management',
    params: { ruleId },
    ...opts,
  });
}

export interface KeywordListWrite {
  id?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  category?: string | undefined;
  /** Sent comma-separated in `searchTerms`, as CometChat documents it without a file. */
  terms?: string[] | undefined;
}

function keywordForm(list: KeywordListWrite): Record<string, string | undefined> {
  return {
    id: list.id,
    name: list.name,
    description: list.description,
    category: list.category,
    searchTerms: list.terms === undefined ? undefined : list.terms.join(','),
  };
}

/** `POST /apps/{appId}/moderation/keywords` (a multipart form). */
export function createKeywordList(
  client: UpstreamClient,
  list: KeywordListWrite,
  opts: CallOptions = {},
): Promise<KeywordListRecord> {
  return call(client, 'POST', '/apps/{appId}/moderation/keywords', keywordAnswer, {
    api: 'management',
    form: keywordForm(list),
    ...opts,
  });
}

/** `PUT /apps/{appId}/moderation/keywords/{keywordId}` (a multipart form of the fields given). */
export function updateKeywordList(
  client: UpstreamClient,
  keywordId: string,
  list: KeywordListWrite,
  opts: CallOptions = {},
): Promise<KeywordListRecord> {
  return call(client, 'PUT', '/apps/{appId}/moderation/keywords/{keywordId}', keywordAnswer, {
    api: 'management',
    params: { keywordId },
    form: keywordForm(list),
    ...opts,
  });
}

/** `DELETE /apps/{appId}/moderation/keywords/{keywordId}`. */
export function deleteKeywordList(
  client: UpstreamClient,
  keywordId: string,
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'DELETE', '/apps/{appId}/moderation/keywords/{keywordId}', deleted, {
    api: 'management',
    params: { keywordId },
    ...opts,
  });
}
