/**
 * Writes whose outcome is unknown (sent, but no readable answer came back), remembered by a key the
 * caller chooses (e.g. sender, receiver and `muid` of a message) so that a later attempt with the
 * same key can check what CometChat already has before sending again. In-process and bounded:
 * entries expire after `ttlMs`, and the oldest go first beyond `max`.
 */
export class UnknownOutcomes {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly max = 10_000,
  ) {}

  /** Notes that the write identified by `key` may or may not have happened. */
  remember(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, Date.now() + this.ttlMs);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Whether an earlier write with `key` had an unknown outcome (and that is not too long ago). */
  has(key: string): boolean {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    if (expires < Date.now()) {
      this.entries.delete(key);
      return false;
    }
    return true;
  }

  /** The outcome of `key` is known now. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
