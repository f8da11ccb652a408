import {
  currentUser,
  getTitle,
  requestTitle,
  signInWithPlex,
  signOut,
  type SeerrContext,
  type SeerrKind,
  type SeerrResult,
} from './client';
import type { SeerrConnection, SeerrFailure, SeerrReply, SeerrTitle } from './types';

export interface SeerrSettings {
  url: string;
  apiKey?: string;
}

export interface SeerrDeps {
  fetch: typeof fetch;
  now(): number;
  settings(): Promise<SeerrSettings | null>;
  /** The account's token, never a Home profile's: a managed profile has no email, and Seerr's sign-in fails on it (sct/overseerr #2788). */
  plexToken(): Promise<string | null>;
  canReach(url: string): Promise<boolean>;
  setConnection(connection: SeerrConnection): Promise<void>;
}

/** A title's state is asked again after this; a request made here updates it at once. */
export const SEERR_TTL_MS = 60_000;
/** After a refused sign-in, badges hear the refusal until then; the options page's check asks again at once. */
const SIGN_IN_RETRY_MS = 60_000;
/** Titles whose state is kept; a page cannot grow the background's memory past it. */
const CACHE_ENTRIES = 200;

type Failure = { ok: false; reason: SeerrFailure | 'off' };

/** A call's result for the service's callers; a session still refused after signing in is the account's lack of rights. */
function outcome<T>(result: SeerrResult<T>): { ok: true; value: T } | Failure {
  if (result.ok) return { ok: true, value: result.value };
  return { ok: false, reason: result.error === 'session' ? 'not-allowed' : result.error };
}

/** A call refused for want of a user signs in and tries once more, so an expired session (or a restarted background) mends itself. */
export function createSeerrService(deps: SeerrDeps) {
  /** Set when the instance refuses Plex sign-in and an API key is saved: calls carry the key. */
  let withKey = false;
  let signingIn: Promise<SeerrResult<unknown>> | undefined;
  /** The browser's cookie may name the account signed in before: sign in before the next call. */
  let mustSignIn = false;
  /** A refused sign-in, kept a while: each badge would otherwise post the Plex token to Seerr again to hear the same. */
  let refused: { failure: Failure; until: number } | undefined;
  const cache = new Map<string, { reply: SeerrReply; until: number }>();
  const reading = new Map<string, Promise<SeerrReply>>();
  const requesting = new Map<string, Promise<SeerrReply>>();

  function reset(): void {
    withKey = false;
    refused = undefined;
    cache.clear();
  }

  const context = (settings: SeerrSettings): SeerrContext => ({
    fetch: deps.fetch,
    base: settings.url,
    ...(withKey && settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });

  async function signIn(settings: SeerrSettings): Promise<SeerrResult<unknown>> {
    const token = await deps.plexToken();
    const viaPlex: SeerrResult<unknown> = token ? await signInWithPlex(context(settings), token) : { ok: false, error: 'signed-out' };
    // Signed out of Plex is no refusal: the key would keep acting as the instance's owner for someone signed out.
    const plexRefused = !viaPlex.ok && viaPlex.error === 'plex-login-disabled';
    if (!plexRefused || !settings.apiKey) return viaPlex;
    withKey = true;
    return currentUser(context(settings));
  }

  /** Runs a call with the session, signing in once (shared by calls that meet the same expiry) when it is refused. */
  async function withSession<T>(run: (ctx: SeerrContext) => Promise<SeerrResult<T>>): Promise<{ ok: true; value: T } | Failure> {
    const settings = await deps.settings();
    if (!settings) return { ok: false, reason: 'off' };
    if (!(await deps.canReach(settings.url))) return { ok: false, reason: 'unreachable' };
    const first: SeerrResult<T> = mustSignIn ? { ok: false, error: 'session' } : await run(context(settings));
    if (first.ok || first.error !== 'session') return outcome(first);
    if (refused && refused.until > deps.now()) return refused.failure;
    signingIn ??= signIn(settings).finally(() => (signingIn = undefined));
    const signed = outcome(await signingIn);
    if (!signed.ok) {
      refused = { failure: signed, until: deps.now() + SIGN_IN_RETRY_MS };
      return signed;
    }
    refused = undefined;
    mustSignIn = false;
    // Signed in, and still no user: the account may sign in but not do this.
    return outcome(await run(context(settings)));
  }

  /** The browser's cookie would still name the old account: end the session there; the next call signs in with the token of then. */
  async function forgetAccount(): Promise<void> {
    reset();
    mustSignIn = true;
    const settings = await deps.settings();
    if (settings && (await deps.canReach(settings.url))) await signOut(context(settings));
  }

  async function check(): Promise<SeerrConnection> {
    reset();
    const result = await withSession(currentUser);
    const connection: SeerrConnection = result.ok
      ? { state: 'connected', ...(result.value.displayName ? { user: result.value.displayName } : {}) }
      : { state: result.reason === 'off' ? 'other' : result.reason };
    if (!result.ok && result.reason === 'off') return connection;
    await deps.setConnection(connection);
    return connection;
  }

  async function fresh(kind: SeerrKind, tmdbId: number): Promise<SeerrReply> {
    const result = await withSession((ctx) => getTitle(ctx, kind, tmdbId));
    return result.ok ? { ok: true, ...result.value } : result;
  }

  /** Badges of one title share a read that is out; the cache keeps the newest CACHE_ENTRIES titles. */
  function status(kind: SeerrKind, tmdbId: number): Promise<SeerrReply> {
    const key = `${kind}:${tmdbId}`;
    const cached = cache.get(key);
    if (cached && cached.until > deps.now()) return Promise.resolve(cached.reply);
    const out = reading.get(key);
    if (out) return out;
    const read = fresh(kind, tmdbId)
      .then((reply) => {
        cache.delete(key);
        if (reply.ok) cache.set(key, { reply, until: deps.now() + SEERR_TTL_MS });
        if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
        return reply;
      })
      .finally(() => reading.delete(key));
    reading.set(key, read);
    return read;
  }

  /** A second ask while the first is out gets the first's answer, so a double click never requests twice. */
  function request(kind: SeerrKind, tmdbId: number, seasons?: number[]): Promise<SeerrReply> {
    const key = `${kind}:${tmdbId}`;
    const out = requesting.get(key);
    if (out) return out;
    const run = (async (): Promise<SeerrReply> => {
      const before = await status(kind, tmdbId);
      if (!before.ok || before.state !== 'none') return before;
      const made = await withSession((ctx) => requestTitle(ctx, kind, tmdbId, seasons));
      if (!made.ok && made.reason !== 'already-requested') return made;
      cache.delete(key);
      const after = await status(kind, tmdbId);
      // Requested, but the state could not be read back: say what is known.
      return after.ok ? after : { ok: true, state: 'pending' };
    })().finally(() => requesting.delete(key));
    requesting.set(key, run);
    return run;
  }

  return { check, status, request, reset, forgetAccount };
}

export type SeerrService = ReturnType<typeof createSeerrService>;
export type { SeerrTitle };
