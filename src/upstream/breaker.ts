/**
 * One circuit breaker per upstream host (cockatiel): after `failures` consecutive attempts that
 * failed like an outage (5xx, timeouts, refused or broken connections) it opens, and calls fail at
 * once without touching the network; after `cooldownMs` one probe goes through (half-open) and its
 * outcome closes or re-opens the circuit. 429s and other 4xx answers are not outage signs: they
 * count as successes, so rate limiting never opens a circuit.
 */
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
  IsolatedCircuitError,
} from 'cockatiel';
import type { UpstreamLogger } from './options.js';

export interface BreakerOptions {
  /** Consecutive outage-like failures that open a circuit; default 5. */
  failures?: number | undefined;
  /** How long a circuit stays open before one probe may go through; default 10 s. */
  cooldownMs?: number | undefined;
}

/** Whether a circuit refused the call (open, or half-open with its probe already out). */
export function isOpenCircuit(error: unknown): boolean {
  return error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
}

export interface CircuitView {
  host: string;
  state: 'closed' | 'open' | 'half-open';
  /** When the circuit last opened (epoch ms) while it is not closed; null when closed. */
  openSince: number | null;
}

const STATE_NAMES: Record<CircuitState, CircuitView['state']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** The breakers of one client, created per host on first use. */
export class Breakers<T> {
  private readonly failures: number;
  private readonly cooldownMs: number;
  private readonly circuits = new Map<
    string,
    { policy: CircuitBreakerPolicy; openSince: number | null }
  >();

  constructor(
    options: BreakerOptions,
    /** Whether an attempt's outcome is an outage sign. */
    private readonly isFailure: (outcome: T) => boolean,
    private readonly logger: UpstreamLogger | undefined,
  ) {
    this.failures = Math.max(1, Math.floor(options.failures ?? 5));
    this.cooldownMs = Math.max(1, options.cooldownMs ?? 10_000);
  }

  /**
   * Runs one attempt through the circuit of `host`.
   * @throws BrokenCircuitError (see {@link isOpenCircuit}) when the circuit is open.
   */
  execute(host: string, attempt: () => Promise<T>): Promise<T> {
    return this.circuit(host).policy.execute(attempt);
  }

  /** Every circuit used so far. */
  views(): CircuitView[] {
    return [...this.circuits.entries()].map(([host, circuit]) => ({
      host,
      state: STATE_NAMES[circuit.policy.state],
      openSince: circuit.policy.state === CircuitState.Closed ? null : circuit.openSince,
    }));
  }

  private circuit(host: string) {
    const existing = this.circuits.get(host);
    if (existing) return existing;
    const policy = circuitBreaker(
      handleWhenResult((outcome) => this.isFailure(outcome as T)), // results of `attempt` are T
      { halfOpenAfter: this.cooldownMs, breaker: new ConsecutiveBreaker(this.failures) },
    );
    const circuit = { policy, openSince: null as number | null };
    policy.onBreak(() => {
      // A failed half-open probe re-opens the circuit: the outage goes on since the first opening.
      circuit.openSince ??= Date.now();
      this.logger?.warn(
        { host, failures: this.failures, cooldownMs: this.cooldownMs },
        'cometchat circuit opened: calls fail fast until a probe succeeds',
      );
    });
    policy.onHalfOpen(() => {
      this.logger?.warn({ host }, 'cometchat circuit half-open: probing');
    });
    policy.onReset(() => {
      circuit.openSince = null;
      this.logger?.warn({ host }, 'cometchat circuit closed');
    });
    this.circuits.set(host, circuit);
    return circuit;
  }
}
