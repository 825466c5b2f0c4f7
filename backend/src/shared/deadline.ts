/**
 * An abort signal that fires after `ms`, with a `clear()` to call when the work is done.
 * Unlike AbortSignal.timeout(), a cleared deadline lets go of the signal (and of every
 * listener a library attached to it) at once instead of holding them until the timer fires.
 */
export function deadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation timed out.", "TimeoutError")), ms);
  timer.unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Runs `fn` with a deadline signal, clearing the deadline however it ends. */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const d = deadline(ms);
  try {
    return await fn(d.signal);
  } finally {
    d.clear();
  }
}
