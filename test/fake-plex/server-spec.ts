import { createHash, randomBytes } from 'node:crypto';
import { FakeError, isRecord } from './errors';
import { generatedItems } from './generated-library';
import { sectionsOf } from './sections';
import type { ConnectionBehaviour, FakeConnectionSpec, FakeOddConnection, TitleType } from './types';

const BEHAVIOURS: readonly ConnectionBehaviour[] = ['ok', 'refuse', 'hang', 'wrong-identity', 'redirect'];
const TYPES: readonly TitleType[] = ['movie', 'show'];
export const ODD_CONNECTIONS: readonly FakeOddConnection[] = ['not-a-url', 'wildcard-host', 'percent-host', 'user-info', 'null-uri'];
// Shown by plex.tv as the owner of a shared server when the test names none.
const DEFAULT_SOURCE_TITLE = 'Jordan Friend';
// Plex's own ratingKeys are small integers; a high start keeps them apart from list indices.
const FIRST_RATING_KEY = 1001;

export interface LibraryEpisode {
  ratingKey: string;
  guid: string;
  index: number;
  title: string;
  guids: string[];
  /** Server clock, unix seconds. */
  addedAt: number;
  updatedAt: number;
}

export interface LibrarySeason {
  ratingKey: string;
  guid: string;
  index: number;
  title: string;
  guids: string[];
  episodes: LibraryEpisode[];
}

/** An item of a media server's library, as /library/all returns it. */
export interface LibraryItem {
  ratingKey: string;
  guid: string;
  type: TitleType;
  title: string;
  year: number | undefined;
  section: string;
  sectionId: number;
  guids: string[];
  seasons: LibrarySeason[];
  /** Server clock, unix seconds: when it was added, and when its metadata last changed. */
  addedAt: number;
  updatedAt: number;
}

/** A library section of a media server, as `/library/sections` lists it. */
export interface LibrarySection {
  id: number;
  title: string;
  type: TitleType;
  uuid: string;
  createdAt: number;
  /** Moves whenever an item of the section is added, changed or removed. */
  updatedAt: number;
  contentChangedAt: number;
}

/** A validated addServer() spec with every default filled in. */
export interface ServerSpec {
  name: string;
  owned: boolean;
  sourceTitle: string | null;
  machineIdentifier: string;
  accessToken: string;
  home: boolean;
  httpsRequired: boolean;
  publicAddressMatches: boolean;
  connections: (Required<Omit<FakeConnectionSpec, 'redirectTo'>> & Pick<FakeConnectionSpec, 'redirectTo'>)[];
  library: LibraryItem[];
  sections: LibrarySection[];
  oddConnections: FakeOddConnection[];
  users: string[] | undefined;
}

function optional<T>(value: unknown, check: (v: unknown) => v is T, message: string): T | undefined {
  if (value === undefined) return undefined;
  if (!check(value)) throw new FakeError(message);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNumeric = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v);
const isBehaviour = (v: unknown): v is ConnectionBehaviour => BEHAVIOURS.includes(v as ConnectionBehaviour);
const isType = (v: unknown): v is TitleType => TYPES.includes(v as TitleType);
const isOddConnections = (v: unknown): v is FakeOddConnection[] =>
  Array.isArray(v) && v.every((kind) => ODD_CONNECTIONS.includes(kind as FakeOddConnection));

function parseConnection(input: unknown, index: number): ServerSpec['connections'][number] {
  const at = `connections[${index}]`;
  if (!isRecord(input)) throw new FakeError(`${at} must be an object`);
  if (!isBoolean(input.local)) throw new FakeError(`${at}.local must be a boolean`);
  if (input.protocol !== undefined && input.protocol !== 'http' && input.protocol !== 'https') {
    throw new FakeError(`${at}.protocol must be http or https`);
  }
  const behaviour = optional(input.behaviour, isBehaviour, `${at}.behaviour must be one of ${BEHAVIOURS.join(', ')}`) ?? 'ok';
  const redirectTo = optional(input.redirectTo, isInteger, `${at}.redirectTo must be a connection index`);
  if ((behaviour === 'redirect') !== (redirectTo !== undefined))
    throw new FakeError(`${at}: redirectTo goes with behaviour 'redirect', and only with it`);
  return {
    local: input.local,
    relay: optional(input.relay, isBoolean, `${at}.relay must be a boolean`) ?? false,
    protocol: input.protocol ?? 'https',
    behaviour,
    ...(redirectTo !== undefined ? { redirectTo } : {}),
  };
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((id) => typeof id === 'string');

function childGuid(parent: string, kind: 'season' | 'episode', index: number): string {
  // New agents give children guids of their own (`plex://season/<hex>`: python-plexapi's docs, Plex-Watched-History importers).
  if (parent.startsWith('plex://')) return `plex://${kind}/${createHash('sha1').update(`${parent}/${index}`).digest('hex').slice(0, 24)}`;
  // Legacy TheTVDB appends the numbers, `…://268592/1/2?lang=en` (andrey-yantsen/plex-api.rs tests/mocks/server/media/tv_episodes.json).
  const query = parent.indexOf('?');
  return query === -1 ? `${parent}/${index}` : `${parent.slice(0, query)}/${index}${parent.slice(query)}`;
}

/** Hands out ratingKeys: the test's own, else the next free number of the server's counter. */
class RatingKeys {
  private readonly seen = new Set<string>();

  constructor(
    private readonly taken: Set<string>,
    private next = FIRST_RATING_KEY,
  ) {}

  take(given: unknown, at: string): string {
    let ratingKey = optional(given, isNumeric, `${at}.ratingKey must be a numeric string`);
    if (ratingKey === undefined) {
      while (this.taken.has(String(this.next))) this.next++;
      ratingKey = String(this.next++);
    }
    if (this.seen.has(ratingKey)) throw new FakeError(`${at}.ratingKey ${ratingKey} appears twice`);
    this.seen.add(ratingKey);
    return ratingKey;
  }
}

/** Every ratingKey a test gave, at any depth, so the counter skips them. */
function givenRatingKeys(input: unknown[]): Set<string> {
  const keys = new Set<string>();
  const walk = (value: unknown): void => {
    if (!isRecord(value)) return;
    if (isNumeric(value.ratingKey)) keys.add(value.ratingKey);
    for (const child of [value.seasons, value.episodes]) if (Array.isArray(child)) child.forEach(walk);
  };
  input.forEach(walk);
  return keys;
}

function parseGuids(value: unknown, at: string): string[] {
  return [...(optional(value, isStrings, `${at}.guids must be an array of strings`) ?? [])];
}

function parseEpisode(input: unknown, at: string, seasonGuid: string, keys: RatingKeys, now: number): LibraryEpisode {
  if (!isRecord(input)) throw new FakeError(`${at} must be an object`);
  if (!isInteger(input.index)) throw new FakeError(`${at}.index must be an integer`);
  return {
    ...timestamps(input, at, now),
    ratingKey: keys.take(input.ratingKey, at),
    guid: optional(input.guid, isString, `${at}.guid must be a non-empty string`) ?? childGuid(seasonGuid, 'episode', input.index),
    index: input.index,
    title: optional(input.title, isString, `${at}.title must be a non-empty string`) ?? `Episode ${input.index}`,
    guids: parseGuids(input.guids, at),
  };
}

function parseSeason(input: unknown, at: string, showGuid: string, keys: RatingKeys, now: number): LibrarySeason {
  if (!isRecord(input)) throw new FakeError(`${at} must be an object`);
  if (!isInteger(input.index)) throw new FakeError(`${at}.index must be an integer`);
  const ratingKey = keys.take(input.ratingKey, at);
  const guid = optional(input.guid, isString, `${at}.guid must be a non-empty string`) ?? childGuid(showGuid, 'season', input.index);
  const episodes = optional(input.episodes, Array.isArray, `${at}.episodes must be an array`) ?? [];
  return {
    ratingKey,
    guid,
    index: input.index,
    title:
      optional(input.title, isString, `${at}.title must be a non-empty string`) ??
      (input.index === 0 ? 'Specials' : `Season ${input.index}`),
    guids: parseGuids(input.guids, at),
    episodes: episodes.map((episode: unknown, i: number) => parseEpisode(episode, `${at}.episodes[${i}]`, guid, keys, now)),
  };
}

/** Shows are what has seasons, a plex://show/ guid or the legacy TheTVDB agent's guid. */
function defaultType(guid: string, seasons: unknown): TitleType {
  const show = Array.isArray(seasons) || guid.startsWith('plex://show/') || guid.startsWith('com.plexapp.agents.thetvdb://');
  return show ? 'show' : 'movie';
}

/** addedAt/updatedAt as given, else now; updatedAt is never before addedAt. */
function timestamps(input: Record<string, unknown>, at: string, now: number): { addedAt: number; updatedAt: number } {
  const addedAt = optional(input.addedAt, isInteger, `${at}.addedAt must be an integer`) ?? now;
  const updatedAt = optional(input.updatedAt, isInteger, `${at}.updatedAt must be an integer`) ?? addedAt;
  return { addedAt, updatedAt: Math.max(addedAt, updatedAt) };
}

/** Section ids by name: those the server had keep theirs, new names get the next free number. */
export function parseLibrary(
  input: unknown,
  now: number,
  known: Map<string, number> = new Map(),
  firstKey = FIRST_RATING_KEY,
): LibraryItem[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw new FakeError('library must be an array');
  const sections = new Map(known);
  const keys = new RatingKeys(givenRatingKeys(input), firstKey);
  // Top-level items first, so their keys stay what they were before shows had seasons.
  const items = input.map((item: unknown, index): LibraryItem => {
    const at = `library[${index}]`;
    if (!isRecord(item)) throw new FakeError(`${at} must be an object`);
    if (!isString(item.guid)) throw new FakeError(`${at}.guid must be a non-empty string`);
    if (typeof item.title !== 'string') throw new FakeError(`${at}.title must be a string`);
    if (!isString(item.section)) throw new FakeError(`${at}.section must be a non-empty string`);
    const ratingKey = keys.take(item.ratingKey, at);
    if (!sections.has(item.section)) sections.set(item.section, Math.max(0, ...sections.values()) + 1);
    return {
      ...timestamps(item, at, now),
      ratingKey,
      guid: item.guid,
      type: optional(item.type, isType, `${at}.type must be movie or show`) ?? defaultType(item.guid, item.seasons),
      title: item.title,
      year: optional(item.year, isInteger, `${at}.year must be an integer`),
      section: item.section,
      sectionId: sections.get(item.section) ?? 0,
      guids: parseGuids(item.guids, at),
      seasons: [],
    };
  });
  input.forEach((item: Record<string, unknown>, index) => {
    const seasons = optional(item.seasons, Array.isArray, `library[${index}].seasons must be an array`) ?? [];
    const parsed = items[index]!;
    if (seasons.length > 0 && parsed.type !== 'show') throw new FakeError(`library[${index}]: only a show has seasons`);
    parsed.seasons = seasons.map((season: unknown, i: number) =>
      parseSeason(season, `library[${index}].seasons[${i}]`, parsed.guid, keys, now),
    );
  });
  return items;
}

/** The library a test gave, or one generated (`generated: {movies, shows}`), and its sections. */
function librarySpec(input: Record<string, unknown>): Pick<ServerSpec, 'library' | 'sections'> {
  const now = Math.floor(Date.now() / 1000);
  const given = input.library === undefined || Array.isArray(input.library) ? ((input.library as unknown[] | undefined) ?? []) : null;
  if (!given) throw new FakeError('library must be an array');
  // The given items first, so their ratingKeys are the ones they would have alone.
  const library = parseLibrary(input.generated === undefined ? input.library : [...given, ...generatedItems(input.generated, now)], now);
  return { library, sections: sectionsOf(library, now, []) };
}

/** The access token resources gives the account or profile `uuid` for the server, or none when it is not listed for them. */
export function accessTokenFor(spec: ServerSpec, uuid: string): string | undefined {
  if (spec.users === undefined) return spec.accessToken;
  return spec.users.includes(uuid) ? `${spec.accessToken}-${uuid}` : undefined;
}

/** Whether the server answers this token: its own, or one resources gave a user it is listed for. */
export function acceptsToken(spec: ServerSpec, token: string | undefined): boolean {
  return token !== undefined && (token === spec.accessToken || (spec.users ?? []).some((uuid) => token === `${spec.accessToken}-${uuid}`));
}

/** Validate a spec from a test; it arrives as JSON over HTTP as often as from typed code. */
export function parseServerSpec(input: unknown): ServerSpec {
  if (!isRecord(input)) throw new FakeError('server spec must be an object');
  if (!isString(input.name)) throw new FakeError('name must be a non-empty string');
  if (!Array.isArray(input.connections)) throw new FakeError('connections must be an array');
  const owned = optional(input.owned, isBoolean, 'owned must be a boolean') ?? true;
  const sourceTitle = optional(input.sourceTitle, isString, 'sourceTitle must be a non-empty string');
  const spec: ServerSpec = {
    name: input.name,
    owned,
    // plex.tv names the owner only for servers shared with the account.
    sourceTitle: owned ? null : (sourceTitle ?? DEFAULT_SOURCE_TITLE),
    machineIdentifier:
      optional(input.machineIdentifier, isString, 'machineIdentifier must be a non-empty string') ?? randomBytes(20).toString('hex'),
    accessToken: optional(input.accessToken, isString, 'accessToken must be a non-empty string') ?? randomBytes(15).toString('base64url'),
    home: optional(input.home, isBoolean, 'home must be a boolean') ?? false,
    httpsRequired: optional(input.httpsRequired, isBoolean, 'httpsRequired must be a boolean') ?? false,
    publicAddressMatches: optional(input.publicAddressMatches, isBoolean, 'publicAddressMatches must be a boolean') ?? true,
    connections: input.connections.map(parseConnection),
    ...librarySpec(input),
    oddConnections: optional(input.oddConnections, isOddConnections, `oddConnections must list ${ODD_CONNECTIONS.join(', ')}`) ?? [],
    users: optional(input.users, isStrings, 'users must be an array of non-empty strings'),
  };
  for (const [index, { redirectTo }] of spec.connections.entries()) {
    if (redirectTo !== undefined && (redirectTo < 0 || redirectTo >= spec.connections.length || redirectTo === index)) {
      throw new FakeError(`connections[${index}].redirectTo must name another of the server's connections`);
    }
  }
  return spec;
}
