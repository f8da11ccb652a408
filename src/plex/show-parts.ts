import { ShowItemList, type Metadata } from './schemas';
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

export interface EpisodeNumbers {
  season: number;
  episode: number;
}

/** Asks, only when needed, which numbers the catalogue gives the page's episode. */
export type NumbersLookup = () => Promise<Result<EpisodeNumbers | null>>;

export interface PartFound {
  item: LibraryItem;
  season?: number;
  episode?: number;
}

// Long-running shows have hundreds of episodes; one page of this size covers nearly all of them.
const LEAVES_PAGE = { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '2000' };

async function list(
  ctx: PlexContext,
  uri: string,
  serverToken: string | undefined,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
) {
  return plexRequest(ctx, { base: uri, path, query, token: serverToken, headers, schema: ShowItemList });
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

/** An episode is looked for in `/allLeaves`, one request whatever the season, by the page's IMDb id, else by its numbers. */
export async function findPart(
  ctx: PlexContext,
  uri: string,
  serverToken: string | undefined,
  show: LibraryItem,
  wanted: PartWanted,
  catalogueNumbers: NumbersLookup,
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
  if (byId) return { ok: true, value: found(byId, show.library) };
  let numbers = wanted.season !== undefined && wanted.episode !== undefined ? { season: wanted.season, episode: wanted.episode } : null;
  // Legacy-agent episodes carry no ids, so an IMDb page without numbers needs the catalogue's.
  if (!numbers && wanted.episodeId && !episodes.some((item) => (item.Guid ?? []).length > 0)) {
    const asked = await catalogueNumbers();
    if (!asked.ok) return asked;
    numbers = asked.value;
  }
  const byNumbers = numbers && episodes.find((item) => item.parentIndex === numbers.season && item.index === numbers.episode);
  return { ok: true, value: byNumbers ? found(byNumbers, show.library) : null };
}

// The catalogue lists a show's episodes a page at a time; five pages cover all but the longest shows.
const CATALOGUE_PAGE = 200;
const CATALOGUE_PAGES = 5;

/** Reads the show's `grandchildren?includeGuids=1` paged against `totalSize`, as mediactl/clustarr does. */
export async function catalogueEpisodeNumbers(
  ctx: PlexContext,
  metadataUrl: string,
  token: string,
  showKey: string,
  episodeId: string,
): Promise<Result<EpisodeNumbers | null>> {
  for (let page = 0; page < CATALOGUE_PAGES; page++) {
    const start = page * CATALOGUE_PAGE;
    const result = await plexRequest(ctx, {
      base: metadataUrl,
      path: `/library/metadata/${encodeURIComponent(showKey)}/grandchildren`,
      query: { includeGuids: '1' },
      token,
      headers: { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': String(CATALOGUE_PAGE) },
      schema: ShowItemList,
    });
    if (!result.ok) return result;
    const { Metadata: items = [], totalSize } = result.value.MediaContainer;
    const episode = items.find((item) => (item.Guid ?? []).some((g) => externalIdOf(g.id) === episodeId));
    if (episode && typeof episode.parentIndex === 'number' && typeof episode.index === 'number') {
      return { ok: true, value: { season: episode.parentIndex, episode: episode.index } };
    }
    if (items.length === 0 || start + items.length >= (totalSize ?? 0)) break;
  }
  return { ok: true, value: null };
}
