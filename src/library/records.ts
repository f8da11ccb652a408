import type { ListedEpisode, ListedTitle, Section } from '../plex/sections';
import { externalIdOf } from '../plex/titles';

/** A season of an indexed show: its own ratingKey, and its episodes' by episode number. */
export interface IndexedSeason {
  key?: string;
  episodes: Record<string, string>;
}

/** A movie or show of a server's library, as the index keeps it. */
export interface IndexedTitle {
  ratingKey: string;
  /** The key of its library section. */
  section: string;
  kind: 'movie' | 'show';
  title: string;
  year?: number;
  /** Its external ids (`imdb://tt…`, `tmdb://…`, `tvdb://…`) and its own `plex://` guid, lower-case. */
  ids: string[];
  /** A show's seasons by number. */
  seasons?: Record<string, IndexedSeason>;
}

/** What the index remembers of a library to tell, on the next pass, whether and what changed. */
export interface IndexedSection {
  key: string;
  title: string;
  kind: 'movie' | 'show';
  uuid?: string;
  updatedAt?: number;
  contentChangedAt?: number;
  /** The newest `updatedAt`/`addedAt` (server clock, seconds) among its titles, and among its episodes. */
  titlesSeen: number;
  episodesSeen: number;
  /** How many titles and episodes the server counted in it at the last pass (its `totalSize`). */
  titleTotal: number;
  episodeTotal: number;
}

/** One server's index, stored as one record. */
export interface ServerIndex {
  serverId: string;
  server: string;
  /** Local clock: the last full read, and the last pass of any kind. */
  builtAt: number;
  refreshedAt: number;
  sections: IndexedSection[];
  titles: IndexedTitle[];
}

/** The most titles (movies and shows) kept of one server: a shared server's owner cannot fill the browser's storage. */
export const MAX_TITLES_PER_SERVER = 60_000;
export const MAX_EPISODES_PER_SERVER = 300_000;

/** Every id an item carries that a page could name: its `Guid` children, a legacy agent's id, and its `plex://` guid. */
export function idsOfListed(item: ListedTitle): string[] {
  const ids = new Set<string>();
  const guid = item.guid?.toLowerCase();
  if (guid?.startsWith('plex://')) ids.add(guid);
  const own = guid && externalIdOf(guid);
  if (own) ids.add(own);
  for (const child of item.Guid ?? []) {
    const id = externalIdOf(child.id);
    if (id) ids.add(id);
  }
  return [...ids];
}

/** The index's entry for a listed movie or show; null for anything else a section may list. */
export function toIndexedTitle(item: ListedTitle, section: string): IndexedTitle | null {
  if (item.type !== 'movie' && item.type !== 'show') return null;
  return {
    ratingKey: item.ratingKey,
    section,
    kind: item.type,
    title: item.title,
    ...(typeof item.year === 'number' && { year: item.year }),
    ids: idsOfListed(item),
  };
}

/** When a listed item last changed on the server (seconds), for the next pass's `updatedAt>>=`. */
export const changedAt = (item: { updatedAt?: number | null; addedAt?: number | null }): number =>
  Math.max(item.updatedAt ?? 0, item.addedAt ?? 0);

export function sectionOf(
  section: Section,
  seen: Pick<IndexedSection, 'titlesSeen' | 'episodesSeen' | 'titleTotal' | 'episodeTotal'>,
): IndexedSection {
  return {
    key: section.key,
    title: section.title,
    kind: section.type === 'show' ? 'show' : 'movie',
    ...(section.uuid && { uuid: section.uuid }),
    ...(typeof section.updatedAt === 'number' && { updatedAt: section.updatedAt }),
    ...(typeof section.contentChangedAt === 'number' && { contentChangedAt: section.contentChangedAt }),
    ...seen,
  };
}

/** Whether the server says nothing in the library changed since the index last read it. */
export function unchanged(known: IndexedSection | undefined, now: Section): boolean {
  if (!known || (known.uuid ?? null) !== (now.uuid ?? null)) return false;
  // Without either mark the server cannot say; the pass then asks for changed items.
  if (known.contentChangedAt === undefined && known.updatedAt === undefined) return false;
  return known.contentChangedAt === (now.contentChangedAt ?? undefined) && known.updatedAt === (now.updatedAt ?? undefined);
}

/** Titles of one section after a pass: the changed ones replace theirs (by ratingKey), new ones join. Seasons stay. */
export function mergeTitles(current: IndexedTitle[], changed: IndexedTitle[]): IndexedTitle[] {
  const byKey = new Map(current.map((title) => [title.ratingKey, title]));
  for (const title of changed) {
    const before = byKey.get(title.ratingKey);
    byKey.set(title.ratingKey, before?.seasons && title.kind === 'show' ? { ...title, seasons: before.seasons } : title);
  }
  return [...byKey.values()];
}

/** Files episodes under their shows' seasons; episodes of shows not in `shows` are dropped. Returns how many were filed. */
export function fileEpisodes(shows: IndexedTitle[], episodes: ListedEpisode[]): number {
  const byKey = new Map(shows.filter((show) => show.kind === 'show').map((show) => [show.ratingKey, show]));
  let filed = 0;
  for (const episode of episodes) {
    const show = byKey.get(episode.grandparentRatingKey);
    if (!show || typeof episode.parentIndex !== 'number' || typeof episode.index !== 'number') continue;
    show.seasons ??= {};
    const season = (show.seasons[episode.parentIndex] ??= { episodes: {} });
    if (episode.parentRatingKey) season.key = episode.parentRatingKey;
    season.episodes[episode.index] = episode.ratingKey;
    filed++;
  }
  return filed;
}

export function episodeKeys(titles: IndexedTitle[]): Set<string> {
  const keys = new Set<string>();
  for (const title of titles)
    for (const season of Object.values(title.seasons ?? {})) for (const key of Object.values(season.episodes)) keys.add(key);
  return keys;
}
