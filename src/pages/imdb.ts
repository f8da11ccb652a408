import type { TitleRef } from '../titles/ids';

/*
 * What an IMDb title page says about itself, beyond its address. Each structure was seen in other
 * people's code that reads IMDb pages:
 * - `meta[property="og:type"]` = video.movie / video.tv_show / video.episode: userscripts that tell
 *   movies from shows by it (e.g. a "Plex/Stremio" userscript on GitHub checking `video.movie`).
 * - `script[type="application/ld+json"]` with `@type` Movie / TVSeries / TVEpisode, its `url`, and on
 *   episodes `partOfSeries.url`, `partOfSeason.seasonNumber`, `episodeNumber`: sandro-sikic's IMDb
 *   userscript (`getIMDbData`) and an "imdb-play" extension's `getPageMetadata`.
 * - `a[data-testid="hero-title-block__series-link"]` (the series above an episode's title) and
 *   `[data-testid="hero-subnav-bar-season-episode-numbers-section"]` ("S1.E3", "T1.E3" in Spanish):
 *   the same scripts and several "watch on" userscripts.
 */

const ttOf = (value: unknown): string | undefined => /\/title\/(tt\d{7,10})\b/.exec(String(value))?.[1];

interface LinkedData {
  '@type'?: unknown;
  url?: unknown;
  partOfSeries?: { url?: unknown };
}

/** The page's JSON-LD about a title; IMDb writes one such script. */
function linkedData(): LinkedData | undefined {
  try {
    return JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '') as LinkedData;
  } catch {
    // None, or broken: the address alone still names the title.
    return undefined;
  }
}

const attr = (selector: string, name = 'href') => document.querySelector(selector)?.getAttribute(name);

/**
 * Whether the page on screen is this title's. IMDb changes pages in place: the address changes
 * first, the new page's canonical link and JSON-LD once it has rendered.
 */
export const imdbShows = (id: string) => ttOf(attr('link[rel="canonical"]')) === id || ttOf(linkedData()?.url) === id;

/**
 * The title with what the page says of it: kind, and on an episode its series and numbers. Null
 * for an episode whose page names no series (an episode's own sub-pages): without the show, any
 * answer would be about the wrong thing, so no badge belongs there.
 */
export function imdbDescribe(ref: Extract<TitleRef, { source: 'imdb' }>): TitleRef | null {
  const data = linkedData();
  const og = attr('meta[property="og:type"]', 'content');
  const type = ttOf(data?.url) === ref.id ? data?.['@type'] : undefined;
  if (og === 'video.episode' || type === 'TVEpisode') {
    const series = ttOf(data?.partOfSeries?.url) ?? ttOf(attr('a[data-testid="hero-title-block__series-link"]'));
    // The numbers only where the page shows them ("S1.E3"); without them the background asks Plex.
    const shown = /(\d+)\D+(\d+)/.exec(
      document.querySelector('[data-testid="hero-subnav-bar-season-episode-numbers-section"]')?.textContent ?? '',
    );
    if (!series) return null;
    return { ...ref, kind: 'episode', series, ...(shown && { season: Number(shown[1]), episode: Number(shown[2]) }) };
  }
  const kind = og === 'video.tv_show' || type === 'TVSeries' ? 'show' : og === 'video.movie' || type === 'Movie' ? 'movie' : undefined;
  return kind ? { ...ref, kind } : ref;
}

/**
 * Where the badge goes on each kind of IMDb page, in order of preference: the title heading on a
 * title or episode page, the page heading group on sub-pages (cast, reviews, episodes, reference
 * view), any heading in the main part. None: the badge floats in a corner.
 */
export const IMDB_ANCHORS = ['h1[data-testid="hero__pageTitle"]', 'main hgroup', 'main h1', 'h1'];

/** Full-window viewers of a title's pictures and videos: a badge there would sit on the picture. */
export const isImdbViewer = (href: string) => /\/title\/tt\d+\/(?:mediaviewer|videoplayer)\b/i.test(href);
