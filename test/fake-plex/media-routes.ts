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

/** `/library/all` with python-plexapi's `Library.search` filters; without `type`, movies and shows only. */
function libraryAll(req: IncomingMessage, res: ServerResponse, url: URL, spec: ServerSpec, format: Format): void {
  const guid = url.searchParams.get('guid');
  const type = url.searchParams.get('type');
  // A string filter's `=` is "contains", case-insensitive (python-plexapi `LibrarySection.search` docs).
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

/** Shaped as LukeHagar/plex-api-spec's `GetAllLibrariesDirectory`, as published in @lukehagar/plexjs. */
function librarySections(res: ServerResponse, spec: ServerSpec, format: Format): void {
  const Directory = spec.sections.map((section) => ({
    allowSync: true,
    art: `/:/resources/${section.type}-fanart.jpg`,
    composite: `/library/sections/${section.id}/composite/${section.updatedAt}`,
    filters: true,
    refreshing: false,
    thumb: `/:/resources/${section.type}.png`,
    key: String(section.id),
    type: section.type,
    title: section.title,
    agent: section.type === 'movie' ? 'tv.plex.agents.movie' : 'tv.plex.agents.series',
    scanner: section.type === 'movie' ? 'Plex Movie' : 'Plex TV Series',
    language: 'en-US',
    uuid: section.uuid,
    updatedAt: section.updatedAt,
    createdAt: section.createdAt,
    scannedAt: section.updatedAt,
    content: true,
    directory: true,
    contentChangedAt: section.contentChangedAt,
    hidden: 0,
    Location: [{ id: section.id, path: `/data/${section.title}` }],
  }));
  sendContainer(res, format, 200, { size: Directory.length, allowSync: false, title1: 'Plex Library', Directory });
}

/** What a listing adds to an entry: its dates, and the bulk a real listing carries (summary, media) so pages weigh what Plex's do. */
function listed(
  entry: Record<string, unknown>,
  item: { addedAt: number; updatedAt: number; ratingKey: string },
  kind: string,
): Record<string, unknown> {
  const media =
    kind === 'movie' || kind === 'episode'
      ? {
          duration: 6_000_000,
          Media: [
            {
              id: Number(item.ratingKey),
              duration: 6_000_000,
              bitrate: 8000,
              width: 1920,
              height: 1080,
              videoCodec: 'h264',
              audioCodec: 'aac',
              container: 'mkv',
              videoResolution: '1080',
              Part: [
                { id: Number(item.ratingKey), key: `/library/parts/${item.ratingKey}/file.mkv`, size: 4_000_000_000, container: 'mkv' },
              ],
            },
          ],
        }
      : {};
  return {
    ...entry,
    summary: 'A generated summary of about the length Plex keeps for a title, so that each page of a listing is as heavy as a real one.',
    addedAt: item.addedAt,
    updatedAt: item.updatedAt,
    ...media,
  };
}

/** An `>>=` (after) filter of a listing, e.g. `updatedAt>>=1700000000`: Plex's URL syntax puts the operator before the `=`. */
function after(url: URL, field: string): number | undefined {
  const value = url.searchParams.get(`${field}>>`);
  return value !== null && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

function sectionAll(req: IncomingMessage, res: ServerResponse, url: URL, spec: ServerSpec, format: Format, id: number): void {
  const section = spec.sections.find((s) => s.id === id);
  if (!section) return htmlError(res, 404, 'Not Found');
  const type = url.searchParams.get('type');
  const kind = type === null ? section.type : SERVER_TYPE_NUMBERS[type];
  // The filters of python-plexapi's partial scans.
  const updated = after(url, 'updatedAt');
  const added = after(url, 'addedAt');
  const keep = (item: { addedAt: number; updatedAt: number }) =>
    (updated === undefined || item.updatedAt > updated) && (added === undefined || item.addedAt > added);
  const items = spec.library.filter((item) => item.sectionId === id);
  // Filtered first and drawn only for the page asked, so a 10,000-title library answers each page quickly.
  let found: (() => Record<string, unknown>)[] = [];
  if (kind === section.type) found = items.filter(keep).map((item) => () => listed(metadata(item, url), item, item.type));
  else if (kind === 'season') {
    // A season carries its show's dates here; the index never asks for seasons on their own.
    found = items.flatMap((show) =>
      show.seasons
        .map((season) => ({ ...season, addedAt: show.addedAt, updatedAt: show.updatedAt }))
        .filter(keep)
        .map((season) => () => listed(seasonEntry(show, season, url), season, 'season')),
    );
  } else if (kind === 'episode') {
    // What Seerr's `getRecentlyAdded` asks a show library for (`type=4`).
    found = items.flatMap((show) =>
      show.seasons.flatMap((season) =>
        season.episodes.filter(keep).map((episode) => () => listed(episodeEntry(show, season, episode, url), episode, 'episode')),
      ),
    );
  }
  const container = {
    allowSync: true,
    librarySectionID: id,
    librarySectionTitle: section.title,
    librarySectionUUID: section.uuid,
    title1: section.title,
  };
  const start = containerParam(req, url, 'X-Plex-Container-Start') ?? 0;
  const size = containerParam(req, url, 'X-Plex-Container-Size');
  const shown = found.slice(start, size === undefined ? undefined : start + size).map((draw) => draw());
  // As page() answers: totalSize and offset, and no Metadata at all for an empty page.
  sendContainer(res, format, 200, {
    ...container,
    size: shown.length,
    totalSize: found.length,
    offset: start,
    ...(shown.length > 0 && { Metadata: shown }),
  });
}

const SECTION_ALL_PATH = /^\/library\/sections\/(\d+)\/all$/;
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

/** `identity` is another server's for a 'wrong-identity' connection, which then rejects the token as that other server would. */
export function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL, spec: ServerSpec, identity: string): void {
  const format = formatFor(req);
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/identity') {
    return sendContainer(res, format, 200, { size: 0, claimed: true, machineIdentifier: identity, version: PMS_VERSION });
  }
  if (identity !== spec.machineIdentifier || !acceptsToken(spec, token(req, url))) return htmlError(res, 401, 'Unauthorized');
  if (method === 'GET' && url.pathname === '/library/all') return libraryAll(req, res, url, spec, format);
  if (method === 'GET' && url.pathname === '/library/sections') return librarySections(res, spec, format);
  const sectionPath = SECTION_ALL_PATH.exec(url.pathname);
  if (method === 'GET' && sectionPath) return sectionAll(req, res, url, spec, format, Number(sectionPath[1]));
  const metadataPath = METADATA_PATH.exec(url.pathname);
  if (method === 'GET' && metadataPath) return libraryMetadata(req, res, url, spec, format, metadataPath);
  htmlError(res, 404, 'Not Found');
}
