import { z } from 'zod';
import { builder } from '../../builder.js';
import type { ReactionSummaryRecord } from '../../upstream/records.js';
import { orClientError } from '../client-errors.js';
import { connectionComplexity, windowArgs, windowOf } from '../connections.js';
import { aliased } from '../deprecation.js';
import { cursorConnection } from '../pagination.js';
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

ReactionRef.implement({
  description: 'One user reacting to a message with one emoji.',
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
      return orClientError(
        cursorConnection(
          windowOf(args),
          (q) =>
            view.reactions(message.id, {
              ...(emoji !== null ? { reaction: emoji } : {}),
              affix: q.affix,
              id: q.id,
              limit: q.limit,
            }),
          { key: `reactions:${message.id}:${emoji ?? ''}`, idOf: (reaction) => reaction.id },
        ),
      );
    },
  }),
}));
