import { FakeError, isRecord } from './errors';
import type { Fault, FaultKind } from './types';

const KINDS: readonly FaultKind[] = ['status', 'drop', 'hang', 'body'];

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new FakeError(`fault.${key} must be a string`);
  return value;
}

/** Validate a fault from a test; JSON from the control API gets no type checking otherwise. */
export function parseFault(input: unknown): Fault {
  if (!isRecord(input)) throw new FakeError('fault must be an object');
  const path = optionalString(input, 'path');
  if (path === undefined || !path.startsWith('/')) throw new FakeError('fault.path must be a string starting with /');
  const kind = input.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as FaultKind)) {
    throw new FakeError(`fault.kind must be one of ${KINDS.join(', ')}`);
  }
  const times = input.times ?? 1;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
    throw new FakeError('fault.times must be a positive integer');
  }
  const status = input.status;
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)) {
    throw new FakeError('fault.status must be an HTTP status code');
  }
  const headers = input.headers;
  if (headers !== undefined && (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string'))) {
    throw new FakeError('fault.headers must map names to strings');
  }
  const fault: Fault = { path, kind: kind as FaultKind, times };
  const method = optionalString(input, 'method');
  if (method !== undefined) fault.method = method.toUpperCase();
  if (status !== undefined) fault.status = status;
  if (headers !== undefined) fault.headers = headers as Record<string, string>;
  const body = optionalString(input, 'body');
  if (body !== undefined) fault.body = body;
  const contentType = optionalString(input, 'contentType');
  if (contentType !== undefined) fault.contentType = contentType;
  return fault;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(fault: Fault): void {
    this.queue.push({ fault, remaining: fault.times ?? 1 });
  }

  /** The first queued fault that matches, used up by one; undefined when the request runs normally. */
  take(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex(
      ({ fault }) => path.startsWith(fault.path) && (fault.method === undefined || fault.method === method.toUpperCase()),
    );
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.queue = [];
  }
}
