// Shared shapes of the fake Plex server. Tests in other processes import these through control.ts,
// so this file must stay free of runtime code that needs a server.

export interface FakeAccount {
  id: number;
  uuid: string;
  username: string;
  title: string;
  friendlyName: string;
  /** null for a managed Home profile, which has no email (sct/overseerr #2788 met it null). */
  email: string | null;
  subscription: { active: boolean; status: string; plan: string | null };
  /** The avatar address /api/v2/user gives; default the fake's own `/users/<id>/avatar`. */
  thumb?: string;
}

export interface FakeConfig {
  /** Lifetime of a `strong=true` PIN (Plex: 1800 s). Fractions are allowed so tests can expire PINs fast. */
  strongPinSeconds: number;
  /** Lifetime of a 4-character PIN (Plex: 900 s). */
  shortPinSeconds: number;
  /** The account a token maps to unless approve() overrides fields. */
  account: FakeAccount;
  /**
   * Whether the auth page goes to its `forwardUrl` once approved (true, as Plex's does); false
   * stands for a page that stays, so only polling notices the approval.
   */
  authPageForwards: boolean;
}

export interface FakePin {
  id: number;
  code: string;
  strong: boolean;
  clientIdentifier: string;
  /** Date.now() values. */
  createdAt: number;
  expiresAt: number;
  authToken: string | null;
  /** The X-Plex-Product sent when the PIN was created. */
  product: string | null;
  /** When it was first approved (Date.now()); for timing tests, never in an API answer. */
  approvedAt?: number;
}

/** Which PIN an operation means: by id, by code, or both (then both must match). */
export interface PinRef {
  id?: number;
  code?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Date.now() when the request arrived. */
  at: number;
}

export type FaultKind = 'status' | 'drop' | 'hang' | 'stall' | 'body';

export interface Fault {
  /** Default: any method. */
  method?: string;
  /** Matches when the request path starts with it, e.g. '/api/v2/pins/'. */
  path: string;
  /** Default 1: how many matching requests it applies to. */
  times?: number;
  /**
   * 'status': answer `status` (default 500) with `body` (default empty).
   * 'body': answer `status` (default 200) with `body`, to feed the client something it cannot parse.
   * 'drop': destroy the socket without answering.
   * 'hang': never answer; the socket stays open until close() or reset().
   * 'stall': send the status line, headers and the start of a JSON body, then nothing more: a
   *   reply that never finishes.
   */
  kind: FaultKind;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
}

export type ConnectionBehaviour = 'ok' | 'refuse' | 'hang' | 'wrong-identity' | 'redirect';

export interface FakeConnectionSpec {
  local: boolean;
  /** Default false. Only a flag in resources: every connection is a listener on 127.0.0.1. */
  relay?: boolean;
  /**
   * Default 'https', as resources with includeHttps=1 list a server's connections: the listener
   * serves TLS (a self-signed certificate for `*.<hash>.plex.direct`) and the uri is
   * `https://<address dashed>.<hash>.plex.direct:<port>`, the address being 127.0.0.1 for a local
   * connection and a documentation address for a remote or relay one (the name resolves to
   * 127.0.0.1 only through the tests' own resolver rules). 'http': `http://127.0.0.1:<port>`.
   */
  protocol?: 'http' | 'https';
  /**
   * Default 'ok': serves the media-server routes. 'refuse': nothing listens on the port.
   * 'hang': accepts and logs requests, never answers. 'wrong-identity': another server on that
   * address; /identity names a different machineIdentifier and everything else is 401.
   * 'redirect': answers /identity as the server, and every other request with a 302 to the same
   * path on connection `redirectTo` (a proxy in front of the server pointing elsewhere).
   */
  behaviour?: ConnectionBehaviour;
  /** With behaviour 'redirect': the index of the connection the redirects lead to. */
  redirectTo?: number;
}

export type TitleType = 'movie' | 'show';

export interface FakeLibraryItem {
  /** Usually plex://movie/<hex>; anything else (say, a legacy agent's guid) is allowed. */
  guid: string;
  title: string;
  year?: number;
  /** Default: 'show' for a plex://show/ or com.plexapp.agents.thetvdb:// guid or with seasons, else 'movie'. */
  type?: TitleType;
  /** librarySectionTitle, e.g. 'Movies'. Sections are numbered 1, 2, ... in order of appearance. */
  section: string;
  /** A numeric string; default a per-server counter. */
  ratingKey?: string;
  /**
   * External ids served as `Guid` children (`[{id:'imdb://…'},{id:'tmdb://…'},{id:'tvdb://…'}]`),
   * only to requests with `includeGuids=1`, as a server does for items of the Plex Movie and Plex
   * TV Series agents. Legacy-agent items (`com.plexapp.agents.…` guids) have none. Default [].
   */
  guids?: string[];
  /** A show's seasons, listed by `/library/metadata/{show}/children`. Default []. */
  seasons?: FakeSeasonSpec[];
  /** Server clock, unix seconds; default when the library was given. `updatedAt` defaults to `addedAt`. */
  addedAt?: number;
  updatedAt?: number;
}

/** A season of a show on a fake media server (Plex `type` 3). */
export interface FakeSeasonSpec {
  /** The season number; 0 holds the specials. */
  index: number;
  /** Default 'Season <index>' ('Specials' for 0). */
  title?: string;
  /** A numeric string; default the server's counter. */
  ratingKey?: string;
  /** Default: derived from the show's guid (`plex://season/<hex>`, or `<legacy show guid>/<index>?lang=…`). */
  guid?: string;
  guids?: string[];
  episodes?: FakeEpisodeSpec[];
}

/** An episode of a season on a fake media server (Plex `type` 4). */
export interface FakeEpisodeSpec {
  /** The episode number within its season. */
  index: number;
  /** Default 'Episode <index>'. */
  title?: string;
  ratingKey?: string;
  /** Default: derived from the season's guid, as for seasons. */
  guid?: string;
  /** e.g. ['imdb://tt1054724', 'tvdb://349232']: what `Guid` children carry with `includeGuids=1`. */
  guids?: string[];
  /** As for a library item. */
  addedAt?: number;
  updatedAt?: number;
}

/**
 * A generated library (test/fake-plex/generated-library.ts): `movies` movies in 'Movies' and
 * `shows` shows with seasons and episodes in 'TV Shows', most matched by the Plex agents, some by
 * the legacy ones. Servers generated with different seeds share part of their titles.
 */
export interface FakeGeneratedLibrary {
  movies?: number;
  shows?: number;
  seed?: number;
}

export interface FakeServerSpec {
  name: string;
  /** Default true. */
  owned?: boolean;
  /** The owner's name, shown for shared servers (owned: false). */
  sourceTitle?: string;
  /** Default 40 random hex digits; unique among live servers. */
  machineIdentifier?: string;
  /** Default random. The server answers only this token, not the account's. */
  accessToken?: string;
  /** Resources' `home` (default false): a server of the account's Plex Home. */
  home?: boolean;
  /** Resources' `httpsRequired` (default false): "Secure connections: Required". */
  httpsRequired?: boolean;
  /** Resources' `publicAddressMatches` (default true): the client is on the server's network. */
  publicAddressMatches?: boolean;
  connections: FakeConnectionSpec[];
  library?: FakeLibraryItem[];
  /** A generated library, made by the fake itself (too big to send), after the items of `library`. */
  generated?: FakeGeneratedLibrary;
  /** Broken connection entries listed in resources before the real ones (see FakeOddConnection). */
  oddConnections?: FakeOddConnection[];
  /**
   * The uuids of the accounts and Plex Home profiles whose resources list this server. Default:
   * every token's, all with `accessToken`. When set, each of them gets a token of its own
   * (`<accessToken>-<uuid>`), as plex.tv gives each Home user its own access token; the server
   * answers those and `accessToken`.
   */
  users?: string[];
}

/**
 * A connection entry no client can use, as a broken or hostile plex.tv answer could hold it:
 * 'not-a-url' (an address without scheme), 'wildcard-host' (`*` in the host), 'percent-host'
 * (a percent-escaped host), 'user-info' (`user:password@` before the host), 'null-uri'.
 */
export type FakeOddConnection = 'not-a-url' | 'wildcard-host' | 'percent-host' | 'user-info' | 'null-uri';

/**
 * A device in resources that is not a usable server: 'roku-player' and 'web-client' (players and
 * clients with `null` tokens), 'server-without-connections' (`connections: null`),
 * 'server-with-null-name', 'server-without-id', 'null-entry' (a `null` in the list).
 */
export type FakeOddDevice =
  'roku-player' | 'web-client' | 'server-without-connections' | 'server-with-null-name' | 'server-without-id' | 'null-entry';

export interface FakeConnectionInfo {
  /**
   * https://<address dashed>.<hash>.plex.direct:<port> (resolve *.plex.direct to 127.0.0.1 to
   * reach it), or http://127.0.0.1:<port>; for 'refuse', a port nothing listens on.
   */
  uri: string;
  protocol: 'http' | 'https';
  /** The address resources names: 127.0.0.1 for local connections, a documentation address otherwise. */
  address: string;
  port: number;
  local: boolean;
  relay: boolean;
  behaviour: ConnectionBehaviour;
}

export interface FakeServerInfo {
  name: string;
  machineIdentifier: string;
  accessToken: string;
  owned: boolean;
  connections: FakeConnectionInfo[];
}

export interface LoggedServerRequest extends LoggedRequest {
  /** machineIdentifier of the server. */
  server: string;
  /** Index into the server's connections. */
  connection: number;
}

/** A fault on one media server's 'ok' listeners; `path` defaults to '/' (every request). */
export interface ServerFault extends Omit<Fault, 'path'> {
  machineIdentifier: string;
  path?: string;
}

/** A title of the metadata provider (metadata.provider.plex.tv). */
export interface CatalogTitle {
  /** 24 lower-case hex digits. */
  ratingKey: string;
  /** Default plex://<type>/<ratingKey>. */
  guid?: string;
  type: TitleType;
  title: string;
  year: number;
  /**
   * e.g. ['imdb://tt1375666', 'tmdb://27205']; matches accepts any of them, and answers them as
   * `Guid` children when asked with `includeGuids=1`. Default [].
   */
  externalIds?: string[];
  /**
   * Ids matches answers with this title although its `Guid` list does not carry them: Plex's
   * matcher sometimes answers a near title rather than nothing. Default none.
   */
  alsoMatches?: string[];
  /** Leave `ratingKey` out of the matches answer, as some recorded answers do. Default false. */
  omitRatingKey?: boolean;
  /** A show's episodes, listed by `/library/metadata/{ratingKey}/grandchildren`. Default none. */
  episodes?: FakeCatalogEpisode[];
}

/** An episode of a catalog show, as the provider lists it. */
export interface FakeCatalogEpisode {
  season: number;
  episode: number;
  /** e.g. ['imdb://tt1232249', 'tvdb://438913'], its `Guid` children with includeGuids=1. */
  ids?: string[];
}

type OptionalCatalogFields = 'alsoMatches' | 'omitRatingKey' | 'episodes';

/** A catalog title as `catalog()` lists it: defaults filled in, the optional fields only when set. */
export type FakeCatalogEntry = Required<Omit<CatalogTitle, OptionalCatalogFields>> & Pick<CatalogTitle, OptionalCatalogFields>;

/**
 * A profile of the account's Plex Home besides the account itself (which is its admin), as
 * `GET /api/v2/home/users` lists it. A managed profile has no username (`null`).
 */
export interface FakeHomeUser {
  uuid: string;
  title: string;
  /** Default a number derived from the uuid. */
  id?: number;
  /** Default null: a managed profile, which has no Plex sign-in of its own. */
  username?: string | null;
  /** Four digits: the profile is `protected` and switching to it needs them. Default none. */
  pin?: string;
  /** Default true for a managed profile, false otherwise. */
  restricted?: boolean;
}

export interface FakeHome {
  users: FakeHomeUser[];
  /** The admin's own PIN (the configured account's): switching back to it needs them. Default none. */
  adminPin?: string;
}

export interface FakePlexControl {
  /** Rejects if there is no such live PIN. */
  approve(pin: PinRef, account?: Partial<FakeAccount>): Promise<{ token: string }>;
  /** The PIN answers 404/1020 from now on. */
  expire(pin: PinRef): Promise<void>;
  /** One token, or every token when omitted; they then get 401. */
  revoke(token?: string): Promise<void>;
  /**
   * Forget pins, tokens, requests, faults and config; abandon hanging requests; stop media servers;
   * restore the default catalog; empty watchlists.
   */
  reset(): Promise<void>;
  /** Every PIN created so far, newest last. */
  pins(): Promise<FakePin[]>;
  /** Every request to the Plex API routes (not /__fake, not pages), oldest first. */
  requests(): Promise<LoggedRequest[]>;
  /** Queue a fault. */
  fault(f: Fault): Promise<void>;
  configure(c: Partial<FakeConfig>): Promise<void>;
  /** Start a fake Plex Media Server, one listener per connection, and list it in /api/v2/resources. */
  addServer(spec: FakeServerSpec): Promise<FakeServerInfo>;
  /**
   * List an odd device in /api/v2/resources after the servers added so far and before those added
   * later, until reset().
   */
  addDevice(kind: FakeOddDevice): Promise<void>;
  /** Live media servers, oldest first. */
  servers(): Promise<FakeServerInfo[]>;
  /** Stop every media server (reset() does it too). */
  removeServers(): Promise<void>;
  /** Every request to any media-server listener, oldest first; separate from requests(). */
  serverRequests(): Promise<LoggedServerRequest[]>;
  /**
   * Replace a server's library as a scan would change it: unchanged items keep their dates,
   * changed ones get a new updatedAt, new ones new ratingKeys, and the sections that differ move
   * their updatedAt and contentChangedAt. Items without a ratingKey keep the one of the same guid.
   */
  setLibrary(machineIdentifier: string, library: FakeLibraryItem[]): Promise<void>;
  /** Queue a fault on one server's 'ok' listeners, with the semantics of fault(). */
  serverFault(f: ServerFault): Promise<void>;
  /** Replace the metadata provider's titles (reset() restores DEFAULT_CATALOG); drops watchlist entries no longer in it. */
  setCatalog(titles: CatalogTitle[]): Promise<void>;
  /** The metadata provider's titles, with guid and externalIds filled in. */
  catalog(): Promise<FakeCatalogEntry[]>;
  /**
   * ratingKeys on the account's watchlist, oldest first. Default account: the configured one's
   * username; a managed Home profile (no username) is named by its uuid.
   */
  watchlist(username?: string): Promise<string[]>;
  /** Replace the account's watchlist; every ratingKey must be in the catalog. */
  setWatchlist(ratingKeys: string[], username?: string): Promise<void>;
  /** Make the configured account the admin of a Plex Home with these other profiles (until reset()). */
  setHome(home: FakeHome): Promise<void>;
}
