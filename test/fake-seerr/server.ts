import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeHttpServer, listenLocal } from '../fake-plex/listen';
import { SeerrError, SeerrMedia, type Kind } from './media';

export { MEDIA_STATUS, REQUEST_STATUS } from './media';

// From seerr-team/seerr's server/index.ts, seerr-api.yml, routes and middleware; it asks the fake plex.tv whose token it is, as Seerr does.

export interface SeerrLogEntry {
  method: string;
  path: string;
  /** Whether a live session's cookie came with the request. */
  cookie: boolean;
  apiKey: boolean;
  body?: unknown;
  /** The answer's status, once sent. */
  status?: number;
}

export interface FakeSeerr {
  /** http://127.0.0.1:<port> */
  url: string;
  log(): SeerrLogEntry[];
  /** Plex account ids Seerr turns away at sign-in ("Access denied."). */
  deny(plexAccountId: number): void;
  /** Signed in, but without the right to request (RequestPermissionError). */
  withoutRequestRight(plexAccountId: number): void;
  quotaReached(kind: Kind): void;
  /** settings.main.mediaServerLogin off: Plex sign-in refused. */
  disablePlexLogin(apiKey: string): void;
  /** settings.network.csrfProtection on: csurf guards every POST, sign-in included. */
  protectFromCsrf(): void;
  /** The title as a Plex scan or Sonarr sync left it, with no request. */
  setMedia(kind: Kind, tmdbId: number, status: number, seasons?: { seasonNumber: number; status: number }[]): void;
  /** Forgets every session, as a restarted instance or an expired cookie does. */
  expireSessions(): void;
  /** Holds each `POST /api/v1/request` unanswered until the returned release is called, as a slow instance does. */
  holdRequests(): () => void;
  /** Stops answering (connections refused) until started again: close() then a new fake on the same port. */
  close(): Promise<void>;
}

interface User {
  id: number;
  plexId: number;
  plexUsername: string;
  email: string;
  /** server/lib/permissions.ts: ADMIN 2, REQUEST 32 (the default for new Plex users). */
  permissions: number;
}

const ADMIN = 2;
const REQUEST = 32;

/** `User.filter()` leaves these out of the sign-in answer (server/entity/User.ts filteredFields). */
function filtered({ email: _, plexId: __, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}

export async function startFakeSeerr(options: { plexUrl: string; port?: number }): Promise<FakeSeerr> {
  const entries: SeerrLogEntry[] = [];
  const sessions = new Map<string, number>();
  // User 1 is the instance's owner, whom the API key acts as (server/middleware/auth.ts checkUser).
  const users = new Map<number, User>([[0, { id: 1, plexId: 0, plexUsername: 'Admin', email: 'admin@example.com', permissions: ADMIN }]]);
  const denied = new Set<number>();
  const noRequests = new Set<number>();
  const media = new SeerrMedia();
  let plexLogin: { off: boolean; apiKey?: string } = { off: false };
  let csrfToken: string | undefined;
  let held: Promise<void> | undefined;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  };
  // server/index.ts: next({ status, message }) becomes { message, errors } (errors undefined, so absent).
  const fail = (res: ServerResponse, status: number, message: string): void => send(res, status, { message });

  /** express.json() reads only a JSON content type; anything else leaves the body empty. */
  async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) return {};
    try {
      const body: unknown = JSON.parse(text);
      return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    } catch {
      // body-parser's 400 goes through the same handler.
      throw new SeerrError(400, 'Unexpected end of JSON input');
    }
  }

  const cookieOf = (req: IncomingMessage, name: string) => new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];

  /** The session's or the API key's user (checkUser); a wrong key is no one. */
  function userOf(req: IncomingMessage): User | undefined {
    if (plexLogin.apiKey && req.headers['x-api-key'] === plexLogin.apiKey) return users.get(0);
    const id = sessions.get(cookieOf(req, 'connect.sid') ?? '');
    return id === undefined ? undefined : users.get(id);
  }

  function userBody(user: User): Record<string, unknown> {
    return {
      id: user.id,
      email: user.email,
      plexUsername: user.plexUsername,
      plexId: user.plexId,
      username: null,
      // User's @AfterLoad: username || plexUsername || jellyfinUsername || email.
      displayName: user.plexUsername,
      userType: 1,
      permissions: user.permissions,
      avatar: `https://plex.tv/users/${user.plexId}/avatar`,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      requestCount: 0,
      warnings: [],
    };
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    // seerr-api.yml requires authToken, a string: the validator answers before the route.
    if (!('authToken' in body)) return fail(res, 400, "request/body must have required property 'authToken'");
    if (typeof body.authToken !== 'string') return fail(res, 400, 'request/body/authToken must be string');
    if (!body.authToken) return fail(res, 500, 'Authentication token required.');
    if (plexLogin.off) return send(res, 500, { error: 'Plex login is disabled' });
    // Seerr's PlexTvAPI.getUser asks plex.tv's /users/account.json; the fake plex.tv has the v2 user, the same account.
    const answer = await fetch(`${options.plexUrl}/api/v2/user`, {
      headers: { Accept: 'application/json', 'X-Plex-Token': body.authToken, 'X-Plex-Client-Identifier': 'fake-seerr' },
    }).catch(() => null);
    // Any failure there is the route's catch: 500 "Unable to authenticate."
    if (!answer?.ok) return fail(res, 500, 'Unable to authenticate.');
    const account = (await answer.json()) as { id: number; username: string; email: string | null };
    // A managed Home profile has no email; `account.email.toLowerCase()` throws into the same catch (sct/overseerr #2788).
    if (!account.email) return fail(res, 500, 'Unable to authenticate.');
    // Not the owner and not on the owner's shared list (checkUserAccess), or not imported.
    if (denied.has(account.id)) return fail(res, 403, 'Access denied.');
    const known = users.get(account.id);
    const user: User = {
      id: known?.id ?? users.size + 1,
      plexId: account.id,
      plexUsername: account.username,
      email: account.email,
      permissions: noRequests.has(account.id) ? 0 : REQUEST,
    };
    users.set(account.id, user);
    const sid = `s%3A${randomBytes(18).toString('base64url')}`;
    sessions.set(sid, account.id);
    // A user made by this sign-in was never loaded, so @AfterLoad gave it no displayName.
    const { displayName, ...fresh } = userBody(user);
    // express-session: maxAge 30 days, httpOnly, SameSite lax (strict with CSRF protection), secure 'auto' (not on plain HTTP).
    const sameSite = csrfToken ? 'Strict' : 'Lax';
    send(res, 200, filtered(known ? { ...fresh, displayName } : fresh), {
      'set-cookie': `connect.sid=${sid}; Path=/; Expires=${new Date(Date.now() + 30 * 864e5).toUTCString()}; HttpOnly; SameSite=${sameSite}`,
    });
  }

  async function request(req: IncomingMessage, res: ServerResponse, user: User, entry: SeerrLogEntry): Promise<void> {
    const body = await readBody(req);
    entry.body = body;
    await held;
    const kind = body.mediaType;
    // The OpenAPI validator's wording (ajv) for seerr-api.yml's request body.
    if (!('mediaType' in body)) return fail(res, 400, "request/body must have required property 'mediaType'");
    if (kind !== 'movie' && kind !== 'tv') return fail(res, 400, 'request/body/mediaType must be equal to one of the allowed values');
    if (typeof body.mediaId !== 'number') return fail(res, 400, "request/body must have required property 'mediaId'");
    const made = media.request(kind, body.mediaId, body, {
      canRequest: (user.permissions & (ADMIN | REQUEST)) !== 0,
      autoApprove: (user.permissions & ADMIN) !== 0,
    });
    send(res, 201, made);
  }

  async function route(req: IncomingMessage, res: ServerResponse, entry: SeerrLogEntry): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const headers: Record<string, string[]> = {};
    if (csrfToken) {
      // csurf ignores GET, HEAD and OPTIONS; any other method needs the token from its cookie in a header.
      const sent = req.headers['x-xsrf-token'] ?? req.headers['x-csrf-token'] ?? req.headers['csrf-token'];
      if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && sent !== csrfToken) return fail(res, 403, 'invalid csrf token');
      // server/index.ts sets XSRF-TOKEN on every answer: SameSite strict, secure outside development.
      headers['set-cookie'] = [`XSRF-TOKEN=${csrfToken}; Path=/; SameSite=Strict; Secure`];
    }
    if (method === 'POST' && url.pathname === '/api/v1/auth/plex') return signIn(req, res);
    // seerr-api.yml's global security (cookieAuth or apiKey): the validator wants the cookie or the header to be there at all.
    if (!cookieOf(req, 'connect.sid') && req.headers['x-api-key'] === undefined) {
      const message = "cookie 'connect.sid' required";
      // Recorded answer: seerr-team/seerr #830, UnderwaterOverground/Plex-Concierge #1.
      return send(res, 401, { message, errors: [{ path: url.pathname, message }] }, headers);
    }
    if (method === 'POST' && url.pathname === '/api/v1/auth/logout') {
      sessions.delete(cookieOf(req, 'connect.sid') ?? '');
      return send(res, 200, { status: 'ok' }, headers);
    }
    const user = userOf(req);
    // isAuthenticated(): every other route below needs a user.
    if (!user) return send(res, 403, { status: 403, error: 'You do not have permission to access this endpoint' }, headers);
    if (method === 'GET' && url.pathname === '/api/v1/auth/me') return send(res, 200, userBody(user), headers);
    const title = /^\/api\/v1\/(movie|tv)\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && title) return send(res, 200, media.details(title[1] as Kind, Number(title[2])), headers);
    if (method === 'POST' && url.pathname === '/api/v1/request') return request(req, res, user, entry);
    // The validator's answer for a path seerr-api.yml does not have.
    send(res, 404, { message: 'not found', errors: [{ path: url.pathname, message: 'not found' }] }, headers);
  }

  const server = createServer((req, res) => {
    const entry: SeerrLogEntry = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
      cookie: sessions.has(cookieOf(req, 'connect.sid') ?? ''),
      apiKey: req.headers['x-api-key'] !== undefined,
    };
    entries.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    route(req, res, entry).catch((error: unknown) => {
      if (error instanceof SeerrError) return fail(res, error.status, error.message);
      console.error('fake Seerr crashed on', req.method, req.url, error);
      if (!res.headersSent) fail(res, 500, `fake Seerr crashed: ${String(error)}`);
    });
  });
  const port = await listenLocal(server, options.port);
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => entries.map((e) => ({ ...e })),
    deny: (id) => void denied.add(id),
    withoutRequestRight: (id) => {
      noRequests.add(id);
      const user = users.get(id);
      if (user) user.permissions = 0;
    },
    quotaReached: (kind) => void media.quota.add(kind),
    disablePlexLogin: (apiKey) => (plexLogin = { off: true, apiKey }),
    protectFromCsrf: () => (csrfToken = randomBytes(12).toString('base64url')),
    setMedia: (kind, tmdbId, status, seasons) => media.set(kind, tmdbId, status, seasons),
    expireSessions: () => sessions.clear(),
    holdRequests: () => {
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    close: () => closeHttpServer(server),
  };
}
