import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import type { CursorPage, ReactionRecord, ReactionSummaryRecord } from '../../upstream/records.js';
import { connectionComplexity, windowArgs, windowOf } from '../connections.js';
import { aliased } from '../deprecation.js';
import { cursorConnection, MAX_REACTION_LOOKUP_PAGES } from '../pagination.js';
import { MessageRef, ReactionRef, UserRef } from '../refs.js';
import { loadUserOrNull } from './common.js';

const ReactionSummary = builder.objectRef<ReactionSummaryRecord>('ReactionSummary').implement({
  description: 'How often one emoji was used to react to a message.',
  fields: (t) => ({
    emoji: t.exposeString('reaction', {
      description: 'The reaction, usually one emoji (CometChat allows up to 45 characters).',
    }),
    count: t.exposeInt('count', { description: 'How many users reacted with it.' }),
    ...aliased('hasViewerReacted', 'reactedByViewer', (options) =>
      t.boolean({
        ...options,
        nullable: true,
        description:
          'Whether the caller reacted with it. Null for an admin caller, who acts for the app rather than as a user.',
        resolve: (summary, _args, context) =>
          context.view().perspective === null ? null : summary.reactedByMe,
      }),
    ),
  }),
});

const REACTION_PAGE_SIZE = 1000;

/**
 * A reaction's key: (message, user, emoji), which CometChat keeps unique (a user reacts with an
 * emoji once), unlike its reaction id, which a remove and re-add changes.
 */
function reactionKey(reaction: ReactionRecord): string {
  return JSON.stringify([reaction.messageId, reaction.uid, reaction.reaction]);
}

function parseReactionKey(key: string): [string, string, string] | null {
  try {
    const value: unknown = JSON.parse(key);
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      value.every((part) => typeof part === 'string' && part !== '')
    ) {
      return value as [string, string, string]; // checked element by element above
    }
  } catch {
    // Not a key this API issued: no such reaction.
  }
  return null;
}

/**
 * A reaction by key, as the caller may read it: null when the message cannot be read by the
 * caller (or is gone) or the user no longer reacts with that emoji. CometChat has no single
 * reaction GET, so this reads the emoji's list of the message, up to 5 pages of 1000 (a user
 * further down a longer list is not found: null).
 */
async function reactionNode(context: GatewayContext, key: string): Promise<ReactionRecord | null> {
  const parsed = parseReactionKey(key);
  if (parsed === null) return null;
  const [messageId, uid, emoji] = parsed;
  if (!/^[0-9]{1,20}$/.test(messageId) || emoji.length > 45) return null;
  const view = context.view();
  const message = await view.loaders.messages.load(messageId);
  if (message === null) return null;
  let after: string | null = null;
  for (let pageIndex = 0; pageIndex < MAX_REACTION_LOOKUP_PAGES; pageIndex += 1) {
    const page: CursorPage<ReactionRecord> = await view.reactions(messageId, {
      reaction: emoji,
      limit: REACTION_PAGE_SIZE,
      affix: 'append',
      id: after,
    });
    const found = page.items.find((reaction) => reaction.uid === uid);
    if (found) return found;
    const last = page.items.at(-1);
    if (page.next === null || last === undefined) return null;
    after = page.next.id ?? last.id;
  }
  return null;
}

builder.node(ReactionRef, {
  description:
    'One user reacting to a message with one emoji. Its global ID stands for the triple (message, user, emoji), so it stays the same for as long as the user keeps that reaction.',
  id: { resolve: (reaction) => reactionKey(reaction) },
  loadMany: (keys, context) => keys.map((key) => reactionNode(context, key)),
  fields: (t) => ({
    emoji: t.exposeString('reaction', { description: 'The reaction, usually one emoji.' }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who reacted; null when that user no longer exists.',
      resolve: (reaction, _args, context) => loadUserOrNull(context, reaction.uid),
    }),
    reactedAt: t.expose('reactedAt', { type: 'DateTime', description: 'When they reacted.' }),
  }),
});

const ReactionConnection = builder.connectionObject(
  {
    name: 'ReactionConnection',
    type: ReactionRef,
    description:
      'A page of reactions to a message, oldest first. CometChat gives no total here; the per-emoji counts are in `Message.reactions`.',
  },
  { name: 'ReactionEdge', description: 'A reaction in a page of reactions, with its cursor.' },
);

builder.interfaceFields(MessageRef, (t) => ({
  reactions: t.field({
    type: [ReactionSummary],
    description:
      'The reactions, one entry per emoji in order of first use. A plain list, not a connection: CometChat caps a message at 25 distinct reactions and sends the whole summary with the message. Use `reactionsConnection` for who reacted.',
    resolve: (message) => message.reactions,
  }),
  reactionsConnection: t.field({
    type: ReactionConnection,
    nullable: true,
    description:
      'Who reacted to the message, and when, oldest first; optionally one emoji only. Null when it could not be read (the error on this field says why).',
    args: {
      ...windowArgs('reactions'),
      emoji: t.arg.string({
        description: 'Only reactions with this emoji.',
        validate: z.string().min(1, 'must not be empty').max(45, 'is at most 45 characters'),
      }),
    },
    complexity: connectionComplexity,
    resolve: (message, args, context) => {
      const emoji = args.emoji ?? null;
      const view = context.view();
      return cursorConnection(
        windowOf(args),
        (q) =>
          view.reactions(message.id, {
            ...(emoji !== null ? { reaction: emoji } : {}),
            affix: q.affix,
            id: q.id,
            limit: q.limit,
          }),
        { key: `reactions:${message.id}:${emoji ?? ''}`, idOf: (reaction) => reaction.id },
      );
    },
  }),
}));
