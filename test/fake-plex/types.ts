// Tests in other processes import these through control.ts, so nothing here may need a running server.

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
  /** True as Plex's auth page goes to its `forwardUrl` once approved; false is a page that stays, so only polling notices. */
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
  /** 'drop' destroys the socket unanswered; 'hang' never answers until close() or reset(); 'stall' stops partway through a JSON body. */
  kind: FaultKind;
  /** 'status' answers it (default 500) with `body`; 'body' (default 200) feeds the client a `body` it cannot parse. */
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
  /** Default 'https', as resources with includeHttps=1 lists them; a remote name reaches 127.0.0.1 only by the tests' resolver rules. */
  protocol?: 'http' | 'https';
  /** 'wrong-identity': another server now holds the address (401 to all else); 'redirect': a proxy in front, 302 to `redirectTo`. */
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
  /** `Guid` children (`[{id:'imdb://…'}]`) only with `includeGuids=1`, as for Plex agents' items; legacy-agent items have none. */
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

/** Most titles of the Plex agents, some of the legacy ones; servers of different seeds share part of their titles. */
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
  /** Each gets its own token (`<accessToken>-<uuid>`), as plex.tv gives each Home user one; the server answers those and `accessToken`. */
  users?: string[];
}

/** Connection entries no client can use, as a broken or hostile plex.tv answer could hold them. */
export type FakeOddConnection = 'not-a-url' | 'wildcard-host' | 'percent-host' | 'user-info' | 'null-uri';

/** Devices resources lists that are no usable server: players and clients have `null` tokens; 'null-entry' is a `null` in the list. */
export type FakeOddDevice =
  'roku-player' | 'web-client' | 'server-without-connections' | 'server-with-null-name' | 'server-without-id' | 'null-entry';

export interface FakeConnectionInfo {
  /** https://<address dashed>.<hash>.plex.direct:<port> (resolved to 127.0.0.1 by the tests) or http://127.0.0.1:<port>. */
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
  /** e.g. ['imdb://tt1375666', 'tmdb://27205']; matches accepts any, answered as `Guid` children with `includeGuids=1`. */
  externalIds?: string[];
  /** Ids matches answers with this title although its `Guid` list lacks them: Plex's matcher may answer a near title, not nothing. */
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

/** A profile besides the admin account, as `GET /api/v2/home/users` lists it; a managed profile's username is `null`. */
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
  /** Forgets all state and config, abandons hanging requests, stops media servers, restores the default catalog, empties watchlists. */
  reset(): Promise<void>;
  /** Every PIN created so far, newest last. */
  pins(): Promise<FakePin[]>;
  /** Every request to the Plex API routes (not /__fake, not pages), oldest first. */
  requests(): Promise<LoggedRequest[]>;
  fault(f: Fault): Promise<void>;
  configure(c: Partial<FakeConfig>): Promise<void>;
  /** Start a fake Plex Media Server, one listener per connection, and list it in /api/v2/resources. */
  addServer(spec: FakeServerSpec): Promise<FakeServerInfo>;
  /** Listed in /api/v2/resources after the servers added so far and before those added later, until reset(). */
  addDevice(kind: FakeOddDevice): Promise<void>;
  /** Live media servers, oldest first. */
  servers(): Promise<FakeServerInfo[]>;
  /** Stop every media server (reset() does it too). */
  removeServers(): Promise<void>;
  /** Every request to any media-server listener, oldest first; separate from requests(). */
  serverRequests(): Promise<LoggedServerRequest[]>;
  /** As a scan would: changed items and sections get new dates, new items new ratingKeys; an item without one keeps its guid's. */
  setLibrary(machineIdentifier: string, library: FakeLibraryItem[]): Promise<void>;
  /** Queue a fault on one server's 'ok' listeners, with the semantics of fault(). */
  serverFault(f: ServerFault): Promise<void>;
  /** Replace the metadata provider's titles (reset() restores DEFAULT_CATALOG); drops watchlist entries no longer in it. */
  setCatalog(titles: CatalogTitle[]): Promise<void>;
  /** The metadata provider's titles, with guid and externalIds filled in. */
  catalog(): Promise<FakeCatalogEntry[]>;
  /** Oldest first; a managed Home profile has no username, so it is named by its uuid. */
  watchlist(username?: string): Promise<string[]>;
  /** Replace the account's watchlist; every ratingKey must be in the catalog. */
  setWatchlist(ratingKeys: string[], username?: string): Promise<void>;
  /** Make the configured account the admin of a Plex Home with these other profiles (until reset()). */
  setHome(home: FakeHome): Promise<void>;
}
