import { FakeError, isRecord } from './errors';
import type { FakeCatalogEntry, FakeCatalogEpisode, TitleType } from './types';

export type Title = FakeCatalogEntry;

// Invented but stable ratingKeys, so tests and fixtures can name them.
const DEFAULTS: Title[] = [
  {
    ratingKey: '5d7768ba96b655001fdc0408',
    guid: 'plex://movie/5d7768ba96b655001fdc0408',
    type: 'movie',
    title: 'Inception',
    year: 2010,
    externalIds: ['imdb://tt1375666', 'tmdb://27205'],
  },
  {
    ratingKey: '5d7768ad594b2b001e6e1a41',
    guid: 'plex://movie/5d7768ad594b2b001e6e1a41',
    type: 'movie',
    title: 'The Matrix',
    year: 1999,
    externalIds: ['imdb://tt0133093', 'tmdb://603'],
  },
  {
    ratingKey: '5d9c086c46115600200aa2fe',
    guid: 'plex://show/5d9c086c46115600200aa2fe',
    type: 'show',
    title: 'Breaking Bad',
    year: 2008,
    externalIds: ['imdb://tt0903747', 'tmdb://1396', 'tvdb://81189'],
    // Two episodes' ids, stand-ins for tests of episode pages.
    episodes: [
      { season: 1, episode: 1, ids: ['imdb://tt0959621', 'tvdb://349232'] },
      { season: 2, episode: 3, ids: ['imdb://tt1232249', 'tvdb://438913'] },
    ],
  },
];

// Frozen all the way down: a test that edited the defaults would leak into every later test.
export const DEFAULT_CATALOG: readonly Readonly<Title>[] = Object.freeze(
  DEFAULTS.map((title) => {
    Object.freeze(title.externalIds);
    for (const episode of title.episodes ?? []) Object.freeze(Object.freeze(episode).ids);
    Object.freeze(title.episodes);
    return Object.freeze(title);
  }),
);

const HEX24 = /^[0-9a-f]{24}$/;
const TYPES: readonly TitleType[] = ['movie', 'show'];

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

function copy(title: Readonly<Title>): Title {
  return {
    ...title,
    externalIds: [...title.externalIds],
    ...(title.alsoMatches && { alsoMatches: [...title.alsoMatches] }),
    ...(title.episodes && { episodes: title.episodes.map((e) => ({ ...e, ...(e.ids && { ids: [...e.ids] }) })) }),
  };
}

function parseEpisodes(input: unknown, at: string): FakeCatalogEpisode[] {
  if (!Array.isArray(input)) throw new FakeError(`${at}.episodes must be an array`);
  return input.map((episode: unknown, index) => {
    const where = `${at}.episodes[${index}]`;
    if (!isRecord(episode) || !Number.isInteger(episode.season) || !Number.isInteger(episode.episode)) {
      throw new FakeError(`${where} needs integer season and episode`);
    }
    if (episode.ids !== undefined && !isStrings(episode.ids)) throw new FakeError(`${where}.ids must be an array of strings`);
    return {
      season: episode.season as number,
      episode: episode.episode as number,
      ...(episode.ids !== undefined && { ids: [...episode.ids] }),
    };
  });
}

function parseTitle(input: unknown, index: number): Title {
  const at = `titles[${index}]`;
  if (!isRecord(input)) throw new FakeError(`${at} must be an object`);
  const { ratingKey, guid, type, title, year, externalIds = [], alsoMatches, omitRatingKey, episodes } = input;
  if (typeof ratingKey !== 'string' || !HEX24.test(ratingKey)) throw new FakeError(`${at}.ratingKey must be 24 lower-case hex digits`);
  if (typeof type !== 'string' || !TYPES.includes(type as TitleType)) throw new FakeError(`${at}.type must be movie or show`);
  if (guid !== undefined && (typeof guid !== 'string' || guid === '')) throw new FakeError(`${at}.guid must be a non-empty string`);
  if (typeof title !== 'string') throw new FakeError(`${at}.title must be a string`);
  if (typeof year !== 'number' || !Number.isInteger(year)) throw new FakeError(`${at}.year must be an integer`);
  if (!isStrings(externalIds)) throw new FakeError(`${at}.externalIds must be an array of strings`);
  if (alsoMatches !== undefined && !isStrings(alsoMatches)) throw new FakeError(`${at}.alsoMatches must be an array of strings`);
  if (omitRatingKey !== undefined && typeof omitRatingKey !== 'boolean') throw new FakeError(`${at}.omitRatingKey must be a boolean`);
  return {
    ratingKey,
    guid: guid ?? `plex://${type}/${ratingKey}`,
    type: type as TitleType,
    title,
    year,
    externalIds: [...externalIds],
    ...(alsoMatches && { alsoMatches: [...alsoMatches] }),
    ...(omitRatingKey !== undefined && { omitRatingKey }),
    ...(episodes !== undefined && { episodes: parseEpisodes(episodes, at) }),
  };
}

export function parseCatalog(input: unknown): Title[] {
  if (!Array.isArray(input)) throw new FakeError('titles must be an array');
  const titles = input.map(parseTitle);
  const keys = new Set<string>();
  for (const { ratingKey } of titles) {
    if (keys.has(ratingKey)) throw new FakeError(`ratingKey ${ratingKey} appears twice`);
    keys.add(ratingKey);
  }
  return titles;
}

/** The metadata provider's titles. */
export class Catalog {
  private titles: Title[] = DEFAULT_CATALOG.map(copy);

  set(titles: Title[]): void {
    this.titles = titles.map(copy);
  }

  list(): Title[] {
    return this.titles.map(copy);
  }

  byRatingKey(ratingKey: string): Title | undefined {
    return this.titles.find((t) => t.ratingKey === ratingKey);
  }

  /** Titles known by this external id (or by their own plex:// guid), of the given type when one is given. */
  match(guid: string, type: TitleType | undefined): Title[] {
    return this.titles.filter(
      (t) =>
        (type === undefined || t.type === type) &&
        (t.guid === guid || t.externalIds.includes(guid) || (t.alsoMatches ?? []).includes(guid)),
    );
  }

  reset(): void {
    this.titles = DEFAULT_CATALOG.map(copy);
  }
}
