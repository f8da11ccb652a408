import { Catalog, parseCatalog, type Title } from './catalog';
import { FakeError, isRecord } from './errors';
import { FaultQueue, parseFault } from './faults';
import { Home } from './home';
import { MediaServers } from './media-servers';
import { PinStore } from './pins';
import { TokenStore } from './tokens';
import type { FakeAccount, FakeConfig, FakeOddDevice, FakePin, LoggedRequest, PinRef } from './types';
import { Watchlists } from './watchlist';

export const DEFAULT_ACCOUNT: FakeAccount = {
  id: 1234567,
  uuid: '0f1e2d3c4b5a6978',
  username: 'alex.example',
  title: 'Alex Example',
  friendlyName: 'Alex Example',
  email: 'alex@example.com',
  subscription: { active: true, status: 'Active', plan: 'lifetime' },
};

const ODD_DEVICES: readonly FakeOddDevice[] = [
  'roku-player',
  'web-client',
  'server-without-connections',
  'server-with-null-name',
  'server-without-id',
  'null-entry',
];

function defaultConfig(): FakeConfig {
  return {
    strongPinSeconds: 1800,
    shortPinSeconds: 900,
    account: { ...DEFAULT_ACCOUNT, subscription: { ...DEFAULT_ACCOUNT.subscription } },
    authPageForwards: true,
  };
}

function parsePinRef(input: unknown): PinRef {
  if (!isRecord(input)) throw new FakeError('pin must be an object with id and/or code');
  const { id, code } = input;
  if (id !== undefined && (typeof id !== 'number' || !Number.isInteger(id))) throw new FakeError('pin.id must be an integer');
  if (code !== undefined && typeof code !== 'string') throw new FakeError('pin.code must be a string');
  if (id === undefined && code === undefined) throw new FakeError('pin needs an id or a code');
  return { ...(id !== undefined && { id }), ...(code !== undefined && { code }) };
}

// Field types are deliberately not checked: tests may want an account the extension's schema rejects.
function mergeAccount(base: FakeAccount, patch: unknown): FakeAccount {
  if (patch === undefined) return base;
  if (!isRecord(patch)) throw new FakeError('account must be an object');
  const subscription = isRecord(patch.subscription) ? { ...base.subscription, ...patch.subscription } : base.subscription;
  return { ...base, ...patch, subscription };
}

function parseSeconds(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new FakeError(`${name} must be a positive number`);
  return value;
}

/** Inputs are `unknown` because they arrive as JSON over HTTP as often as from typed test code. */
export class FakePlexState {
  readonly pins = new PinStore();
  readonly tokens = new TokenStore();
  readonly faults = new FaultQueue();
  readonly servers = new MediaServers();
  readonly catalog = new Catalog();
  readonly watchlists = new Watchlists();
  readonly home = new Home();
  config: FakeConfig = defaultConfig();
  /** Odd devices of resources, each listed after the first `after` live servers. */
  oddDevices: { kind: FakeOddDevice; after: number }[] = [];
  private log: LoggedRequest[] = [];

  /** @param onReset lets the server abandon hanging requests when a test resets. */
  constructor(private readonly onReset: () => void = () => {}) {}

  approve(pinInput: unknown, accountInput?: unknown): { token: string } {
    const ref = parsePinRef(pinInput);
    const pin = this.pins.find(ref);
    if (!pin) throw new FakeError(`no live pin matches ${JSON.stringify(ref)}`, 404);
    const account = mergeAccount(this.config.account, accountInput);
    // Approving twice keeps the token, so a double click in a fake page does not strand the first one.
    if (pin.authToken !== null) this.tokens.rebind(pin.authToken, account);
    else {
      pin.authToken = this.tokens.issue(account);
      pin.approvedAt = Date.now();
    }
    return { token: pin.authToken };
  }

  expire(pinInput: unknown): void {
    const ref = parsePinRef(pinInput);
    const pin = this.pins.find(ref);
    if (!pin) throw new FakeError(`no live pin matches ${JSON.stringify(ref)}`, 404);
    this.pins.expire(pin);
  }

  revoke(token?: unknown): void {
    if (token !== undefined && typeof token !== 'string') throw new FakeError('token must be a string');
    this.tokens.revoke(token);
  }

  async reset(): Promise<void> {
    this.pins.clear();
    this.tokens.clear();
    this.faults.clear();
    this.log = [];
    this.config = defaultConfig();
    this.catalog.reset();
    this.watchlists.clear();
    this.home.clear();
    this.oddDevices = [];
    this.onReset();
    await this.servers.removeAll();
    this.servers.clearLog();
  }

  /** The fake is shutting down: stop media servers and refuse new ones. */
  async close(): Promise<void> {
    this.onReset();
    await this.servers.removeAll(true);
  }

  pinList(): FakePin[] {
    return this.pins.list();
  }

  requests(): LoggedRequest[] {
    return this.log.map((r) => ({ ...r, query: { ...r.query }, headers: { ...r.headers } }));
  }

  record(request: LoggedRequest): void {
    this.log.push(request);
  }

  addDevice(kind: unknown): void {
    if (!ODD_DEVICES.includes(kind as FakeOddDevice)) throw new FakeError(`kind must be one of ${ODD_DEVICES.join(', ')}`);
    this.oddDevices.push({ kind: kind as FakeOddDevice, after: this.servers.live().length });
  }

  fault(input: unknown): void {
    this.faults.add(parseFault(input));
  }

  configure(input: unknown): void {
    if (!isRecord(input)) throw new FakeError('config must be an object');
    const strong = parseSeconds(input.strongPinSeconds, 'strongPinSeconds');
    const short = parseSeconds(input.shortPinSeconds, 'shortPinSeconds');
    // Validate everything before changing anything, so a bad call leaves the config as it was.
    const account = mergeAccount(this.config.account, input.account);
    const forwards = input.authPageForwards;
    if (forwards !== undefined && typeof forwards !== 'boolean') throw new FakeError('authPageForwards must be a boolean');
    this.config = {
      strongPinSeconds: strong ?? this.config.strongPinSeconds,
      shortPinSeconds: short ?? this.config.shortPinSeconds,
      account,
      authPageForwards: forwards ?? this.config.authPageForwards,
    };
  }

  setCatalog(titles: unknown): void {
    const parsed = parseCatalog(titles);
    this.catalog.set(parsed);
    // A watchlist only holds titles the provider knows, as on Plex.
    this.watchlists.keepOnly((ratingKey) => this.catalog.byRatingKey(ratingKey) !== undefined);
  }

  catalogList(): Title[] {
    return this.catalog.list();
  }

  /** Whose watchlist a control call means: the named account, or the configured one. */
  private watchlistOwner(username: unknown): string {
    if (username === undefined || username === null) return this.config.account.username;
    if (typeof username !== 'string' || username === '') throw new FakeError('username must be a non-empty string');
    return username;
  }

  watchlist(username?: unknown): string[] {
    return this.watchlists.ratingKeys(this.watchlistOwner(username));
  }

  setWatchlist(ratingKeys: unknown, username?: unknown): void {
    if (!Array.isArray(ratingKeys) || ratingKeys.some((k) => typeof k !== 'string'))
      throw new FakeError('ratingKeys must be an array of strings');
    const unknown = (ratingKeys as string[]).filter((k) => !this.catalog.byRatingKey(k));
    if (unknown.length > 0) throw new FakeError(`not in the catalog: ${unknown.join(', ')}`, 404);
    this.watchlists.set(this.watchlistOwner(username), ratingKeys as string[]);
  }

  setHome(home: unknown): void {
    this.home.set(home);
  }
}
