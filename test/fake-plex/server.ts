import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { handleApi } from './api';
import { CONTROL_PREFIX, handleControl } from './control-routes';
import { applyFault } from './faults';
import { sendJson, sendRaw } from './format';
import { closeHttpServer, listenLocal } from './listen';
import { logEntry } from './log';
import { pageFor } from './pages';
import { FakePlexState } from './state';
import type { FakePlexControl } from './types';

export { DEFAULT_CATALOG } from './catalog';
export { fakePlexControl } from './control';
export { DEFAULT_ACCOUNT } from './state';
export type * from './types';

/** The build variables that point every Plex host the extension calls or opens at a fake on `url`. */
export const plexHostsAt = (url: string) => ({
  WXT_PLEX_TV_URL: url,
  WXT_PLEX_APP_URL: url,
  WXT_PLEX_METADATA_URL: url,
  WXT_PLEX_DISCOVER_URL: url,
});

export interface FakePlexOptions {
  /** Default 0: any free port. */
  port?: number;
}

export interface FakePlex extends FakePlexControl {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Loopback only: tests must never reach the real plex.tv. */
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
    if (path.startsWith(CONTROL_PREFIX)) return handleControl(req, res, url, state);

    // Faults come first so they can break any route, even one that would otherwise be a 404.
    const fault = state.faults.take(req.method ?? 'GET', path);
    const page = req.method === 'GET' ? pageFor(path, state.config) : undefined;
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

  baseUrl = `http://127.0.0.1:${await listenLocal(server, options.port)}`;

  // Shared so a second close() (say, from an afterAll after a failed test) waits instead of throwing.
  let closing: Promise<void> | undefined;
  const shutDown = async (): Promise<void> => {
    await Promise.all([state.close(), closeHttpServer(server)]);
  };

  return {
    url: baseUrl,
    approve: async (pin, account) => state.approve(pin, account),
    expire: async (pin) => state.expire(pin),
    revoke: async (token) => state.revoke(token),
    reset: () => state.reset(),
    pins: async () => state.pinList(),
    requests: async () => state.requests(),
    fault: async (f) => state.fault(f),
    configure: async (c) => state.configure(c),
    addServer: (spec) => state.servers.add(spec),
    addDevice: async (kind) => state.addDevice(kind),
    servers: async () => state.servers.list(),
    removeServers: () => state.servers.removeAll(),
    serverRequests: async () => state.servers.requests(),
    serverFault: async (f) => state.servers.fault(f),
    setLibrary: async (machineIdentifier, library) => state.servers.setLibrary(machineIdentifier, library),
    setCatalog: async (titles) => state.setCatalog(titles),
    catalog: async () => state.catalogList(),
    watchlist: async (username) => state.watchlist(username),
    setWatchlist: async (ratingKeys, username) => state.setWatchlist(ratingKeys, username),
    setHome: async (home) => state.setHome(home),
    close: () => (closing ??= shutDown()),
  };
}
