/**
 * A misuse of the fake by a test (unknown PIN, malformed fault, ...). The control API turns it into
 * a 4xx `{error}` answer and the in-process methods reject with it, so both report the same message.
 */
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
