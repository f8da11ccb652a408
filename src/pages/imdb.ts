import type { TitleRef } from '../titles/ids';

const ttOf = (value: unknown): string | undefined => /\/title\/(tt\d{7,10})\b/.exec(String(value))?.[1];

// `@type`, `url`, `partOfSeries.url`: sandro-sikic's IMDb userscript (`getIMDbData`) and an "imdb-play" extension's `getPageMetadata`.
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

/** IMDb changes pages in place: the address changes first, the canonical link and JSON-LD once the new page has rendered. */
export const imdbShows = (id: string) => ttOf(attr('link[rel="canonical"]')) === id || ttOf(linkedData()?.url) === id;

/** Null for an episode whose page names no series (its own sub-pages): without the show any answer would be about the wrong title. */
export function imdbDescribe(ref: Extract<TitleRef, { source: 'imdb' }>): TitleRef | null {
  const data = linkedData();
  // `video.movie` / `video.tv_show` / `video.episode`, as a "Plex/Stremio" userscript on GitHub tells movies from shows.
  const og = attr('meta[property="og:type"]', 'content');
  const type = ttOf(data?.url) === ref.id ? data?.['@type'] : undefined;
  if (og === 'video.episode' || type === 'TVEpisode') {
    // The series link above an episode's title, as those scripts and several "watch on" userscripts read it.
    const series = ttOf(data?.partOfSeries?.url) ?? ttOf(attr('a[data-testid="hero-title-block__series-link"]'));
    // The numbers only where the page shows them ("S1.E3", "T1.E3" in Spanish); without them the background asks Plex.
    const shown = /(\d+)\D+(\d+)/.exec(
      document.querySelector('[data-testid="hero-subnav-bar-season-episode-numbers-section"]')?.textContent ?? '',
    );
    if (!series) return null;
    return { ...ref, kind: 'episode', series, ...(shown && { season: Number(shown[1]), episode: Number(shown[2]) }) };
  }
  const kind = og === 'video.tv_show' || type === 'TVSeries' ? 'show' : og === 'video.movie' || type === 'Movie' ? 'movie' : undefined;
  return kind ? { ...ref, kind } : ref;
}

/** Sub-pages (cast, reviews, episodes, reference view) have a heading group, not the title heading; with none the badge floats. */
export const IMDB_ANCHORS = ['h1[data-testid="hero__pageTitle"]', 'main hgroup', 'main h1', 'h1'];

/** Full-window viewers of a title's pictures and videos: a badge there would sit on the picture. */
export const isImdbViewer = (href: string) => /\/title\/tt\d+\/(?:mediaviewer|videoplayer)\b/i.test(href);
