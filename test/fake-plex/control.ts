import type {
  CatalogTitle,
  FakeHome,
  Fault,
  FakeCatalogEntry,
  FakeAccount,
  FakeLibraryItem,
  FakeConfig,
  FakePin,
  FakePlexControl,
  FakeServerInfo,
  FakeOddDevice,
  FakeServerSpec,
  LoggedRequest,
  LoggedServerRequest,
  PinRef,
  ServerFault,
} from './types';

export type * from './types';

/** For tests whose fake runs in another process (a global setup); rejects with the server's message, as the in-process methods do. */
export function fakePlexControl(url: string): FakePlexControl {
  const base = url.replace(/\/+$/, '');

  async function call<T>(method: 'GET' | 'POST', name: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}/__fake/${name}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error(`fake Plex ${name}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
    }
    if (!response.ok) {
      const message = (data as { error?: unknown }).error;
      throw new Error(typeof message === 'string' ? message : `fake Plex ${name}: HTTP ${response.status}`);
    }
    return data as T;
  }

  return {
    approve: (pin: PinRef, account?: Partial<FakeAccount>) =>
      call<{ token: string }>('POST', 'approve', { id: pin.id, code: pin.code, account }),
    expire: async (pin: PinRef) => {
      await call('POST', 'expire', { id: pin.id, code: pin.code });
    },
    revoke: async (token?: string) => {
      await call('POST', 'revoke', { token });
    },
    reset: async () => {
      await call('POST', 'reset', {});
    },
    pins: () => call<FakePin[]>('GET', 'pins'),
    requests: () => call<LoggedRequest[]>('GET', 'requests'),
    fault: async (f: Fault) => {
      await call('POST', 'fault', f);
    },
    configure: async (c: Partial<FakeConfig>) => {
      await call('POST', 'config', c);
    },
    addServer: (spec: FakeServerSpec) => call<FakeServerInfo>('POST', 'addServer', spec),
    addDevice: async (kind: FakeOddDevice) => {
      await call('POST', 'addDevice', { kind });
    },
    servers: () => call<FakeServerInfo[]>('GET', 'servers'),
    removeServers: async () => {
      await call('POST', 'removeServers', {});
    },
    serverRequests: () => call<LoggedServerRequest[]>('GET', 'serverRequests'),
    setLibrary: async (machineIdentifier: string, library: FakeLibraryItem[]) => {
      await call('POST', 'setLibrary', { machineIdentifier, library });
    },
    serverFault: async (f: ServerFault) => {
      await call('POST', 'serverFault', f);
    },
    setCatalog: async (titles: CatalogTitle[]) => {
      await call('POST', 'setCatalog', { titles });
    },
    catalog: () => call<FakeCatalogEntry[]>('GET', 'catalog'),
    // GET operations take their arguments as query parameters.
    watchlist: (username?: string) =>
      call<string[]>('GET', username === undefined ? 'watchlist' : `watchlist?username=${encodeURIComponent(username)}`),
    setWatchlist: async (ratingKeys: string[], username?: string) => {
      await call('POST', 'setWatchlist', { ratingKeys, username });
    },
    setHome: async (home: FakeHome) => {
      await call('POST', 'setHome', home);
    },
  };
}
