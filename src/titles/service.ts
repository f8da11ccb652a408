import type { PlexUrls } from '../config';
import { reportedFailure } from '../failures';
import type { PlexContext, PlexError, Result } from '../plex/http';
import { catalogueEpisodeNumbers, findPart, type NumbersLookup, type PartFound, type PartWanted } from '../plex/show-parts';
import { findOnServer, matchTitle, plexWebUrl, type LibraryItem, type PlexTitle, type TitleKind } from '../plex/titles';
import { isWatchlisted, setWatchlisted } from '../plex/watchlist';
import type { IndexAnswer, PartHit } from '../library/lookup';
import type { ServerService } from '../servers/service';
import { inPreferredOrder } from '../servers/order';
import type { ServerEntry } from '../servers/state';
import { readPlexToken } from '../home/token';
import { cachedLookup, cacheLookup, clearLookups, updateWatchlisted } from './cache';
import { externalGuid, titleKey, type TitleRef } from './ids';
import type { Lookup, Placement, ServerProblem, ShowPart, WatchlistReply } from './types';
import { createWatchlistList } from './watchlist-list';

export interface TitleDeps {
  urls: PlexUrls;
  plex(): Promise<PlexContext>;
  now(): number;
  servers: ServerService;
  /** The library index: where it can say where a title is, no Plex host is asked. */
  index?: { answer(ref: TitleRef, catalogueIds?: string[]): Promise<IndexAnswer | null> };
  /** A Plex service refused the account token: let the sign-in confirm it and end the session. */
  onUnauthorized(): Promise<void>;
  /** Machine ids in the person's preferred order (the options page); placements follow it. */
  serverOrder?(): Promise<string[]>;
}

/** A complete answer is reused for a few minutes; one with a gap (a server down) is asked again sooner. */
export const COMPLETE_TTL_MS = 5 * 60 * 1000;
export const PARTIAL_TTL_MS = 30 * 1000;
/** Catalogue answers kept for titles the index could not name. */
const MAX_MATCHES_KEPT = 500;
/** Copies of one show on one server whose seasons or episodes are looked through. */
export const MAX_SHOW_COPIES = 3;

type ServerOutcome =
  { placements: Placement[]; showOn: Placement[]; numbers?: { season?: number; episode?: number } } | { problem: ServerProblem };

/** The page's part of the show: its numbers (the server's where the page gave none) and where the show itself is. */
function showPart(wanted: PartWanted, answered: { showOn: Placement[]; numbers?: { season?: number; episode?: number } }[]): ShowPart {
  const known = answered.find((outcome) => outcome.numbers)?.numbers;
  const season = wanted.season ?? known?.season;
  const episode = wanted.kind === 'episode' ? (wanted.episode ?? known?.episode) : undefined;
  return {
    kind: wanted.kind,
    ...(season !== undefined && { season }),
    ...(episode !== undefined && { episode }),
    showOn: answered.flatMap((outcome) => outcome.showOn),
  };
}

/** What a page asks about, in the catalogue's terms: which id to match as which kinds, and which part of a show. */
interface Question {
  externalGuid: string;
  kinds: TitleKind[];
  part?: PartWanted;
}

function questionOf(ref: TitleRef): Question {
  if (ref.source === 'imdb' && ref.kind === 'episode' && ref.series) {
    const numbers = { ...(ref.season !== undefined && { season: ref.season }), ...(ref.episode !== undefined && { episode: ref.episode }) };
    return { externalGuid: `imdb://${ref.series}`, kinds: ['show'], part: { kind: 'episode', episodeId: externalGuid(ref), ...numbers } };
  }
  const movie = ref.kind === 'movie';
  if (!movie && ref.season !== undefined) {
    const part: PartWanted =
      ref.episode === undefined ? { kind: 'season', season: ref.season } : { kind: 'episode', season: ref.season, episode: ref.episode };
    return { externalGuid: externalGuid(ref), kinds: ['show'], part };
  }
  // IMDb's address does not say movie or show: try the page's hint first, then the other kind.
  const kinds: TitleKind[] = ref.source === 'tmdb' ? [ref.kind] : ref.kind === 'show' ? ['show', 'movie'] : ['movie', 'show'];
  return { externalGuid: externalGuid(ref), kinds };
}

/** The catalogue's key in a `plex://movie/<hex>` guid, which the index keeps for items of the Plex agents. */
const CATALOGUE_GUID = /^plex:\/\/(?:movie|show)\/([0-9a-z]{1,64})$/;
/** The TMDb id among the catalogue's ids for the title (`tmdb://603`). */
function tmdbOf(title: { ids: readonly string[] }): { tmdbId?: string } {
  const id = title.ids.find((one) => one.startsWith('tmdb://'))?.slice('tmdb://'.length);
  return id && /^\d{1,9}$/.test(id) ? { tmdbId: id } : {};
}

/** Looks titles up in Plex's catalogue and on the account's servers, and changes the watchlist. */
export function createTitleService(deps: TitleDeps) {
  const watchlist = createWatchlistList(deps);
  /** The catalogue's answers for titles the index could not name, kept while the background runs: they do not change. */
  const matched = new Map<string, PlexTitle | null>();

  async function onServer(
    server: ServerEntry,
    title: PlexTitle,
    part: PartWanted | undefined,
    numbers: NumbersLookup,
  ): Promise<ServerOutcome> {
    const problem = (kind: ServerProblem['problem']): ServerOutcome => ({ problem: { server: server.name, problem: kind } });
    if (server.status === 'needs-permission') return problem('needs-permission');
    const ctx = await deps.plex();
    const answer = await deps.servers.query(server, async (uri, token): Promise<Result<{ show: LibraryItem[]; parts: PartFound[] }>> => {
      const shows = await findOnServer(ctx, uri, token, title);
      if (!shows.ok || !part) return shows.ok ? { ok: true, value: { show: shows.value, parts: [] } } : shows;
      const parts: PartFound[] = [];
      // A server keeps a show once or twice; a shared server's owner must not make one lookup cost dozens of requests.
      for (const show of shows.value.slice(0, MAX_SHOW_COPIES)) {
        const result = await findPart(ctx, uri, token, show, part, numbers);
        if (!result.ok) return result;
        if (result.value) parts.push(result.value);
      }
      return { ok: true, value: { show: shows.value, parts } };
    });
    if (answer.kind !== 'answered') return problem(answer.kind);
    if (!answer.result.ok) return problem(answer.result.error.kind === 'unauthorized' ? 'no-access' : 'error');
    const place = (item: LibraryItem): Placement => ({
      server: server.name,
      library: item.library,
      href: plexWebUrl(deps.urls.app, server.machineId, item.ratingKey),
    });
    const { show, parts } = answer.result.value;
    const showOn = show.map(place);
    if (!part) return { placements: showOn, showOn };
    const [first] = parts;
    return {
      placements: parts.map((p) => place(p.item)),
      showOn,
      ...(first && { numbers: { season: first.season, episode: first.episode } }),
    };
  }

  async function match(ctx: PlexContext, token: string, question: Question): Promise<{ title: PlexTitle | null } | { error: PlexError }> {
    for (const kind of question.kinds) {
      const result = await matchTitle(ctx, deps.urls.metadata, token, question.externalGuid, kind);
      if (!result.ok) return { error: result.error };
      if (result.value) return { title: result.value };
    }
    return { title: null };
  }

  async function fresh(ref: TitleRef, token: string): Promise<{ lookup: Lookup; ttlMs: number }> {
    const ctx = await deps.plex();
    const question = questionOf(ref);
    const matched = await match(ctx, token, question);
    if ('error' in matched) {
      if (matched.error.kind === 'unauthorized') await deps.onUnauthorized();
      return { lookup: { state: 'failed', reason: reportedFailure(matched.error) }, ttlMs: 0 };
    }
    const title = matched.title;
    if (!title) return { lookup: { state: 'unknown' }, ttlMs: COMPLETE_TTL_MS };

    // Asked at most once per lookup, however many servers need it.
    let numbers: ReturnType<NumbersLookup> | undefined;
    const episodeId = question.part?.episodeId;
    const askCatalogue = async (id: string): ReturnType<NumbersLookup> => {
      const result = await catalogueEpisodeNumbers(ctx, deps.urls.metadata, token, title.ratingKey, id);
      // The catalogue failing is no reason to probe the server again, as a dead connection would be.
      return result.ok || !['network', 'timeout'].includes(result.error.kind)
        ? result
        : { ok: false, error: { kind: 'server', status: 502 } };
    };
    const catalogueNumbers: NumbersLookup = () =>
      (numbers ??= episodeId ? askCatalogue(episodeId) : Promise.resolve({ ok: true, value: null }));
    const [outcomes, watchlist] = await Promise.all([
      Promise.all([deps.servers.current(), deps.serverOrder?.() ?? []])
        .then(([servers, order]) => inPreferredOrder(servers, order))
        .then((servers) => Promise.all(servers.map((server) => onServer(server, title, question.part, catalogueNumbers)))),
      isWatchlisted(ctx, deps.urls.metadata, token, title.ratingKey),
    ]);
    const answered = outcomes.flatMap((outcome) => ('problem' in outcome ? [] : [outcome]));
    const problems = outcomes.flatMap((outcome) => ('problem' in outcome ? [outcome.problem] : []));
    const watchlisted = watchlist.ok ? watchlist.value : null;
    const complete = problems.length === 0 && watchlisted !== null;
    const part = question.part && showPart(question.part, answered);
    return {
      lookup: {
        state: 'found',
        title: {
          ratingKey: title.ratingKey,
          name: title.name,
          kind: title.kind,
          ...(title.year ? { year: title.year } : {}),
          ...tmdbOf(title),
        },
        on: answered.flatMap((outcome) => outcome.placements),
        problems,
        answered: answered.length,
        watchlisted,
        ...(part && { part }),
      },
      ttlMs: complete ? COMPLETE_TTL_MS : PARTIAL_TTL_MS,
    };
  }

  /** The catalogue is asked only for the key the watchlist button needs when the index has none (on no server, or legacy agent only). */
  async function fromIndex(ref: TitleRef, indexed: IndexAnswer, token: string): Promise<{ lookup: Lookup; ttlMs: number }> {
    let found = indexed;
    const [first] = found.hits;
    const guid = found.hits.flatMap((hit) => hit.title.ids).find((id) => CATALOGUE_GUID.test(id));
    let title: Extract<Lookup, { state: 'found' }>['title'];
    if (first && guid) {
      title = {
        ratingKey: CATALOGUE_GUID.exec(guid)![1]!,
        name: first.title.title,
        kind: first.title.kind,
        ...(first.title.year && { year: first.title.year }),
        ...tmdbOf({ ids: found.hits.flatMap((hit) => hit.title.ids) }),
      };
    } else {
      const key = titleKey(ref);
      if (!matched.has(key)) {
        const answer = await match(await deps.plex(), token, questionOf(ref));
        if ('error' in answer) {
          if (answer.error.kind === 'unauthorized') await deps.onUnauthorized();
          return { lookup: { state: 'failed', reason: reportedFailure(answer.error) }, ttlMs: 0 };
        }
        if (matched.size >= MAX_MATCHES_KEPT) matched.delete(matched.keys().next().value!);
        matched.set(key, answer.title);
      }
      const known = matched.get(key);
      if (!known) return { lookup: { state: 'unknown' }, ttlMs: 0 };
      const { ratingKey, name, kind, year } = known;
      // Items a server lists without their `Guid` children, or under another id, are found by the catalogue's.
      if (found.hits.length === 0) found = (await deps.index?.answer(ref, [known.guid, ...known.ids])) ?? found;
      title = { ratingKey, name, kind, ...(year && { year }), ...tmdbOf(known) };
    }
    // "Open in Plex" goes to the first server, in the order the person prefers (the options page).
    const order = (await deps.serverOrder?.()) ?? [];
    const preferred = <T extends { serverId: string }>(hits: readonly T[]): T[] =>
      inPreferredOrder(
        hits.map((hit) => ({ hit, machineId: hit.serverId })),
        order,
      ).map(({ hit }) => hit);
    const place = (hit: PartHit): Placement => ({
      server: hit.server,
      library: hit.library,
      href: plexWebUrl(deps.urls.app, hit.serverId, hit.ratingKey),
    });
    const showOn = preferred(found.hits).map((hit) => place({ ...hit, ratingKey: hit.title.ratingKey }));
    const problems = found.skipped.map((server): ServerProblem => ({
      server: server.name,
      problem: server.status === 'needs-permission' ? 'needs-permission' : 'unreachable',
    }));
    const part = found.part && {
      kind: found.part.kind,
      season: found.part.season,
      ...(found.part.episode !== undefined && { episode: found.part.episode }),
      showOn,
    };
    return {
      lookup: {
        state: 'found',
        title,
        on: found.part ? preferred(found.part.on).map(place) : showOn,
        problems,
        answered: found.answered,
        watchlisted: await watchlist.has(token, title.ratingKey),
        ...(part && { part }),
      },
      // Not cached: the index answers at once, and always as it is now.
      ttlMs: 0,
    };
  }

  async function lookup(ref: TitleRef): Promise<Lookup> {
    const token = await readPlexToken();
    if (!token) return { state: 'signed-out' };
    const key = titleKey(ref);
    const cached = await cachedLookup(key, deps.now());
    if (cached) return cached;
    const indexed = await deps.index?.answer(ref);
    const answer = indexed ? await fromIndex(ref, indexed, token) : await fresh(ref, token);
    // Signed out while the requests were out: the answer belongs to no one.
    if ((await readPlexToken()) !== token) return { state: 'signed-out' };
    if (answer.ttlMs > 0) await cacheLookup(key, answer.lookup, deps.now(), answer.ttlMs);
    return answer.lookup;
  }

  async function setWatchlist(ratingKey: string, on: boolean): Promise<WatchlistReply> {
    const token = await readPlexToken();
    if (!token) return { ok: false, reason: 'unauthorized' };
    const result = await setWatchlisted(await deps.plex(), deps.urls.discover, token, ratingKey, on);
    if (!result.ok) {
      if (result.error.kind === 'unauthorized') await deps.onUnauthorized();
      return { ok: false, reason: reportedFailure(result.error) };
    }
    await Promise.all([updateWatchlisted(ratingKey, on), watchlist.set(ratingKey, on)]);
    return { ok: true, watchlisted: on };
  }

  async function clear(): Promise<void> {
    matched.clear();
    await Promise.all([clearLookups(), watchlist.forget()]);
  }

  return { lookup, setWatchlist, clear, forgetWatchlist: watchlist.forget };
}

export type TitleService = ReturnType<typeof createTitleService>;
