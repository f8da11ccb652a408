import type { ServerResponse } from 'node:http';
import { FakeError, isRecord } from './errors';
import { sendRaw } from './format';
import type { Fault, FaultKind, ServerFault } from './types';

const KINDS: readonly FaultKind[] = ['status', 'drop', 'hang', 'stall', 'body'];

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

/** Validate a media-server fault: a fault whose path defaults to '/', plus the server it targets. */
export function parseServerFault(input: unknown): ServerFault {
  if (!isRecord(input)) throw new FakeError('fault must be an object');
  const { machineIdentifier } = input;
  if (typeof machineIdentifier !== 'string' || machineIdentifier === '')
    throw new FakeError('fault.machineIdentifier must be a non-empty string');
  return { ...parseFault({ ...input, path: input.path ?? '/' }), machineIdentifier };
}

/** Answer a request as the fault says; 'hang' parks the response in `hanging` until someone destroys it. */
export function applyFault(res: ServerResponse, fault: Fault, hanging: Set<ServerResponse>): void {
  switch (fault.kind) {
    case 'drop':
      res.socket?.destroy();
      return;
    case 'hang':
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    case 'stall':
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      res.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json' });
      res.write('{"id": 1, "code": "');
      return;
    case 'status':
    case 'body': {
      for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
      const status = fault.status ?? (fault.kind === 'status' ? 500 : 200);
      // A 'body' fault is about unparsable content, so it claims to be JSON unless told otherwise.
      const contentType =
        fault.contentType ??
        (fault.body === undefined ? undefined : fault.kind === 'body' ? 'application/json' : 'text/plain; charset=utf-8');
      sendRaw(res, status, contentType, fault.body ?? '');
    }
  }
}

/** plex.tv sometimes refuses a dead token so, not with 401; recorded in XML only (python-plexapi PR #1138), so JSON asks get XML too. */
export function invalidTokenFault(path: string): Fault {
  return {
    path,
    kind: 'status',
    status: 422,
    contentType: 'application/xml; charset=utf-8',
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>Invalid token</error>\n</errors>\n',
  };
}
