import { type ApiRequest, authenticate } from './api-request';
import { watchlistOwner } from './home';
import type { Title } from './catalog';
import { createHash } from 'node:crypto';
import { containerParam, type Format, metadataEntry, sendContainer, sendPlexError, TYPE_NUMBERS } from './format';

// The metadata provider's MediaContainers name their source.
const IDENTIFIER = 'tv.plex.provider.metadata';
// Clients may show it; nothing serves it (.invalid never resolves).
const THUMB = 'https://example.invalid/t.jpg';

function notFound(api: ApiRequest, format: Format): void {
  sendPlexError(api.res, format, 404, 404, 'Not found');
}

/** As recorded from the live service in mediactl/clustarr `test/data/metadata/plex/matches_movie_tmdb_105.json`. */
function metadata(title: Title, includeGuids: boolean): Record<string, unknown> {
  const { ratingKey: _, key: __, ...withoutKeys } = metadataEntry(title);
  return {
    // Those recordings lack `ratingKey` and `key`.
    ...(title.omitRatingKey ? withoutKeys : metadataEntry(title)),
    thumb: THUMB,
    // The title's external ids come only with `includeGuids=1`.
    ...(includeGuids && { Guid: title.externalIds.map((id) => ({ id })) }),
  };
}

/** `GET /library/metadata/matches?type=1|2&guid=imdb://…`: external id → Plex title. */
export function matches(api: ApiRequest, format: Format): void {
  if (!authenticate(api, format)) return;
  const guid = api.url.searchParams.get('guid');
  if (!guid) return sendPlexError(api.res, format, 400, 400, 'guid is required');
  const typeParam = api.url.searchParams.get('type');
  // No type matches either kind; a type other than 1 or 2 (3 = season, ...) matches nothing here.
  const type = typeParam === null ? undefined : TYPE_NUMBERS[typeParam];
  const found = typeParam !== null && type === undefined ? [] : api.state.catalog.match(guid, type);
  // Like a media server, the provider leaves Metadata out when nothing matches.
  const includeGuids = api.url.searchParams.get('includeGuids') === '1';
  const entries = found.map((title) => metadata(title, includeGuids));
  sendContainer(api.res, format, 200, { size: found.length, identifier: IDENTIFIER, ...(found.length > 0 && { Metadata: entries }) });
}

/** A stable 24-hex key per episode of a show, like the provider's own. */
function episodeKey(show: string, season: number, episode: number): string {
  return createHash('sha1').update(`${show}/${season}/${episode}`).digest('hex').slice(0, 24);
}

/** Paged against `totalSize`, as recorded in mediactl/clustarr `test/data/metadata/plex/grandchildren_5d9c086c7d06d9001ffd27aa_0.json`. */
export function grandchildren(api: ApiRequest, format: Format, ratingKey: string): void {
  if (!authenticate(api, format)) return;
  const show = api.state.catalog.byRatingKey(ratingKey);
  if (!show || show.type !== 'show') return notFound(api, format);
  const start = containerParam(api.req, api.url, 'X-Plex-Container-Start') ?? 0;
  // The provider's pages are short unless asked otherwise.
  const size = containerParam(api.req, api.url, 'X-Plex-Container-Size') ?? 20;
  const includeGuids = api.url.searchParams.get('includeGuids') === '1';
  const all = (show.episodes ?? []).map((e) => {
    const key = episodeKey(show.ratingKey, e.season, e.episode);
    return {
      ratingKey: key,
      key: `/library/metadata/${key}`,
      guid: `plex://episode/${key}`,
      type: 'episode',
      title: `Episode ${e.episode}`,
      index: e.episode,
      parentIndex: e.season,
      grandparentGuid: show.guid,
      grandparentTitle: show.title,
      ...(includeGuids && { Guid: (e.ids ?? []).map((id) => ({ id })) }),
    };
  });
  const shown = all.slice(start, start + size);
  sendContainer(api.res, format, 200, {
    offset: start,
    size: shown.length,
    totalSize: all.length,
    identifier: IDENTIFIER,
    ...(shown.length > 0 && { Metadata: shown }),
  });
}

/** `GET /library/metadata/<ratingKey>/userState`: watchlistedAt appears only while the title is on the watchlist. */
export function userState(api: ApiRequest, format: Format, ratingKey: string): void {
  const auth = authenticate(api, format);
  if (!auth) return;
  const title = api.state.catalog.byRatingKey(ratingKey);
  if (!title) return notFound(api, format);
  const watchlistedAt = api.state.watchlists.watchlistedAt(watchlistOwner(auth.account), ratingKey);
  const state = { ratingKey, type: title.type, viewCount: 0, ...(watchlistedAt !== undefined && { watchlistedAt }) };
  sendContainer(api.res, format, 200, { size: 1, UserState: [state] });
}

/** `PUT /actions/addToWatchlist|removeFromWatchlist?ratingKey=…` on the discover provider: 200, empty body. */
export function changeWatchlist(api: ApiRequest, format: Format, add: boolean): void {
  const auth = authenticate(api, format);
  if (!auth) return;
  const ratingKey = api.url.searchParams.get('ratingKey');
  if (!ratingKey) return sendPlexError(api.res, format, 400, 400, 'ratingKey is required');
  if (!api.state.catalog.byRatingKey(ratingKey)) return notFound(api, format);
  // Both are idempotent: adding a listed title or removing an unlisted one still answers 200.
  if (add) api.state.watchlists.add(watchlistOwner(auth.account), ratingKey);
  else api.state.watchlists.remove(watchlistOwner(auth.account), ratingKey);
  api.res.writeHead(200, { 'Content-Length': 0 });
  api.res.end();
}

/** Catalogue items, newest last, as python-plexapi's `MyPlexAccount.watchlist` and @lukehagar/plexjs's `getWatchList` read it. */
export function watchlistAll(api: ApiRequest, format: Format): void {
  const auth = authenticate(api, format);
  if (!auth) return;
  // Paged against `totalSize`; Movary's `fetchWatchlist` asks for 20 at a time.
  const start = containerParam(api.req, api.url, 'X-Plex-Container-Start') ?? 0;
  const size = containerParam(api.req, api.url, 'X-Plex-Container-Size') ?? 20;
  const all = api.state.watchlists.ratingKeys(watchlistOwner(auth.account)).flatMap((ratingKey) => {
    const title = api.state.catalog.byRatingKey(ratingKey);
    return title
      ? [
          {
            ...metadataEntry(title),
            thumb: THUMB,
            watchlistedAt: api.state.watchlists.watchlistedAt(watchlistOwner(auth.account), ratingKey),
          },
        ]
      : [];
  });
  const shown = all.slice(start, start + size);
  sendContainer(api.res, format, 200, {
    librarySectionID: 'watchlist',
    librarySectionTitle: 'Watchlist',
    identifier: 'tv.plex.provider.discover',
    offset: start,
    size: shown.length,
    totalSize: all.length,
    ...(shown.length > 0 && { Metadata: shown }),
  });
}
