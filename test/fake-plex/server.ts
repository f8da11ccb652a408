import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api';
import { CONTROL_PREFIX, handleControl } from './control-routes';
import { sendJson, sendRaw } from './format';
import { pageFor } from './pages';
import { FakePlexState } from './state';
import type { Fault, FakePlexControl, LoggedRequest } from './types';

export { fakePlexControl } from './control';
export { DEFAULT_ACCOUNT } from './state';
export type { Fault, FakeAccount, FakeConfig, FakePin, FakePlexControl, LoggedRequest, PinRef } from './types';

export interface FakePlexOptions {
  /** Default 0: any free port. */
  port?: number;
}

export interface FakePlex extends FakePlexControl {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

function logEntry(req: IncomingMessage, url: URL): LoggedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    at: Date.now(),
  };
}

function applyFault(res: ServerResponse, fault: Fault, hanging: Set<ServerResponse>): void {
  switch (fault.kind) {
    case 'drop':
      res.socket?.destroy();
      return;
    case 'hang':
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    case 'status':
    case 'body': {
      for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
      const status = fault.status ?? (fault.kind === 'status' ? 500 : 200);
      // A 'body' fault is about unparsable content, so it claims to be JSON unless told otherwise.
      const contentType = fault.contentType ?? (fault.body === undefined ? undefined : fault.kind === 'body' ? 'application/json' : 'text/plain; charset=utf-8');
      sendRaw(res, status, contentType, fault.body ?? '');
    }
  }
}

/** Start the fake on 127.0.0.1. Loopback only: tests must never reach the real plex.tv. */
export async function startFakePlex(options: FakePlexOptions = {}): Promise<FakePlex> {
  const hanging = new Set<ServerResponse>();
  const abandonHanging = (): void => {
    for (const res of hanging) res.socket?.destroy();
    hanging.clear();
  };
  const state = new FakePlexState(abandonHanging);
  let baseUrl = '';

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    if (path.startsWith(CONTROL_PREFIX)) return handleControl(req, res, path, state);

    // Faults come first so they can break any route, even one that would otherwise be a 404.
    const fault = state.faults.take(req.method ?? 'GET', path);
    const page = req.method === 'GET' ? pageFor(path) : undefined;
    if (!page) state.record(logEntry(req, url));
    if (fault) return applyFault(res, fault, hanging);
    if (page) return sendRaw(res, page.status, page.contentType, page.body);
    handleApi({ req, res, url, state, baseUrl });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // A bug in the fake should fail the test loudly, not look like a Plex outage.
      console.error('fake Plex crashed on', req.method, req.url, error);
      if (!res.headersSent) sendJson(res, 500, { error: `fake Plex crashed: ${String(error)}` });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Shared so a second close() (say, from an afterAll after a failed test) waits instead of throwing.
  let closing: Promise<void> | undefined;
  const shutDown = async (): Promise<void> => {
    abandonHanging();
    const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    // Keep-alive connections from fetch would otherwise hold close() open for seconds.
    server.closeAllConnections();
    await closed;
  };

  return {
    url: baseUrl,
    approve: async (pin, account) => state.approve(pin, account),
    expire: async (pin) => state.expire(pin),
    revoke: async (token) => state.revoke(token),
    reset: async () => state.reset(),
    pins: async () => state.pinList(),
    requests: async () => state.requests(),
    fault: async (f) => state.fault(f),
    configure: async (c) => state.configure(c),
    close: () => (closing ??= shutDown()),
  };
}
