/** Usage metrics: `GET /stats` (a period's totals) and `GET /stats/messages` (message buckets). */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { count, dataOf } from './records/common.js';

const number = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number);
const optionalNumber = number.nullish().transform((v) => v ?? null);
/** Epoch milliseconds (number or numeric string) as a Date. */
const epochMs = number.transform((v) => new Date(v));

export interface AppStatsRecord {
  audioMinutes: number | null;
  videoMinutes: number | null;
  recordedMinutes: number | null;
  activeUsers: number | null;
  concurrentUsers: number | null;
  from: Date | null;
  to: Date | null;
}

const statsSchema: z.ZodType<AppStatsRecord, unknown> = dataOf(
  z
    .object({
      metrics: z.object({
        audio_minutes: optionalNumber,
        video_minutes: optionalNumber,
        recorded_minutes: optionalNumber,
        active_users: optionalNumber,
        concurrent_users: optionalNumber,
      }),
      time_range: z.object({ fromDate: epochMs, toDate: epochMs }).nullish(),
    })
    .transform((v) => ({
      audioMinutes: v.metrics.audio_minutes,
      videoMinutes: v.metrics.video_minutes,
      recordedMinutes: v.metrics.recorded_minutes,
      activeUsers: v.metrics.active_users,
      concurrentUsers: v.metrics.concurrent_users,
      from: v.time_range?.fromDate ?? null,
      to: v.time_range?.toDate ?? null,
    })),
);

export interface MessageBucketRecord {
  startTime: Date;
  endTime: Date;
  messagesSent: number;
  readReceipts: number;
  deliveryReceipts: number;
}

const bucketsSchema: z.ZodType<MessageBucketRecord[], unknown> = dataOf(
  z
    .object({
      dataPoints: z.array(
        z.object({
          startTime: epochMs,
          endTime: epochMs,
          messagesSent: count,
          readReceipts: count,
          deliveryReceipts: count,
        }),
      ),
    })
    .transform((v) => v.dataPoints),
);

/** `GET /stats?fromDate&toDate` (epoch seconds, both required). */
export function getAppStats(
  client: UpstreamClient,
  range: { fromDate: number; toDate: number },
  opts: CallOptions = {},
): Promise<AppStatsRecord> {
  return call(client, 'GET', '/stats', statsSchema, { query: { ...range }, ...opts });
}

/** `GET /stats/messages`: messages sent and receipts per 5-minute bucket. */
export function getMessageStats(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<MessageBucketRecord[]> {
  return call(client, 'GET', '/stats/messages', bucketsSchema, opts);
}
