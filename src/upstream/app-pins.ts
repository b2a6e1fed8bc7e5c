/**
 * The app-wide ("global") pinned conversations: `GET /conversations/pinned` and
 * `PUT /conversations/pinned` `{pinnedConversations: [{uid}|{guid}]}` (replaces the whole list).
 * Made as the app (no onBehalfOf). The answer's body is not documented in the sources read: a
 * list of `{uid}|{guid}` items is accepted either as `data` itself or as
 * `data.pinnedConversations`.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';

/** One app-wide pin: a user's 1:1 conversations or a group's. */
export type AppPinnedConversationRecord =
  | { type: 'user'; uid: string; pinnedAt: Date | null }
  | { type: 'group'; guid: string; pinnedAt: Date | null };

const pinnedAt = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : new Date(Number(v) * 1000)));

const item = z
  .looseObject({ uid: z.string().min(1).optional(), guid: z.string().min(1).optional(), pinnedAt })
  .refine((v) => (v.uid === undefined) !== (v.guid === undefined), 'one of uid and guid')
  .transform(
    (v): AppPinnedConversationRecord =>
      v.uid !== undefined
        ? { type: 'user', uid: v.uid, pinnedAt: v.pinnedAt }
        : { type: 'group', guid: v.guid as string, pinnedAt: v.pinnedAt },
  );

const answer = z
  .object({
    data: z.union([
      z.array(item),
      z.object({ pinnedConversations: z.array(item) }).transform((v) => v.pinnedConversations),
    ]),
  })
  .transform((v) => v.data);

export type AppPinTarget = { uid: string } | { guid: string };

/** `GET /conversations/pinned`: the app-wide pinned conversations, in order. */
export function getAppPinnedConversations(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<AppPinnedConversationRecord[]> {
  return call(client, 'GET', '/conversations/pinned', answer, { ...opts, onBehalfOf: undefined });
}

/** `PUT /conversations/pinned`: replaces the app-wide pinned conversations with `targets`. */
export function setAppPinnedConversations(
  client: UpstreamClient,
  targets: readonly AppPinTarget[],
  opts: CallOptions = {},
): Promise<AppPinnedConversationRecord[]> {
  return call(client, 'PUT', '/conversations/pinned', answer, {
    ...opts,
    onBehalfOf: undefined,
    body: { pinnedConversations: [...targets] },
  });
}
