import { MetadataList, type Metadata } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';
import { externalIdOf, type LibraryItem } from './titles';

/** Which part of a show a page is about: the numbers it gave, and for an IMDb episode its own id. */
export interface PartWanted {
  kind: 'season' | 'episode';
  season?: number;
  episode?: number;
  /** `imdb://tt…` of an IMDb episode page. */
  episodeId?: string;
}

export interface PartFound {
  item: LibraryItem;
  season?: number;
  episode?: number;
}

// Long-running shows have hundreds of episodes; one page of this size covers nearly all of them.
const LEAVES_PAGE = { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '2000' };

async function list(ctx: PlexContext, uri: string, serverToken: string | undefined, path: string, query: Record<string, string>, headers: Record<string, string>) {
  return plexRequest(ctx, { base: uri, path, query, token: serverToken, headers, schema: MetadataList });
}

function found(item: Metadata, library: string): PartFound | null {
  if (!item.ratingKey) return null;
  const numbers = item.type === 'season' ? { season: item.index } : { season: item.parentIndex, episode: item.index };
  return {
    item: { ratingKey: item.ratingKey, library },
    ...(typeof numbers.season === 'number' ? { season: numbers.season } : {}),
    ...(typeof numbers.episode === 'number' ? { episode: numbers.episode } : {}),
  };
}

/**
 * The season or episode of a show a server has (the show being `show` on that server), or null.
 * A season is one of the show's children (`/library/metadata/{show}/children`, by `index`); an
 * episode is one of the show's leaves (`/allLeaves`, one request whatever the season), found by
 * the page's IMDb id among its `Guid` children, else by `parentIndex` and `index`.
 */
export async function findPart(
  ctx: PlexContext,
  uri: string,
  serverToken: string | undefined,
  show: LibraryItem,
  wanted: PartWanted,
): Promise<Result<PartFound | null>> {
  const base = `/library/metadata/${encodeURIComponent(show.ratingKey)}`;
  if (wanted.kind === 'season') {
    const seasons = await list(ctx, uri, serverToken, `${base}/children`, {}, LEAVES_PAGE);
    if (!seasons.ok) return seasons;
    const season = (seasons.value.MediaContainer.Metadata ?? []).find((item) => item.type === 'season' && item.index === wanted.season);
    return { ok: true, value: season ? found(season, show.library) : null };
  }
  const leaves = await list(ctx, uri, serverToken, `${base}/allLeaves`, { includeGuids: '1' }, LEAVES_PAGE);
  if (!leaves.ok) return leaves;
  const episodes = (leaves.value.MediaContainer.Metadata ?? []).filter((item) => item.type === 'episode');
  const byId = wanted.episodeId
    ? episodes.find((item) => (item.Guid ?? []).some((g) => externalIdOf(g.id) === wanted.episodeId))
    : undefined;
  const byNumbers =
    wanted.season !== undefined && wanted.episode !== undefined
      ? episodes.find((item) => item.parentIndex === wanted.season && item.index === wanted.episode)
      : undefined;
  const episode = byId ?? byNumbers;
  return { ok: true, value: episode ? found(episode, show.library) : null };
}
