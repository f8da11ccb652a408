import { randomBytes } from 'node:crypto';
import { FakeError, isRecord } from './errors';
import type { ConnectionBehaviour, FakeConnectionSpec, TitleType } from './types';

const BEHAVIOURS: readonly ConnectionBehaviour[] = ['ok', 'refuse', 'hang', 'wrong-identity', 'redirect'];
const TYPES: readonly TitleType[] = ['movie', 'show'];
// Shown by plex.tv as the owner of a shared server when the test names none.
const DEFAULT_SOURCE_TITLE = 'Jordan Friend';
// Plex's own ratingKeys are small integers; a high start keeps them apart from list indices.
const FIRST_RATING_KEY = 1001;

/** An item of a media server's library, as /library/all returns it. */
export interface LibraryItem {
  ratingKey: string;
  guid: string;
  type: TitleType;
  title: string;
  year: number | undefined;
  section: string;
  sectionId: number;
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

function parseConnection(input: unknown, index: number): ServerSpec['connections'][number] {
  const at = `connections[${index}]`;
  if (!isRecord(input)) throw new FakeError(`${at} must be an object`);
  if (!isBoolean(input.local)) throw new FakeError(`${at}.local must be a boolean`);
  if (input.protocol !== undefined && input.protocol !== 'http' && input.protocol !== 'https') {
    throw new FakeError(`${at}.protocol must be http or https`);
  }
  const behaviour = optional(input.behaviour, isBehaviour, `${at}.behaviour must be one of ${BEHAVIOURS.join(', ')}`) ?? 'ok';
  const redirectTo = optional(input.redirectTo, isInteger, `${at}.redirectTo must be a connection index`);
  if ((behaviour === 'redirect') !== (redirectTo !== undefined)) throw new FakeError(`${at}: redirectTo goes with behaviour 'redirect', and only with it`);
  return {
    local: input.local,
    relay: optional(input.relay, isBoolean, `${at}.relay must be a boolean`) ?? false,
    protocol: input.protocol ?? 'https',
    behaviour,
    ...(redirectTo !== undefined ? { redirectTo } : {}),
  };
}

function parseLibrary(input: unknown): LibraryItem[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw new FakeError('library must be an array');
  const sections = new Map<string, number>();
  const taken = new Set(input.map((item: unknown) => (isRecord(item) ? item.ratingKey : undefined)).filter(isNumeric));
  let next = FIRST_RATING_KEY;
  const seen = new Set<string>();
  return input.map((item: unknown, index): LibraryItem => {
    const at = `library[${index}]`;
    if (!isRecord(item)) throw new FakeError(`${at} must be an object`);
    if (!isString(item.guid)) throw new FakeError(`${at}.guid must be a non-empty string`);
    if (typeof item.title !== 'string') throw new FakeError(`${at}.title must be a string`);
    if (!isString(item.section)) throw new FakeError(`${at}.section must be a non-empty string`);
    let ratingKey = optional(item.ratingKey, isNumeric, `${at}.ratingKey must be a numeric string`);
    if (ratingKey === undefined) {
      while (taken.has(String(next))) next++;
      ratingKey = String(next++);
    }
    if (seen.has(ratingKey)) throw new FakeError(`${at}.ratingKey ${ratingKey} appears twice`);
    seen.add(ratingKey);
    if (!sections.has(item.section)) sections.set(item.section, sections.size + 1);
    return {
      ratingKey,
      guid: item.guid,
      type: optional(item.type, isType, `${at}.type must be movie or show`) ?? (item.guid.startsWith('plex://show/') ? 'show' : 'movie'),
      title: item.title,
      year: optional(item.year, isInteger, `${at}.year must be an integer`),
      section: item.section,
      sectionId: sections.get(item.section) ?? 0,
    };
  });
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
    machineIdentifier: optional(input.machineIdentifier, isString, 'machineIdentifier must be a non-empty string') ?? randomBytes(20).toString('hex'),
    accessToken: optional(input.accessToken, isString, 'accessToken must be a non-empty string') ?? randomBytes(15).toString('base64url'),
    home: optional(input.home, isBoolean, 'home must be a boolean') ?? false,
    httpsRequired: optional(input.httpsRequired, isBoolean, 'httpsRequired must be a boolean') ?? false,
    publicAddressMatches: optional(input.publicAddressMatches, isBoolean, 'publicAddressMatches must be a boolean') ?? true,
    connections: input.connections.map(parseConnection),
    library: parseLibrary(input.library),
  };
  for (const [index, { redirectTo }] of spec.connections.entries()) {
    if (redirectTo !== undefined && (redirectTo < 0 || redirectTo >= spec.connections.length || redirectTo === index)) {
      throw new FakeError(`connections[${index}].redirectTo must name another of the server's connections`);
    }
  }
  return spec;
}
