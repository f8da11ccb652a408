import { MAX_SERVER_ITEMS, MetadataList, type Metadata } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';

export type TitleKind = 'movie' | 'show';

/** A title as Plex's own catalogue knows it: `guid` is `plex://movie/<hex>`, `ratingKey` the hex. */
export interface PlexTitle {
  ratingKey: string;
  guid: string;
  kind: TitleKind;
  name: string;
  year?: number;
  /** Its external ids (`imdb://tt…`, `tmdb://…`, `tvdb://…`), as the catalogue lists them. */
  ids: string[];
}

const TYPE_NUMBER: Record<TitleKind, string> = { movie: '1', show: '2' };

/** The older agents' schemes, and what the catalogue calls the same ids. */
const LEGACY_AGENTS: Record<string, string> = {
  'com.plexapp.agents.imdb': 'imdb',
  'com.plexapp.agents.themoviedb': 'tmdb',
  'com.plexapp.agents.thetvdb': 'tvdb',
};
const SCHEMES = new Set(['imdb', 'tmdb', 'tvdb']);

/** Reads a legacy `com.plexapp.agents.imdb://tt1375666?lang=en` (or `…thetvdb://81189/2/3`, of show 81189) as the catalogue writes it. */
export function externalIdOf(guid: string): string | undefined {
  const match = /^([a-z.]+):\/\/([^/?#]+)/i.exec(guid);
  if (!match) return undefined;
  const scheme = LEGACY_AGENTS[match[1]!.toLowerCase()] ?? match[1]!.toLowerCase();
  return SCHEMES.has(scheme) ? `${scheme}://${match[2]!.toLowerCase()}` : undefined;
}

/** Every external id an item carries: its `Guid` children and its own guid when a legacy agent wrote it. */
function idsOf(item: Metadata): string[] {
  const own = externalIdOf(item.guid);
  const children = (item.Guid ?? []).map((g) => externalIdOf(g.id)).filter((id): id is string => id !== undefined);
  return own ? [own, ...children] : children;
}

/** The catalogue's key: `ratingKey`, or the last segment of `plex://movie/<hex>` where an answer leaves it out. */
function catalogueKey(item: Metadata): string | undefined {
  if (item.ratingKey) return item.ratingKey;
  // Only Plex's own guids end in the catalogue's key; another scheme's last segment is not one.
  const own = /^plex:\/\/(?:movie|show)\/([0-9A-Za-z]{1,64})$/.exec(item.guid);
  return own?.[1];
}

/** Plex's matcher may answer a near title rather than nothing, so only an answer whose own ids include the one asked for counts. */
export async function matchTitle(
  ctx: PlexContext,
  metadataUrl: string,
  token: string,
  externalGuid: string,
  kind: TitleKind,
): Promise<Result<PlexTitle | null>> {
  const result = await plexRequest(ctx, {
    base: metadataUrl,
    path: '/library/metadata/matches',
    query: { type: TYPE_NUMBER[kind], guid: externalGuid, includeGuids: '1' },
    token,
    schema: MetadataList,
  });
  if (!result.ok) return result;
  const asked = externalGuid.toLowerCase();
  for (const item of result.value.MediaContainer.Metadata ?? []) {
    const ratingKey = catalogueKey(item);
    const ids = idsOf(item);
    if (!ratingKey || !ids.includes(asked)) continue;
    return { ok: true, value: { ratingKey, guid: item.guid, kind, name: item.title, ids, ...(item.year ? { year: item.year } : {}) } };
  }
  return { ok: true, value: null };
}

export interface LibraryItem {
  /** The server's own key for the item (not the catalogue's). */
  ratingKey: string;
  library: string;
}

// Servers warn that list requests will have to give a size; a search that finds more is not a title.
const PAGE = { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': String(MAX_SERVER_ITEMS) };

async function libraryAll(
  ctx: PlexContext,
  uri: string,
  serverToken: string | undefined,
  query: Record<string, string>,
): Promise<Result<Metadata[]>> {
  const result = await plexRequest(ctx, {
    base: uri,
    path: '/library/all',
    query,
    token: serverToken,
    headers: PAGE,
    schema: MetadataList,
  });
  return result.ok ? { ok: true, value: result.value.MediaContainer.Metadata ?? [] } : result;
}

function toItems(items: Metadata[], keep: (item: Metadata) => boolean): LibraryItem[] {
  return items
    .filter((item) => item.ratingKey && keep(item))
    .map((item) => ({ ratingKey: item.ratingKey!, library: item.librarySectionTitle ?? '' }));
}

/** Legacy-agent items cannot be found by the catalogue's guid, so a miss searches as python-plexapi's `Library.search` does. */
export async function findOnServer(
  ctx: PlexContext,
  uri: string,
  serverToken: string | undefined,
  title: PlexTitle,
): Promise<Result<LibraryItem[]>> {
  const byGuid = await libraryAll(ctx, uri, serverToken, { guid: title.guid });
  if (!byGuid.ok) return byGuid;
  const found = toItems(byGuid.value, (item) => item.guid === title.guid);
  if (found.length > 0) return { ok: true, value: found };

  const carriesId = (item: Metadata) => idsOf(item).some((id) => title.ids.includes(id));
  const type = TYPE_NUMBER[title.kind];
  const searches: Record<string, string>[] = [{ title: title.name, type, includeGuids: '1' }];
  // By year too, for titles a library keeps under a name in another language.
  if (title.year) searches.push({ year: String(title.year), type, includeGuids: '1' });
  for (const query of searches) {
    const searched = await libraryAll(ctx, uri, serverToken, query);
    if (!searched.ok) return searched;
    const items = toItems(searched.value, carriesId);
    if (items.length > 0) return { ok: true, value: items };
  }
  return { ok: true, value: [] };
}

export function plexWebUrl(appUrl: string, machineId: string, ratingKey: string): string {
  const key = encodeURIComponent(`/library/metadata/${ratingKey}`);
  return `${appUrl}/desktop#!/server/${encodeURIComponent(machineId)}/details?key=${key}`;
}
