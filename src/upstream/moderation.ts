/**
 * Moderation: the reasons users flag messages with (`/moderation/reasons`), the flagged messages
 * and their review, the messages the rule engine blocked and their review, the reviewed list, and
 * (on the Management API, `key` + `secret`) the rules and keyword lists.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import {
  type AckRecord,
  ackSchema,
  count,
  dataOf,
  optionalEpoch,
  optionalString,
} from './records/common.js';
import { messageSchema } from './records/messages.js';
import type { MessageRecord } from './records.js';

/** A moderation list: `{data: [...], meta: {current: {limit, count}}}` (no total, no cursor). */
export interface ModerationList<T> {
  items: T[];
  limit: number;
}

function listOf<T>(item: z.ZodType<T, unknown>): z.ZodType<ModerationList<T>, unknown> {
  return z
    .object({
      data: z.array(item),
      meta: z.object({ current: z.object({ limit: count, count: count }) }).nullish(),
    })
    .transform((v) => ({ items: v.data, limit: v.meta?.current.limit ?? v.data.length }));
}

/** The query of every moderation list: how many items to return. */
export interface ModerationListQuery {
  limit?: number | undefined;
}

export interface ModerationReasonRecord {
  id: string;
  name: string;
  description: string | null;
  /** One of CometChat's built-in reasons. */
  isDefault: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const reasonSchema: z.ZodType<ModerationReasonRecord, unknown> = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    description: optionalString,
    default: z.boolean().nullish(),
    createdAt: optionalEpoch,
    updatedAt: optionalEpoch,
  })
  .transform(({ default: isDefault, ...rest }) => ({ ...rest, isDefault: isDefault === true }));

const reasonAnswer = dataOf(reasonSchema);

/** `GET /moderation/reasons`. */
export function listModerationReasons(
  client: UpstreamClient,
  query: ModerationListQuery = {},
  opts: CallOptions = {},
): Promise<ModerationList<ModerationReasonRecord>> {
  return call(client, 'GET', '/moderation/reasons', listOf(reasonSchema), {
    query: { ...query },
    ...opts,
  });
}

/** `GET /moderation/reasons/{id}`. */
export function getModerationReason(
  client: UpstreamClient,
  id: string,
  opts: CallOptions = {},
): Promise<ModerationReasonRecord> {
  return call(client, 'GET', '/moderation/reasons/{id}', reasonAnswer, { params: { id }, ...opts });
}

/** `POST /moderation/reasons` `{id, name, description}`. */
export function createModerationReason(
  client: UpstreamClient,
  input: { id: string; name: string; description?: string | undefined },
  opts: CallOptions = {},
): Promise<ModerationReasonRecord> {
  return call(client, 'POST', '/moderation/reasons', reasonAnswer, { body: { ...input }, ...opts });
}

/** `PUT /moderation/reasons/{id}` `{name, description}`. */
export function updateModerationReason(
  client: UpstreamClient,
  id: string,
  input: { name?: string | undefined; description?: string | undefined },
  opts: CallOptions = {},
): Promise<ModerationReasonRecord> {
  return call(client, 'PUT', '/moderation/reasons/{id}', reasonAnswer, {
    params: { id },
    body: { ...input },
    ...opts,
  });
}

/** `DELETE /moderation/reasons/{id}`: an acknowledgement, with or without the `data` wrapper. */
export function deleteModerationReason(
  client: UpstreamClient,
  id: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/moderation/reasons/{id}', ackSchema, { params: { id }, ...opts });
}

// ---------------------------------------------------------------------------------------------
// Flagged messages

export interface FlagRecord {
  uid: string;
  reasonId: string;
  reasonName: string | null;
  reasonDescription: string | null;
  remark: string | null;
  flaggedAt: Date | null;
}

const flagSchema: z.ZodType<FlagRecord, unknown> = z
  .object({
    uid: z.string().min(1),
    reasonId: z.string(),
    reasonName: optionalString,
    description: optionalString,
    remark: optionalString,
    flaggedAt: optionalEpoch,
  })
  .transform(({ description, ...rest }) => ({ ...rest, reasonDescription: description }));

export interface FlaggedMessageRecord {
  message: MessageRecord;
  flags: FlagRecord[];
  flagCount: number;
}

/** A flagged message: the message itself plus `flaggedBy[]` and `flaggedCount`. */
const flaggedSchema: z.ZodType<FlaggedMessageRecord, unknown> = z
  .object({
    flaggedBy: z
      .array(flagSchema)
      .nullish()
      .transform((v) => v ?? []),
    flaggedCount: count.nullish(),
  })
  .passthrough()
  .transform((v, ctx) => {
    const message = messageSchema.safeParse(v);
    if (!message.success) {
      ctx.addIssue({ code: 'custom', message: 'unreadable flagged message', input: v });
      return z.NEVER;
    }
    return {
      message: message.data,
      flags: v.flaggedBy,
      flagCount: v.flaggedCount ?? v.flaggedBy.length,
    };
  });

/** `GET /moderation/flagged-messages`. */
export function listFlaggedMessages(
  client: UpstreamClient,
  query: ModerationListQuery = {},
  opts: CallOptions = {},
): Promise<ModerationList<FlaggedMessageRecord>> {
  return call(client, 'GET', '/moderation/flagged-messages', listOf(flaggedSchema), {
    query: { ...query },
    ...opts,
  });
}

/** What a review answers: an acknowledgement, or an empty `data` object (both documented). */
const reviewAnswer = z.unknown().transform(() => true as const);

/** `PATCH /moderation/flagged-messages/{id}` `{status: approved | disapproved}`. */
export function reviewFlaggedMessage(
  client: UpstreamClient,
  id: string,
  status: 'approved' | 'disapproved',
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'PATCH', '/moderation/flagged-messages/{id}', reviewAnswer, {
    params: { id },
    body: { status },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Blocked and reviewed messages

export interface BlockedMessageRecord {
  ruleId: string | null;
  ruleName: string | null;
  /** What the matching condition says, e.g. "Text message contains Toxicity greater than 70%". */
  reasons: string[];
  message: MessageRecord;
  actions: string[];
  /** The moderation status the message carries (`pending`, `approved`, `disapproved`...). */
  status: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const conditionMessage = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]));

const blockedSchema: z.ZodType<BlockedMessageRecord, unknown> = z
  .object({
    ruleId: optionalString,
    ruleName: optionalString,
    condition: z.object({ message: conditionMessage }).passthrough().nullish(),
    message: messageSchema,
    rawMessage: z
      .object({
        data: z
          .object({
            moderation: z.object({ status: optionalString }).passthrough().nullish(),
          })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
    action: z
      .array(z.string())
      .nullish()
      .transform((v) => v ?? []),
    createdAt: optionalEpoch,
    updatedAt: optionalEpoch,
  })
  .transform((v) => ({
    ruleId: v.ruleId,
    ruleName: v.ruleName,
    reasons: v.condition?.message ?? [],
    message: v.message,
    actions: v.action,
    status: v.rawMessage?.data?.moderation?.status ?? null,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }));

/** Reads `message.data.moderation.status` beside the parsed message. */
const blockedEntry: z.ZodType<BlockedMessageRecord, unknown> = z.preprocess(
  (raw) =>
    raw !== null && typeof raw === 'object' && 'message' in raw
      ? { ...raw, rawMessage: (raw as { message: unknown }).message } // an object with `message`
      : raw,
  blockedSchema,
);

/** `GET /moderation/blocked-messages`: messages the rule engine blocked, awaiting review. */
export function listBlockedMessages(
  client: UpstreamClient,
  query: ModerationListQuery = {},
  opts: CallOptions = {},
): Promise<ModerationList<BlockedMessageRecord>> {
  return call(client, 'GET', '/moderation/blocked-messages', listOf(blockedEntry), {
    query: { ...query },
    ...opts,
  });
}

/** `GET /moderation/reviewed-messages`: blocked and flagged messages a moderator reviewed. */
export function listReviewedMessages(
  client: UpstreamClient,
  query: ModerationListQuery = {},
  opts: CallOptions = {},
): Promise<ModerationList<BlockedMessageRecord>> {
  return call(client, 'GET', '/moderation/reviewed-messages', listOf(blockedEntry), {
    query: { ...query },
    ...opts,
  });
}

/** `PATCH /moderation/blocked-messages/{id}` `{status: approved | rejected, reviewed: true}`. */
export function reviewBlockedMessage(
  client: UpstreamClient,
  id: string,
  status: 'approved' | 'rejected',
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'PATCH', '/moderation/blocked-messages/{id}', reviewAnswer, {
    params: { id },
    body: { status, reviewed: true },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Rules and keyword lists (Management API)

export interface ModerationRuleRecord {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  actions: string[];
  /** What each condition matches, as CometChat words it. */
  conditions: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

export const ruleSchema: z.ZodType<ModerationRuleRecord, unknown> = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    description: optionalString,
    enabled: z.boolean().nullish(),
    action: z.array(z.string()).nullish(),
    conditions: z.array(z.object({ message: conditionMessage }).passthrough()).nullish(),
    createdAt: optionalEpoch,
    updatedAt: optionalEpoch,
  })
  .transform((v) => ({
    id: v.id,
    name: v.name,
    description: v.description,
    enabled: v.enabled ?? false,
    actions: v.action ?? [],
    conditions: (v.conditions ?? []).flatMap((c) => c.message),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }));

export interface KeywordListRecord {
  id: string;
  name: string | null;
  description: string | null;
  /** `word`, `pattern` or `sentence-similarity`. */
  category: string;
  terms: string[];
  isDefault: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export const keywordListSchema: z.ZodType<KeywordListRecord, unknown> = z
  .object({
    id: z.string().min(1),
    name: optionalString,
    description: optionalString,
    category: z.string(),
    searchTerms: z
      .array(z.string())
      .nullish()
      .transform((v) => v ?? []),
    default: z.boolean().nullish(),
    createdAt: optionalEpoch,
    updatedAt: optionalEpoch,
  })
  .transform(({ searchTerms, default: isDefault, ...rest }) => ({
    ...rest,
    terms: searchTerms,
    isDefault: isDefault === true,
  }));

/** `GET /apps/{appId}/moderation/rules` (Management API). */
export function listModerationRules(
  client: UpstreamClient,
  query: ModerationListQuery = {},
  opts: CallOptions = {},
): Promise<ModerationList<ModerationRuleRecord>> {
  return call(client, 'GET', '/apps/{appId}/moderation/rules', listOf(ruleSchema), {
    api: 'management',
    query: { ...query },
    ...opts,
  });
}

/** `GET /apps/{appId}/moderation/keywords` (Management API). */
export function listKeywordLists(
  client: UpstreamClient,
  query: ModerationListQuery = {},
  opts: CallOptions = {},
): Promise<ModerationList<KeywordListRecord>> {
  return call(client, 'GET', '/apps/{appId}/moderation/keywords', listOf(keywordListSchema), {
    api: 'management',
    query: { ...query },
    ...opts,
  });
}
