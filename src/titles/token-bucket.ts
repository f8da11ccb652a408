/** How many requests may start at once, and how soon one more may start after them. */
export interface Rate {
  burst: number;
  everyMs: number;
}

/** The level is worked out from the clock when asked, so no timer keeps it. */
export function tokenBucket(rate: Rate, now: number) {
  let tokens = rate.burst;
  let at = now;

  function level(time: number): number {
    tokens = Math.min(rate.burst, tokens + (time - at) / rate.everyMs);
    at = time;
    return tokens;
  }

  return {
    /** Milliseconds until a token is free (0: one is free now). */
    waitMs: (time: number): number => Math.max(0, Math.ceil((1 - level(time)) * rate.everyMs)),
    take(time: number): void {
      tokens = level(time) - 1;
    },
    full: (time: number): boolean => level(time) >= rate.burst,
  };
}

export type TokenBucket = ReturnType<typeof tokenBucket>;
