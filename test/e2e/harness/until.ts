/** Thrown from an `until` check to give up at once: waiting longer cannot help (e.g. the page is gone). */
export class StopWaiting extends Error {
  override name = 'StopWaiting';
}

export interface UntilOptions {
  /** Deadline for the whole wait; default 10 s. */
  timeoutMs?: number;
  /** What was awaited; a function is only called on failure, so it may gather details (page text). */
  message: string | (() => string | Promise<string>);
  /** Pause between checks; default 50 ms. */
  intervalMs?: number;
}

/**
 * Calls `check` until it returns something other than `undefined` or `false`, and returns that.
 * A check that throws is retried (pages navigate, workers restart); its last error is reported at the
 * deadline. A check that hangs cannot push the wait past the deadline.
 */
export async function until<T>(
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 10_000, message, intervalMs = 50 }: UntilOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      const value = await withDeadline(check(), Math.max(remaining, 1));
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      if (!(error instanceof DeadlineError)) lastError = error;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const text = typeof message === 'string' ? message : await describe(message);
      const cause = lastError === undefined ? '' : ` (last error: ${errorText(lastError)})`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${text}${cause}`);
    }
    await sleep(Math.min(intervalMs, left));
  }
}

class DeadlineError extends Error {}

/** Rejects when `ms` pass first; the original promise is left to settle on its own. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${ms} ms`)), ms);
  });
  // The losing promise may still reject later; nobody would see it, so keep it from crashing the run.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

async function describe(message: () => string | Promise<string>): Promise<string> {
  try {
    return await withDeadline(Promise.resolve(message()), 2_000, 'describing the failure');
  } catch (error) {
    return `(could not describe: ${errorText(error)})`;
  }
}
