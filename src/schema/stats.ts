/**
 * Usage metrics: `appStats(from, to)` with the period's active and concurrent users, call minutes
 * and the message buckets CometChat reports. Admin only.
 */
import { builder } from '../builder.js';
import { gatewayError } from '../errors.js';
import { toolingReads } from '../loaders/index.js';
import type { AppStatsRecord, MessageBucketRecord } from '../upstream/stats.js';

/** The most message buckets returned (a day of 5-minute buckets is 288). */
export const MAX_MESSAGE_BUCKETS = 1000;

const MessageBucket = builder.objectRef<MessageBucketRecord>('MessageBucket').implement({
  description: 'Message activity in one time bucket (CometChat reports 5-minute buckets).',
  fields: (t) => ({
    startsAt: t.expose('startTime', { type: 'DateTime', description: 'Where the bucket starts.' }),
    endsAt: t.expose('endTime', { type: 'DateTime', description: 'Where the bucket ends.' }),
    messagesSent: t.exposeInt('messagesSent', { description: 'Messages sent in the bucket.' }),
    readReceipts: t.exposeInt('readReceipts', { description: 'Read receipts in the bucket.' }),
    deliveryReceipts: t.exposeInt('deliveryReceipts', {
      description: 'Delivery receipts in the bucket.',
    }),
  }),
});

interface AppStatsValue extends AppStatsRecord {}

const AppStats = builder.objectRef<AppStatsValue>('AppStats').implement({
  description: "The app's usage over a period, as CometChat's metrics report it.",
  fields: (t) => ({
    from: t.expose('from', {
      type: 'DateTime',
      nullable: true,
      description: 'The start of the period CometChat reported on; null when not said.',
    }),
    to: t.expose('to', {
      type: 'DateTime',
      nullable: true,
      description: 'The end of the period; null when not said.',
    }),
    activeUsers: t.exposeInt('activeUsers', {
      nullable: true,
      description: 'Users active in the period; null when CometChat did not say.',
    }),
    concurrentUsers: t.exposeInt('concurrentUsers', {
      nullable: true,
      description: 'Concurrently connected users, as CometChat counts them; null when not said.',
    }),
    audioMinutes: t.exposeFloat('audioMinutes', {
      nullable: true,
      description: 'Minutes of audio calls in the period; null when not said.',
    }),
    videoMinutes: t.exposeFloat('videoMinutes', {
      nullable: true,
      description: 'Minutes of video calls in the period; null when not said.',
    }),
    recordedMinutes: t.exposeFloat('recordedMinutes', {
      nullable: true,
      description: 'Minutes of recorded calls in the period; null when not said.',
    }),
    messageBuckets: t.field({
      type: [MessageBucket],
      nullable: true,
      description: `Messages and receipts over time, oldest first: the buckets CometChat's message metrics report (its own recent window, not \`from\`/\`to\`; at most ${MAX_MESSAGE_BUCKETS}). One more upstream call. Null when it could not be read (the error on this field says why).`,
      resolve: async (_stats, _args, context) =>
        (await toolingReads(context.upstream, context.view(null)).messageStats()).slice(
          0,
          MAX_MESSAGE_BUCKETS,
        ),
    }),
  }),
});

builder.queryFields((t) => ({
  appStats: t.field({
    type: AppStats,
    nullable: true,
    description:
      "The app's usage between `from` and `to` (CometChat's `/stats`; whole seconds). Admin only (FORBIDDEN for end users). Null when it could not be read (the error on this field says why).",
    authScopes: { admin: true },
    args: {
      from: t.arg({ type: 'DateTime', required: true, description: 'Start of the period.' }),
      to: t.arg({
        type: 'DateTime',
        required: true,
        description: 'End of the period; not before `from`, not in the future by more than a day.',
      }),
    },
    resolve: (_root, args, context) => {
      const from = Math.floor(args.from.getTime() / 1000);
      const to = Math.floor(args.to.getTime() / 1000);
      if (to < from) throw gatewayError('BAD_USER_INPUT', '`to` must not be before `from`.');
      if (to > Date.now() / 1000 + 86_400) {
        throw gatewayError('BAD_USER_INPUT', '`to` must not be more than a day in the future.');
      }
      return toolingReads(context.upstream, context.view(null)).appStats(from, to);
    },
  }),
}));
