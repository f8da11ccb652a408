/** A test's misuse of the fake: the control API answers it as a 4xx `{error}` and in-process methods reject with it, the same message. */
export class FakeError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'FakeError';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
