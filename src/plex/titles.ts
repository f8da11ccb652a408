import { MetadataList, type Metadata } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';

export type TitleKind = 'movie' | 'show';

/** A title as Plex's own catalogue knows it: `guid` is `plex://movie/<hex>`, `ratingKey` the hex. */
export interface PlexTitle {
  ratingKey: string;
  guid: string;
  kind: TitleKind;
  name: string;
  year?: number;
}

const TYPE_NUMBER: Record<TitleKind, string> = { movie: '1', show: '2' };

function toTitle(item: Metadata, kind: TitleKind): PlexTitle {
  return { ratingKey: item.ratingKey, guid: item.guid, kind, name: item.title, ...(item.year ? { year: item.year } : {}) };
}

/** Looks up an external id (`imdb://tt…`, `tmdb://…`) in Plex's catalogue; null when Plex has no such title. */
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
    query: { type: TYPE_NUMBER[kind], guid: externalGuid },
    token,
    schema: MetadataList,
  });
  if (!result.ok) return result;
  const first = result.value.MediaContainer.Metadata?.[0];
  return { ok: true, value: first ? toTitle(first, kind) : null };
}

export interface LibraryItem {
  /** The server's own key for the item (not the catalogue's). */
  ratingKey: string;
  library: string;
}

/** Where a server keeps the title, if it has it: one entry per library copy. */
export async function findOnServer(ctx: PlexContext, uri: string, serverToken: string | undefined, guid: string): Promise<Result<LibraryItem[]>> {
  const result = await plexRequest(ctx, {
    base: uri,
    path: '/library/all',
    query: { guid },
    token: serverToken,
    // Servers warn that list requests will have to give a size.
    headers: { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '20' },
    schema: MetadataList,
  });
  if (!result.ok) return result;
  const items = (result.value.MediaContainer.Metadata ?? [])
    .filter((item) => item.guid === guid)
    .map((item) => ({ ratingKey: item.ratingKey, library: item.librarySectionTitle ?? '' }));
  return { ok: true, value: items };
}

/** Plex Web's address of an item on a server. */
export function plexWebUrl(appUrl: string, machineId: string, ratingKey: string): string {
  const key = encodeURIComponent(`/library/metadata/${ratingKey}`);
  return `${appUrl}/desktop#!/server/${encodeURIComponent(machineId)}/details?key=${key}`;
}
