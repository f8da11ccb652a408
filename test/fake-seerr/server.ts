import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeHttpServer, listenLocal } from '../fake-plex/listen';

/**
 * A fake Seerr (seerr-team/seerr; Overseerr and Jellyseerr answer the same) on 127.0.0.1, shaped
 * from its source: server/routes/auth.ts, movie.ts, tv.ts, request.ts, server/middleware/auth.ts,
 * server/entity/MediaRequest.ts and the error handler in server/index.ts. It signs people in with
 * a Plex token by asking the fake plex.tv who the token belongs to, as Seerr asks plex.tv.
 */

/** server/constants/media.ts MediaStatus */
export const MEDIA_STATUS = { unknown: 1, pending: 2, processing: 3, partial: 4, available: 5, blocklisted: 6, deleted: 7 } as const;

export interface SeerrLogEntry {
  method: string;
  path: string;
  /** Whether the session cookie came with the request. */
  cookie: boolean;
  apiKey: boolean;
  body?: unknown;
}

interface Media {
  status: number;
  seasons: { seasonNumber: number; status: number }[];
}

export interface FakeSeerr {
  /** http://127.0.0.1:<port> */
  url: string;
  log(): SeerrLogEntry[];
  /** Plex account ids Seerr turns away at sign-in ("Access denied."). */
  deny(plexAccountId: number): void;
  /** Signed in, but without the right to request (RequestPermissionError). */
  withoutRequestRight(plexAccountId: number): void;
  quotaReached(kind: 'movie' | 'tv'): void;
  /** settings.main.mediaServerLogin off: Plex sign-in refused. */
  disablePlexLogin(apiKey: string): void;
  setMedia(kind: 'movie' | 'tv', tmdbId: number, status: number, seasons?: Media['seasons']): void;
  /** Forgets every session, as a restarted instance or an expired cookie does. */
  expireSessions(): void;
  /** Stops answering (connections refused) until started again: close() then a new fake on the same port. */
  close(): Promise<void>;
}

/** TMDb's seasons of the fake's shows (`mapTvDetails` passes them on); any other show has one season. */
const TV_SEASONS: Record<number, number[]> = { 1396: [0, 1, 2, 3, 4, 5] };

export async function startFakeSeerr(options: { plexUrl: string; port?: number }): Promise<FakeSeerr> {
  const entries: SeerrLogEntry[] = [];
  const sessions = new Map<string, { plexId: number; name: string }>();
  const denied = new Set<number>();
  const noRequests = new Set<number>();
  const quota = new Set<string>();
  const media = new Map<string, Media>();
  let plexLogin: { off: boolean; apiKey?: string } = { off: false };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  };
  // server/index.ts: next({ status, message }) becomes { message, errors }.
  const fail = (res: ServerResponse, status: number, message: string): void => send(res, status, { message });

  async function readBody(req: IncomingMessage): Promise<unknown> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return undefined;
    }
  }

  function sessionOf(req: IncomingMessage) {
    const sid = /(?:^|;\s*)connect\.sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    return sid ? sessions.get(sid) : undefined;
  }

  /** Who the request is: the API key acts as the first admin (server/middleware/auth.ts checkUser). */
  function userOf(req: IncomingMessage): { plexId: number; name: string; admin?: boolean } | undefined {
    if (plexLogin.apiKey && req.headers['x-api-key'] === plexLogin.apiKey) return { plexId: 0, name: 'Admin', admin: true };
    return sessionOf(req);
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readBody(req)) as { authToken?: unknown } | undefined;
    if (typeof body?.authToken !== 'string' || !body.authToken) return fail(res, 500, 'Authentication token required.');
    if (plexLogin.off) return send(res, 500, { error: 'Plex login is disabled' });
    // Seerr's PlexTvAPI.getUser asks plex.tv's /users/account.json; the fake plex.tv has the v2 user, the same account.
    const answer = await fetch(`${options.plexUrl}/api/v2/user`, {
      headers: { Accept: 'application/json', 'X-Plex-Token': body.authToken, 'X-Plex-Client-Identifier': 'fake-seerr' },
    }).catch(() => null);
    // Any failure there is the route's catch: 500 "Unable to authenticate."
    if (!answer?.ok) return fail(res, 500, 'Unable to authenticate.');
    const account = (await answer.json()) as { id: number; username: string; friendlyName?: string; email: string };
    // Not the owner and not on the owner's shared list (checkUserAccess), or not imported.
    if (denied.has(account.id)) return fail(res, 403, 'Access denied.');
    const sid = `s%3A${randomBytes(18).toString('base64url')}`;
    const name = account.friendlyName ?? account.username;
    sessions.set(sid, { plexId: account.id, name });
    // express-session's cookie: httpOnly, SameSite lax (strict with CSRF protection on), secure 'auto' (not on plain HTTP).
    send(
      res,
      200,
      {
        id: 2,
        email: account.email,
        plexUsername: account.username,
        username: null,
        displayName: name,
        userType: 1,
        permissions: 32,
        avatar: '',
      },
      { 'set-cookie': `connect.sid=${sid}; Path=/; Expires=${new Date(Date.now() + 30 * 864e5).toUTCString()}; HttpOnly; SameSite=Lax` },
    );
  }

  function details(kind: 'movie' | 'tv', tmdbId: number): Record<string, unknown> {
    const info = media.get(`${kind}:${tmdbId}`);
    // Fields a real answer has that the extension does not read stay in, so the parser meets them.
    const mediaInfo = info && { id: 7, tmdbId, mediaType: kind, status: info.status, status4k: 1, requests: [], seasons: info.seasons };
    if (kind === 'movie') return { id: tmdbId, title: `Movie ${tmdbId}`, adult: false, genres: [], ...(mediaInfo && { mediaInfo }) };
    const seasons = (TV_SEASONS[tmdbId] ?? [1]).map((n) => ({ id: 100 + n, seasonNumber: n, episodeCount: 8, name: `Season ${n}` }));
    return { id: tmdbId, name: `Show ${tmdbId}`, numberOfSeasons: seasons.length, seasons, ...(mediaInfo && { mediaInfo }) };
  }

  async function request(
    req: IncomingMessage,
    res: ServerResponse,
    user: { plexId: number; admin?: boolean },
    entry: SeerrLogEntry,
  ): Promise<void> {
    const body = (await readBody(req)) as { mediaType?: string; mediaId?: number; seasons?: number[] | 'all' } | undefined;
    entry.body = body;
    const kind = body?.mediaType;
    if ((kind !== 'movie' && kind !== 'tv') || typeof body?.mediaId !== 'number')
      return fail(res, 400, 'request.body should have required property');
    if (!user.admin && noRequests.has(user.plexId)) {
      return fail(res, 403, `You do not have permission to make ${kind === 'movie' ? 'movie' : 'series'} requests.`);
    }
    if (quota.has(kind)) return fail(res, 403, kind === 'movie' ? 'Movie Quota exceeded.' : 'Series Quota exceeded.');
    const key = `${kind}:${body.mediaId}`;
    const known = media.get(key);
    if (known && known.status !== MEDIA_STATUS.unknown && known.status !== MEDIA_STATUS.deleted && kind === 'movie') {
      return fail(res, 409, 'Request for this media already exists.');
    }
    const asked =
      kind === 'tv'
        ? body.seasons === 'all' || !body.seasons
          ? (TV_SEASONS[body.mediaId] ?? [1]).filter((n) => n > 0)
          : body.seasons
        : [];
    const seasons = asked.map((seasonNumber) => ({ seasonNumber, status: MEDIA_STATUS.pending }));
    media.set(key, { status: MEDIA_STATUS.pending, seasons });
    // MediaRequestStatus.PENDING: waits for approval (no auto-approve permission).
    send(res, 201, {
      id: entries.length,
      status: 1,
      type: kind,
      is4k: false,
      media: { tmdbId: body.mediaId, status: MEDIA_STATUS.pending },
      seasons,
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const entry: SeerrLogEntry = {
      method,
      path: url.pathname,
      cookie: sessionOf(req) !== undefined,
      apiKey: req.headers['x-api-key'] !== undefined,
    };
    entries.push(entry);
    if (method === 'POST' && url.pathname === '/api/v1/auth/plex') return signIn(req, res);
    if (method === 'POST' && url.pathname === '/api/v1/auth/logout') {
      const sid = /(?:^|;\s*)connect\.sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (sid) sessions.delete(sid);
      return send(res, 200, { status: 'ok' });
    }
    const user = userOf(req);
    // isAuthenticated(): every other route below needs a user.
    if (!user) return send(res, 403, { status: 403, error: 'You do not have permission to access this endpoint' });
    if (method === 'GET' && url.pathname === '/api/v1/auth/me') return send(res, 200, { id: 2, displayName: user.name, permissions: 32 });
    const title = /^\/api\/v1\/(movie|tv)\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && title) return send(res, 200, details(title[1] as 'movie' | 'tv', Number(title[2])));
    if (method === 'POST' && url.pathname === '/api/v1/request') return request(req, res, user, entry);
    fail(res, 404, 'Not found');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('fake Seerr crashed on', req.method, req.url, error);
      if (!res.headersSent) fail(res, 500, `fake Seerr crashed: ${String(error)}`);
    });
  });
  const port = await listenLocal(server, options.port);
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => entries.map((e) => ({ ...e })),
    deny: (id) => void denied.add(id),
    withoutRequestRight: (id) => void noRequests.add(id),
    quotaReached: (kind) => void quota.add(kind),
    disablePlexLogin: (apiKey) => (plexLogin = { off: true, apiKey }),
    setMedia: (kind, tmdbId, status, seasons = []) => void media.set(`${kind}:${tmdbId}`, { status, seasons }),
    expireSessions: () => sessions.clear(),
    close: () => closeHttpServer(server),
  };
}
