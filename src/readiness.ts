/**
 * Readiness (`/ready`): whether this replica can serve now. Configuration is loaded by the time it
 * runs; beyond that it asks whether CometChat is reachable, with a cheap probe (one role) reused
 * for a while, and reads what the client learned from all traffic:
 *
 * - the probe succeeds, or CometChat (or the gateway's own budget) rate-limits it: ready, because
 *   a rate limit applies to every replica alike and pulling them all would only make it worse;
 * - CometChat refuses the credentials: not ready (`upstream unauthorized`);
 * - the probe fails otherwise (5xx, timeout, no connection, open circuit): still ready while the
 *   chat API answered anything below 500 within `unreachableMs` and its circuit has not been open
 *   longer than `circuitGraceMs`; not ready after that.
 */
import type { UpstreamClient } from './upstream/client.js';
import { isUpstreamError } from './upstream/errors.js';
import { listRoles } from './upstream/roles.js';

export interface ReadinessOptions {
  /** How long a probe's answer is reused. Default 5 s. */
  cacheMs?: number | undefined;
  /** How long the last answer of the chat API keeps a failing probe from counting. Default 30 s. */
  unreachableMs?: number | undefined;
  /** How long the chat API's circuit may stay open before the replica is not ready. Default 30 s. */
  circuitGraceMs?: number | undefined;
  /** How long one probe may take. Default 3 s. */
  probeTimeoutMs?: number | undefined;
}

export interface ReadinessResult {
  ready: boolean;
  reason?: string;
}

/** What a probe said: `ok`, or the failure's kind (`aborted` when it ran out of time). */
type ProbeResult = 'ok' | string;

export interface Readiness {
  check(): Promise<ReadinessResult>;
}

export function createReadiness(
  upstream: UpstreamClient,
  options: ReadinessOptions = {},
): Readiness {
  const cacheMs = options.cacheMs ?? 5_000;
  const unreachableMs = options.unreachableMs ?? 30_000;
  const circuitGraceMs = options.circuitGraceMs ?? 30_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 3_000;
  let last: { at: number; result: Promise<ProbeResult> } | null = null;

  function probe(): Promise<ProbeResult> {
    const now = Date.now();
    if (last && now - last.at < cacheMs) return last.result;
    const result = listRoles(
      upstream,
      { page: 1, perPage: 1 },
      // From CometChat itself: a cached or shared answer says nothing about reachability.
      { signal: AbortSignal.timeout(probeTimeoutMs), fresh: true },
    ).then(
      (): ProbeResult => 'ok',
      (error: unknown): ProbeResult => (isUpstreamError(error) ? error.kind : 'timeout'),
    );
    last = { at: now, result };
    return result;
  }

  return {
    async check() {
      const result = await probe();
      if (result === 'ok' || result === 'rate_limited') return { ready: true };
      const health = upstream.health();
      if (result === 'unauthorized' || health.credentialsRejected) {
        return { ready: false, reason: 'upstream unauthorized' };
      }
      const now = Date.now();
      const openSince = health.circuit?.openSince ?? null;
      if (openSince !== null && now - openSince > circuitGraceMs) {
        return { ready: false, reason: 'upstream circuit open' };
      }
      if (health.lastReachableAt > 0 && now - health.lastReachableAt <= unreachableMs) {
        return { ready: true };
      }
      return { ready: false, reason: `upstream ${result}` };
    },
  };
}
