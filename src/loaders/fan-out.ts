/**
 * A DataLoader batch as parallel single calls: CometChat has no get-by-ids endpoint for users,
 * groups, messages, conversations, webhooks or calls, so a batch of keys becomes one call per key
 * under a concurrency cap (so one query cannot flood the upstream). Each key gets its own slot, in
 * key order: the value, `null` when CometChat answers that the thing does not exist (or, where the
 * caller names them, other kinds that mean "not there for this viewer"), or the `Error`, so one
 * failed key fails only the fields that read it.
 */
import pLimit from 'p-limit';
import { isUpstreamError, type UpstreamErrorKind } from '../upstream/errors.js';

/** Parallel single calls per batch, at most. */
export const FAN_OUT_CONCURRENCY = 8;

export interface FanOutOptions<K> {
  /** Upstream error kinds that make a key's slot `null` rather than an error (`not_found` by default). */
  missing?: readonly UpstreamErrorKind[];
  /** Keys that cannot name anything (a malformed id) are `null` without a call. */
  accepts?: (key: K) => boolean;
}

const NOT_FOUND: readonly UpstreamErrorKind[] = ['not_found'];

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** `fetchOne` for every key, at most FAN_OUT_CONCURRENCY at once; see above for the slots. */
export function fanOut<K, V>(
  keys: readonly K[],
  fetchOne: (key: K) => Promise<V>,
  options: FanOutOptions<K> = {},
): Promise<(V | null | Error)[]> {
  const limit = pLimit(FAN_OUT_CONCURRENCY);
  const missing = options.missing ?? NOT_FOUND;
  return Promise.all(
    keys.map((key) => {
      if (options.accepts && !options.accepts(key)) return null;
      return limit(async () => {
        try {
          return await fetchOne(key);
        } catch (error) {
          if (isUpstreamError(error) && missing.includes(error.kind)) return null;
          return asError(error);
        }
      });
    }),
  );
}
