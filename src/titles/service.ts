import type { PlexUrls } from '../config';
import { failureKind, type PlexContext, type PlexError } from '../plex/http';
import { findOnServer, matchTitle, plexWebUrl, type PlexTitle, type TitleKind } from '../plex/titles';
import { isWatchlisted, setWatchlisted } from '../plex/watchlist';
import type { ServerService } from '../servers/service';
import type { ServerEntry } from '../servers/state';
import { readToken } from '../storage';
import { cachedLookup, cacheLookup, clearLookups, updateWatchlisted } from './cache';
import { externalGuid, titleKey, type TitleRef } from './ids';
import type { Lookup, Placement, ServerProblem, WatchlistReply } from './lookup';

export interface TitleDeps {
  urls: PlexUrls;
  plex(): Promise<PlexContext>;
  now(): number;
  servers: ServerService;
  /** A Plex service refused the account token: let the sign-in confirm it and end the session. */
  onUnauthorized(): Promise<void>;
}

/** A complete answer is reused for a few minutes; one with a gap (a server down) is asked again sooner. */
export const COMPLETE_TTL_MS = 5 * 60 * 1000;
export const PARTIAL_TTL_MS = 30 * 1000;

type ServerOutcome = { placements: Placement[] } | { problem: ServerProblem };

/** Looks titles up in Plex's catalogue and on the account's servers, and changes the watchlist. */
export function createTitleService(deps: TitleDeps) {
  async function onServer(server: ServerEntry, title: PlexTitle): Promise<ServerOutcome> {
    const problem = (kind: ServerProblem['problem']): ServerOutcome => ({ problem: { server: server.name, problem: kind } });
    if (server.status === 'needs-permission') return problem('needs-permission');
    const ctx = await deps.plex();
    const answer = await deps.servers.query(server, (uri, token) => findOnServer(ctx, uri, token, title.guid));
    if (answer.kind !== 'answered') return problem(answer.kind);
    if (!answer.result.ok) return problem(answer.result.error.kind === 'unauthorized' ? 'no-access' : 'error');
    return {
      placements: answer.result.value.map((item) => ({
        server: server.name,
        library: item.library,
        href: plexWebUrl(deps.urls.app, server.machineId, item.ratingKey),
      })),
    };
  }

  async function match(ctx: PlexContext, token: string, ref: TitleRef): Promise<{ title: PlexTitle | null } | { error: PlexError }> {
    // IMDb's address does not say movie or show: try the page's hint first, then the other kind.
    const kinds: TitleKind[] = ref.source === 'tmdb' ? [ref.kind] : ref.kind === 'show' ? ['show', 'movie'] : ['movie', 'show'];
    for (const kind of kinds) {
      const result = await matchTitle(ctx, deps.urls.metadata, token, externalGuid(ref), kind);
      if (!result.ok) return { error: result.error };
      if (result.value) return { title: result.value };
    }
    return { title: null };
  }

  async function fresh(ref: TitleRef, token: string): Promise<{ lookup: Lookup; ttlMs: number }> {
    const ctx = await deps.plex();
    const matched = await match(ctx, token, ref);
    if ('error' in matched) {
      if (matched.error.kind === 'unauthorized') await deps.onUnauthorized();
      return { lookup: { state: 'failed', reason: failureKind(matched.error) }, ttlMs: 0 };
    }
    const title = matched.title;
    if (!title) return { lookup: { state: 'unknown' }, ttlMs: COMPLETE_TTL_MS };

    const [outcomes, watchlist] = await Promise.all([
      deps.servers.current().then((servers) => Promise.all(servers.map((server) => onServer(server, title)))),
      isWatchlisted(ctx, deps.urls.metadata, token, title.ratingKey),
    ]);
    const on = outcomes.flatMap((outcome) => ('placements' in outcome ? outcome.placements : []));
    const problems = outcomes.flatMap((outcome) => ('problem' in outcome ? [outcome.problem] : []));
    const watchlisted = watchlist.ok ? watchlist.value : null;
    const complete = problems.length === 0 && watchlisted !== null;
    return {
      lookup: {
        state: 'found',
        title: { ratingKey: title.ratingKey, name: title.name, kind: title.kind, ...(title.year ? { year: title.year } : {}) },
        on,
        problems,
        answered: outcomes.length - problems.length,
        watchlisted,
      },
      ttlMs: complete ? COMPLETE_TTL_MS : PARTIAL_TTL_MS,
    };
  }

  async function lookup(ref: TitleRef): Promise<Lookup> {
    const token = await readToken();
    if (!token) return { state: 'signed-out' };
    const key = titleKey(ref);
    const cached = await cachedLookup(key, deps.now());
    if (cached) return cached;
    const answer = await fresh(ref, token);
    // Signed out while the requests were out: the answer belongs to no one.
    if ((await readToken()) !== token) return { state: 'signed-out' };
    if (answer.ttlMs > 0) await cacheLookup(key, answer.lookup, deps.now(), answer.ttlMs);
    return answer.lookup;
  }

  async function setWatchlist(ratingKey: string, on: boolean): Promise<WatchlistReply> {
    const token = await readToken();
    if (!token) return { ok: false, reason: 'unauthorized' };
    const result = await setWatchlisted(await deps.plex(), deps.urls.discover, token, ratingKey, on);
    if (!result.ok) {
      if (result.error.kind === 'unauthorized') await deps.onUnauthorized();
      return { ok: false, reason: failureKind(result.error) };
    }
    await updateWatchlisted(ratingKey, on);
    return { ok: true, watchlisted: on };
  }

  return { lookup, setWatchlist, clear: clearLookups };
}

export type TitleService = ReturnType<typeof createTitleService>;
