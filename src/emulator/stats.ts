/**
 * Usage metrics from the store: `/stats` counts users active in the period (their last activity or
 * a message sent in it) and online now; the emulator has no calls, so minutes are 0.
 * `/stats/messages` buckets the last 24 hours of messages by 5 minutes (empty buckets left out).
 */
import { badRequest, type Router } from './http.js';

const BUCKET_SECONDS = 300;

function epoch(query: URLSearchParams, name: string, details: Record<string, string[]>): number {
  const raw = query.get(name);
  const n = Number(raw);
  if (raw === null || raw === '' || !Number.isInteger(n) || n < 0) {
    details[name] = [`The ${name} field is required and must be a unix timestamp.`];
  }
  return n;
}

/** Registers the metrics routes. */
export function registerStats(router: Router): void {
  router.add('GET', '/stats', (req, { store }) => {
    const details: Record<string, string[]> = {};
    const from = epoch(req.query, 'fromDate', details);
    const to = epoch(req.query, 'toDate', details);
    if (Object.keys(details).length === 0 && to < from) {
      details.toDate = ['The toDate must not be before the fromDate.'];
    }
    if (Object.keys(details).length > 0) throw badRequest(details);
    const active = new Set<string>();
    for (const user of store.users.values()) {
      const at = user.lastActiveAt ?? 0;
      if (at >= from && at <= to) active.add(user.uid);
    }
    for (const message of store.messages.values()) {
      if (message.sentAt >= from && message.sentAt <= to) active.add(message.sender);
    }
    const online = [...store.users.values()].filter((u) => u.status === 'available').length;
    return {
      status: 200,
      body: {
        data: {
          metrics: {
            audio_minutes: 0,
            video_minutes: 0,
            recorded_minutes: 0,
            active_users: active.size,
            concurrent_users: online,
          },
          time_range: { fromDate: from * 1000, toDate: to * 1000 },
        },
      },
    };
  });

  router.add('GET', '/stats/messages', (_req, { store, settings }) => {
    const end = store.now();
    const start = end - 24 * 3600;
    const buckets = new Map<number, number>();
    for (const message of store.messages.values()) {
      if (message.sentAt < start || message.sentAt > end) continue;
      const bucket = Math.floor(message.sentAt / BUCKET_SECONDS) * BUCKET_SECONDS;
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    const dataPoints = [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucket, sent]) => ({
        messagesSent: sent,
        readReceipts: 0,
        deliveryReceipts: 0,
        startTime: bucket * 1000,
        endTime: (bucket + BUCKET_SECONDS) * 1000,
      }));
    return {
      status: 200,
      body: {
        data: {
          startTime: String(start * 1000),
          endTime: String(end * 1000),
          dataPoints,
          appId: settings.appId,
        },
      },
    };
  });
}
