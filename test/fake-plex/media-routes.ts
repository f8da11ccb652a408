import type { IncomingMessage, ServerResponse } from 'node:http';
import { containerParam, type Format, formatFor, metadataEntry, sendContainer, sendRaw, SERVER_TYPE_NUMBERS } from './format';
import { acceptsToken, type LibraryEpisode, type LibraryItem, type LibrarySeason, type ServerSpec } from './server-spec';

export const PMS_VERSION = '1.41.0.0000';

/** A media server answers errors with a bare HTML page, not plex.tv's error envelope. */
function htmlError(res: ServerResponse, status: number, text: string): void {
  sendRaw(
    res,
    status,
    'text/html; charset=utf-8',
    `<html><head><title>${text}</title></head><body><h1>${status} ${text}</h1></body></html>`,
  );
}

function token(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-plex-token'];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('X-Plex-Token') ?? undefined;
}

/** `Guid` children, only for requests with includeGuids=1 (python-plexapi's `guids` needs it too). */
function guidChildren(guids: string[], url: URL): Record<string, unknown> {
  return url.searchParams.get('includeGuids') === '1' && guids.length > 0 ? { Guid: guids.map((id) => ({ id })) } : {};
}

function leafCount(show: LibraryItem): number {
  return show.seasons.reduce((sum, season) => sum + season.episodes.length, 0);
}

function section(item: LibraryItem): Record<string, unknown> {
  return { librarySectionTitle: item.section, librarySectionID: item.sectionId, librarySectionKey: `/library/sections/${item.sectionId}` };
}

/** Movies and shows, as in andrey-yantsen/plex-api.rs `tests/mocks/server/media/metadata_108.json` and `tv_library.json`. */
function metadata(item: LibraryItem, url: URL): Record<string, unknown> {
  const show = item.type === 'show' && {
    key: `/library/metadata/${item.ratingKey}/children`,
    leafCount: leafCount(item),
    childCount: item.seasons.length,
  };
  return { ...metadataEntry(item), ...show, ...section(item), ...guidChildren(item.guids, url) };
}

/** A season as a show's children list it (plex-api.rs `tv_seasons.json`): no library fields on the item. */
function seasonEntry(show: LibraryItem, season: LibrarySeason, url: URL): Record<string, unknown> {
  return {
    ...metadataEntry({ ...season, type: 'season' }),
    key: `/library/metadata/${season.ratingKey}/children`,
    parentRatingKey: show.ratingKey,
    parentGuid: show.guid,
    parentKey: `/library/metadata/${show.ratingKey}`,
    parentTitle: show.title,
    index: season.index,
    parentIndex: 1,
    leafCount: season.episodes.length,
    ...guidChildren(season.guids, url),
  };
}

/** An episode as a season's children or a show's allLeaves list it (plex-api.rs `tv_episodes.json`). */
function episodeEntry(show: LibraryItem, season: LibrarySeason, episode: LibraryEpisode, url: URL): Record<string, unknown> {
  return {
    ...metadataEntry({ ...episode, type: 'episode' }),
    parentRatingKey: season.ratingKey,
    grandparentRatingKey: show.ratingKey,
    parentGuid: season.guid,
    grandparentGuid: show.guid,
    parentKey: `/library/metadata/${season.ratingKey}`,
    grandparentKey: `/library/metadata/${show.ratingKey}`,
    parentTitle: season.title,
    grandparentTitle: show.title,
    index: episode.index,
    parentIndex: season.index,
    ...guidChildren(episode.guids, url),
  };
}

/** Every entry of the library with what a route needs to show it, at any depth. */
interface Entry {
  type: string;
  guid: string;
  title: string;
  year: number | undefined;
  ratingKey: string;
  render(url: URL): Record<string, unknown>;
  /** `/children` of this entry; undefined for an episode or a movie. */
  children?(url: URL): Record<string, unknown>[];
  leaves?(url: URL): Record<string, unknown>[];
  container: Record<string, unknown>;
}

function entries(spec: ServerSpec): Entry[] {
  const all: Entry[] = [];
  for (const item of spec.library) {
    const episodesOf = (season: LibrarySeason, url: URL) => season.episodes.map((e) => episodeEntry(item, season, e, url));
    all.push({
      ...item,
      render: (url) => metadata(item, url),
      ...(item.type === 'show' && {
        children: (url: URL) => item.seasons.map((season) => seasonEntry(item, season, url)),
        leaves: (url: URL) => item.seasons.flatMap((season) => episodesOf(season, url)),
      }),
      container: { ...section(item), key: item.ratingKey, title2: item.title },
    });
    for (const season of item.seasons) {
      all.push({
        ...season,
        type: 'season',
        year: undefined,
        render: (url) => ({ ...seasonEntry(item, season, url), ...section(item) }),
        children: (url) => episodesOf(season, url),
        leaves: (url) => episodesOf(season, url),
        container: {
          ...section(item),
          key: season.ratingKey,
          parentIndex: season.index,
          grandparentTitle: item.title,
          grandparentRatingKey: item.ratingKey,
        },
      });
      for (const episode of season.episodes) {
        all.push({
          ...episode,
          type: 'episode',
          year: undefined,
          render: (url) => ({ ...episodeEntry(item, season, episode, url), ...section(item) }),
          container: section(item),
        });
      }
    }
  }
  return all;
}

/** X-Plex-Container-Start/-Size, as headers or query parameters; the answer then says its offset and totalSize. */
function page(req: IncomingMessage, url: URL, items: Record<string, unknown>[]): Record<string, unknown> {
  const start = containerParam(req, url, 'X-Plex-Container-Start');
  const size = containerParam(req, url, 'X-Plex-Container-Size');
  if (start === undefined && size === undefined) return { size: items.length, ...(items.length > 0 && { Metadata: items }) };
  const shown = items.slice(start ?? 0, size === undefined ? undefined : (start ?? 0) + size);
  // Plex leaves Metadata out rather than sending an empty array: clients must cope with both.
  return { size: shown.length, totalSize: items.length, offset: start ?? 0, ...(shown.length > 0 && { Metadata: shown }) };
}

/**
 * `/library/all` with python-plexapi's `Library.search` filters: `guid` (exact), `type`
 * (1 movie, 2 show, 3 season, 4 episode; without it, movies and shows only), `title` (a string
 * filter's `=` is "contains", case-insensitive: python-plexapi `LibrarySection.search` docs) and
 * `year`.
 */
function libraryAll(req: IncomingMessage, res: ServerResponse, url: URL, spec: ServerSpec, format: Format): void {
  const guid = url.searchParams.get('guid');
  const type = url.searchParams.get('type');
  const title = url.searchParams.get('title')?.toLowerCase();
  const year = url.searchParams.get('year');
  const wanted = type === null ? ['movie', 'show'] : [SERVER_TYPE_NUMBERS[type]];
  const found = entries(spec).filter(
    (entry) =>
      wanted.includes(entry.type) &&
      (guid === null || entry.guid === guid) &&
      (title === undefined || entry.title.toLowerCase().includes(title)) &&
      (year === null || String(entry.year) === year),
  );
  sendContainer(
    res,
    format,
    200,
    page(
      req,
      url,
      found.map((entry) => entry.render(url)),
    ),
  );
}

const METADATA_PATH = /^\/library\/metadata\/(\d+)(?:\/(children|allLeaves))?$/;

/** `/library/metadata/{key}`, its `/children` (a show's seasons, a season's episodes) and `/allLeaves` (every episode). */
function libraryMetadata(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  spec: ServerSpec,
  format: Format,
  match: RegExpExecArray,
): void {
  const entry = entries(spec).find((e) => e.ratingKey === match[1]);
  if (!entry) return htmlError(res, 404, 'Not Found');
  const list = match[2] === 'children' ? entry.children : match[2] === 'allLeaves' ? entry.leaves : undefined;
  if (!match[2]) return sendContainer(res, format, 200, { size: 1, ...entry.container, Metadata: [entry.render(url)] });
  sendContainer(res, format, 200, { ...entry.container, ...page(req, url, list ? list(url) : []) });
}

/**
 * The media-server routes of one listener. `identity` is the machineIdentifier /identity names:
 * the server's own, or another's for a 'wrong-identity' connection, which then rejects the token
 * because it is a different server.
 */
export function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL, spec: ServerSpec, identity: string): void {
  const format = formatFor(req);
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/identity') {
    return sendContainer(res, format, 200, { size: 0, claimed: true, machineIdentifier: identity, version: PMS_VERSION });
  }
  if (identity !== spec.machineIdentifier || !acceptsToken(spec, token(req, url))) return htmlError(res, 401, 'Unauthorized');
  if (method === 'GET' && url.pathname === '/library/all') return libraryAll(req, res, url, spec, format);
  const metadataPath = METADATA_PATH.exec(url.pathname);
  if (method === 'GET' && metadataPath) return libraryMetadata(req, res, url, spec, format, metadataPath);
  htmlError(res, 404, 'Not Found');
}
