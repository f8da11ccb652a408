import { createHash } from 'node:crypto';
import { FakeError, isRecord } from './errors';
import type { FakeGeneratedLibrary, FakeLibraryItem } from './types';

const MAX_MOVIES = 50_000;
const MAX_SHOWS = 5_000;

const hex24 = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 24);

/** A `seed` shifts `n`, so servers generated with seeds 0 and 1 share most titles, as a home server and a friend's often do. */
export function generatedIds(kind: 'movie' | 'show', n: number): { imdb: string; tmdb: string; tvdb: string; plex: string } {
  const base = kind === 'movie' ? 1_000_000 : 5_000_000;
  return {
    imdb: `tt${String(base + n * 7).padStart(7, '0')}`,
    tmdb: String((kind === 'movie' ? 100_000 : 200_000) + n),
    tvdb: String(300_000 + n),
    plex: `plex://${kind}/${hex24(`${kind}/${n}`)}`,
  };
}

/** Most items carry the Plex agents' `plex://` guid with `Guid` children, many a legacy agent's (python-plexapi `getGuid` docs). */
function movie(n: number, addedAt: number): FakeLibraryItem & { addedAt: number } {
  const ids = generatedIds('movie', n);
  const agent = n % 20;
  const common = { title: `Generated Movie ${n}`, year: 1950 + (n % 75), section: 'Movies', type: 'movie' as const, addedAt };
  if (agent < 14) return { ...common, guid: ids.plex, guids: [`imdb://${ids.imdb}`, `tmdb://${ids.tmdb}`] };
  // Legacy guids carry `?lang=` and no `Guid` children, as recorded in andrey-yantsen/plex-api.rs `tests/mocks/server/media/`.
  if (agent < 19) return { ...common, guid: `com.plexapp.agents.imdb://${ids.imdb}?lang=en` };
  return { ...common, guid: `com.plexapp.agents.themoviedb://${ids.tmdb}?lang=de` };
}

function show(n: number, addedAt: number): FakeLibraryItem & { addedAt: number } {
  const ids = generatedIds('show', n);
  const legacy = n % 4 === 3;
  // One to five seasons of six to thirteen episodes, and specials now and then.
  const seasonCount = 1 + (n % 5);
  const seasons = Array.from({ length: seasonCount }, (_, s) => ({
    index: s + 1,
    episodes: Array.from({ length: 6 + ((n + s) % 8) }, (__, e) => ({ index: e + 1, addedAt })),
  }));
  if (n % 10 === 0) seasons.unshift({ index: 0, episodes: [{ index: 1, addedAt }] });
  return {
    title: `Generated Show ${n}`,
    year: 1990 + (n % 35),
    section: 'TV Shows',
    type: 'show',
    addedAt,
    guid: legacy ? `com.plexapp.agents.thetvdb://${ids.tvdb}?lang=en` : ids.plex,
    guids: legacy ? [] : [`imdb://${ids.imdb}`, `tmdb://${ids.tmdb}`, `tvdb://${ids.tvdb}`],
    seasons,
  };
}

/** `generated: {movies, shows, seed}`: a library of that many titles, added an hour apart up to now. */
export function generatedItems(input: unknown, now: number): FakeLibraryItem[] {
  if (!isRecord(input)) throw new FakeError('generated must be an object');
  const spec = input as Partial<FakeGeneratedLibrary>;
  const count = (value: unknown, max: number, name: string) => {
    if (value === undefined) return 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
      throw new FakeError(`generated.${name} must be 0..${max}`);
    return value;
  };
  const movies = count(spec.movies, MAX_MOVIES, 'movies');
  const shows = count(spec.shows, MAX_SHOWS, 'shows');
  const seed = count(spec.seed, 1000, 'seed');
  const offset = seed * Math.ceil(movies * 0.4);
  const showOffset = seed * Math.ceil(shows * 0.4);
  const total = movies + shows;
  return [
    ...Array.from({ length: movies }, (_, i) => movie(offset + i, now - (total - i) * 3600)),
    ...Array.from({ length: shows }, (_, i) => show(showOffset + i, now - (shows - i) * 3600)),
  ];
}
