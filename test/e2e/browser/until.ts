/** Polls `check` until it returns something truthy, or fails with `message` at the deadline. */
export async function until<T>(
  check: () => Promise<T | undefined | null | false>,
  { timeoutMs = 10_000, message }: { timeoutMs?: number; message: string },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
