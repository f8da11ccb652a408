import type { ReportedFailure, ServerFailure } from '../failures';
import type { TitleKind } from '../plex/titles';

/** What a page learns: no token, no server address; types only, so content scripts need not bundle a schema library. */
export interface Placement {
  server: string;
  library: string;
  /** Plex Web's page of the item on that server. */
  href: string;
}

export interface ServerProblem {
  server: string;
  problem: ServerFailure;
}

/** `showOn` is where the show is, for "the show is on Plex, this episode is not"; the numbers are the server's where the page gave none. */
export interface ShowPart {
  kind: 'season' | 'episode';
  season?: number;
  episode?: number;
  showOn: Placement[];
}

export type Lookup =
  | { state: 'signed-out' }
  /** A newer lookup from the same tab took this one's place before it reached Plex. */
  | { state: 'superseded' }
  /** Plex's catalogue has no such title, so it can be neither on a server nor on the watchlist. */
  | { state: 'unknown' }
  | { state: 'failed'; reason: ReportedFailure }
  | {
      state: 'found';
      /** `tmdbId`: the catalogue's TMDb id for the title (the show, on its parts' pages), which Seerr asks for. */
      title: { ratingKey: string; name: string; year?: number; kind: TitleKind; tmdbId?: string };
      on: Placement[];
      problems: ServerProblem[];
      /** How many servers answered (found it or not); the rest are in `problems`. */
      answered: number;
      /** null when Plex could not say just now. */
      watchlisted: boolean | null;
      /** Set on season and episode pages; the title is then the show. */
      part?: ShowPart;
    };

export type WatchlistReply = { ok: true; watchlisted: boolean } | { ok: false; reason: ReportedFailure };
