/**
 * Runs `fn` with an abort signal that fires after `ms`, and clears the timer however `fn`
 * ends. Unlike AbortSignal.timeout(), the finished work lets go of the signal (and of every
 * listener a library attached to it) at once instead of holding them until the timer fires.
 */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation timed out.", "TimeoutError")), ms);
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
