/**
 * Polling for things that happen in the background (webhook deliveries, published events). The
 * default wait is generous: shared machines stall for seconds, and nothing here bounds a duration.
 */

/** Waits until `check` returns a value (not undefined), polling; fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `check` holds, polling; fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => (check() ? true : undefined), timeoutMs);
}
