import type * as z from 'zod/mini';
import { MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES, readBoundedText } from '../plex/http';
import { SeerrDetails, SeerrErrorBody, SeerrRequestMade, SeerrUser } from './schemas';
import type { SeerrFailure, SeerrTitle, SeerrTitleState } from './types';

export interface SeerrContext {
  fetch: typeof fetch;
  /** Saved without a trailing slash, so API paths are appended as they are. */
  base: string;
  /** Sent as X-Api-Key instead of relying on the session cookie (instances without Plex sign-in). */
  apiKey?: string;
  timeoutMs?: number;
}

/** `session`: refused for want of a signed-in user, which one new sign-in may mend. */
export type SeerrError = SeerrFailure | 'session';
export type SeerrResult<T> = { ok: true; value: T; status: number } | { ok: false; error: SeerrError };

export type SeerrKind = 'movie' | 'tv';

/** The auth middleware's words when a call has no user (server/middleware/auth.ts `isAuthenticated`). */
const NO_USER = 'You do not have permission to access this endpoint';

function errorOf(status: number, body: { message?: string | null; error?: string | null }): SeerrError {
  const words = body.message ?? body.error ?? '';
  if (status === 401 || (status === 403 && words === NO_USER)) return 'session';
  // server/index.ts: with settings.network.csrfProtection, csurf refuses a POST without its token.
  if (status === 403 && /csrf/i.test(words)) return 'csrf-protected';
  // server/entity/MediaRequest.ts: QuotaRestrictedError "Movie Quota exceeded." / "Series Quota exceeded."
  if (status === 403) return /quota/i.test(words) ? 'quota' : 'not-allowed';
  // DuplicateMediaRequestError: an active request for the title is there already.
  if (status === 409) return 'already-requested';
  // server/routes/auth.ts answers 500 { error: 'Plex login is disabled' } when only another sign-in is on.
  if (status === 500 && /plex login is disabled/i.test(words)) return 'plex-login-disabled';
  return 'other';
}

async function call<T>(
  ctx: SeerrContext,
  method: 'GET' | 'POST',
  path: string,
  schema: z.ZodMiniType<T>,
  body?: unknown,
): Promise<SeerrResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ctx.apiKey) headers['X-Api-Key'] = ctx.apiKey;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ctx.timeoutMs ?? 10_000);
  try {
    let response: Response;
    try {
      // The session cookie rides along (credentials); a redirect would carry the token to a host nobody saved.
      response = await ctx.fetch(`${ctx.base}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'include',
        redirect: 'error',
        signal: controller.signal,
      });
    } catch {
      return { ok: false, error: 'unreachable' };
    }
    const limit = response.ok ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES;
    let json: unknown = null;
    try {
      json = JSON.parse(await readBoundedText(response, limit));
    } catch {
      // Not JSON: an error keeps its status alone; a success is not Seerr (a proxy's page, say).
      if (response.ok) return { ok: false, error: 'other' };
    }
    if (!response.ok) {
      const parsed = SeerrErrorBody.safeParse(json);
      return { ok: false, error: errorOf(response.status, parsed.success ? parsed.data : {}) };
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data, status: response.status } : { ok: false, error: 'other' };
  } finally {
    clearTimeout(timer);
  }
}

/** Seerr sets its session cookie on this answer; later calls ride on it. */
export function signInWithPlex(ctx: SeerrContext, plexToken: string): Promise<SeerrResult<SeerrUser>> {
  return call(ctx, 'POST', '/auth/plex', SeerrUser, { authToken: plexToken });
}

/** Ends the session at Seerr (`POST /api/v1/auth/logout`, which destroys it), so its cookie names no one. */
export function signOut(ctx: SeerrContext): Promise<SeerrResult<unknown>> {
  return call(ctx, 'POST', '/auth/logout', SeerrErrorBody, {});
}

export function currentUser(ctx: SeerrContext): Promise<SeerrResult<SeerrUser>> {
  return call(ctx, 'GET', '/auth/me', SeerrUser);
}

/** server/constants/media.ts `MediaStatus`. */
const STATES: Record<number, SeerrTitleState> = { 2: 'pending', 3: 'processing', 4: 'partial', 5: 'available', 6: 'blocked' };

/** server/constants/media.ts `MediaRequestStatus`: a declined or completed request holds no season. */
const DECLINED = 3;
const COMPLETED = 5;

/** Specials are left out of the seasons offered, as Seerr's own page leaves them out. */
export function titleOf(kind: SeerrKind, details: SeerrDetails): SeerrTitle {
  const state = STATES[details.mediaInfo?.status ?? 1] ?? 'none';
  if (kind === 'movie') return { state };
  // A request's seasons are only in its own `seasons`; Seerr's TvRequestModal reads both lists too.
  const requested = (details.mediaInfo?.requests ?? [])
    .filter((r) => r.is4k !== true && r.status !== DECLINED && r.status !== COMPLETED)
    .flatMap((r) => r.seasons ?? []);
  const known = (details.mediaInfo?.seasons ?? []).filter((s) => s.status > 1 && s.status < 7);
  const taken = new Set([...requested, ...known].map((s) => s.seasonNumber));
  const seasons = (details.seasons ?? []).map((s) => s.seasonNumber).filter((n) => n > 0 && !taken.has(n));
  return { state, seasons };
}

export async function getTitle(ctx: SeerrContext, kind: SeerrKind, tmdbId: number): Promise<SeerrResult<SeerrTitle>> {
  const result = await call(ctx, 'GET', `/${kind}/${tmdbId}`, SeerrDetails);
  return result.ok ? { ...result, value: titleOf(kind, result.value) } : result;
}

export async function requestTitle(
  ctx: SeerrContext,
  kind: SeerrKind,
  tmdbId: number,
  seasons?: number[] | 'all',
): Promise<SeerrResult<unknown>> {
  // Without is4k Seerr's duplicate checks compare against NULL and let a second request through; its own page sends false.
  const body = { mediaType: kind, mediaId: tmdbId, is4k: false, ...(kind === 'tv' && { seasons: seasons ?? 'all' }) };
  const result = await call(ctx, 'POST', '/request', SeerrRequestMade, body);
  // 202 { message: 'No seasons available to request' } (NoSeasonsAvailableError): all asked for already.
  if (result.ok && result.status === 202) return { ok: false, error: 'already-requested' };
  return result;
}
