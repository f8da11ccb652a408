import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSeerrService, type SeerrSettings } from '@/src/seerr/service';
import type { SeerrConnection } from '@/src/seerr/types';
import { DEFAULT_ACCOUNT } from '../fake-plex/state';
import { MEDIA_STATUS, startFakeSeerr, type FakeSeerr } from '../fake-seerr/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { signIn } from './title-services';

const plex = await fakePlexForFile();

/** Node's fetch keeps no cookies; the browsers keep Seerr's session cookie (test/e2e/seerr-suite.ts proves it), so this jar stands in. */
function cookieJarFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const cookie = jar.get(url.host);
    if (cookie && init?.credentials === 'include') headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers });
    const set = response.headers.get('set-cookie');
    if (set) jar.set(url.host, set.split(';')[0]!);
    return response;
  };
}

describe('requests through Seerr with the Plex sign-in', () => {
  let seerr: FakeSeerr;
  let token: string | null;
  let settings: SeerrSettings | null;
  let connection: SeerrConnection | undefined;
  let reachable: boolean;

  const service = () =>
    createSeerrService({
      fetch: cookieJarFetch(),
      now: Date.now,
      settings: async () => settings,
      plexToken: async () => token,
      canReach: async () => reachable,
      setConnection: async (c) => void (connection = c),
    });
  const signIns = () => seerr.log().filter((e) => e.path === '/api/v1/auth/plex').length;
  const posts = () => seerr.log().filter((e) => e.method === 'POST' && e.path === '/api/v1/request');

  beforeEach(async () => {
    seerr = await startFakeSeerr({ plexUrl: plex.url });
    token = await signIn(plex);
    settings = { url: seerr.url };
    connection = undefined;
    reachable = true;
  });
  afterEach(() => seerr.close());

  it('signs in with the Plex token, keeps the session, and names the user', async () => {
    const seerrService = service();
    // Seerr names a Plex user by the Plex username (User.displayName), not the account's title.
    expect(await seerrService.check()).toEqual({ state: 'connected', user: DEFAULT_ACCOUNT.username });
    expect(connection).toEqual({ state: 'connected', user: DEFAULT_ACCOUNT.username });
    expect(await seerrService.status('movie', 603)).toEqual({ ok: true, state: 'none' });
    expect(signIns()).toBe(1);
    expect(seerr.log().at(-1)).toMatchObject({ path: '/api/v1/movie/603', cookie: true });
    // Seerr was given the account's own token, which it checked with plex.tv.
    expect((await plex.requests()).some((r) => r.path === '/api/v2/user' && r.headers['x-plex-token'] === token)).toBe(true);
  });

  it('ends the session at Seerr when the Plex account changes, and signs in with the new one before the next call', async () => {
    const seerrService = service();
    await seerrService.check();
    await seerrService.forgetAccount();
    expect(seerr.log().at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/auth/logout', cookie: true });
    token = await signIn(plex);
    await seerrService.status('movie', 603);
    expect(
      seerr
        .log()
        .slice(-2)
        .map((e) => e.path),
    ).toEqual(['/api/v1/auth/plex', '/api/v1/movie/603']);
  });

  it('signs in again once when the session has expired, then carries on', async () => {
    const seerrService = service();
    await seerrService.check();
    seerr.expireSessions();
    expect(await seerrService.status('tv', 1396)).toEqual({ ok: true, state: 'none', seasons: [1, 2, 3, 4, 5] });
    expect(signIns()).toBe(2);
  });

  it('reads a title once for badges that ask at the same time, and keeps at most 200 titles', async () => {
    const seerrService = service();
    const reads = () => seerr.log().filter((e) => e.method === 'GET' && e.path.startsWith('/api/v1/movie/') && e.status === 200).length;
    await Promise.all([seerrService.status('movie', 603), seerrService.status('movie', 603)]);
    expect(reads()).toBe(1);
    // A page naming title after title: the oldest kept is dropped, so it is read again.
    for (let id = 1; id <= 200; id++) await seerrService.status('movie', 100_000 + id);
    expect(reads()).toBe(201);
    await seerrService.status('movie', 100_200);
    expect(reads()).toBe(201);
    await seerrService.status('movie', 603);
    expect(reads()).toBe(202);
  });

  it('requests a title once when asked twice at the same time, and then reads it as requested', async () => {
    const seerrService = service();
    const [first, second] = await Promise.all([seerrService.request('movie', 603), seerrService.request('movie', 603)]);
    expect(first).toEqual({ ok: true, state: 'pending' });
    expect(second).toEqual(first);
    // And once more afterwards: it is requested already, so nothing is sent.
    expect(await seerrService.request('movie', 603)).toEqual({ ok: true, state: 'pending' });
    expect(posts().map((e) => e.body)).toEqual([{ mediaType: 'movie', mediaId: 603, is4k: false }]);
  });

  it('makes no second request for a title someone else requested since its state was read', async () => {
    const mine = service();
    expect(await mine.status('movie', 603)).toEqual({ ok: true, state: 'none' });
    expect(await mine.status('tv', 1396)).toEqual({ ok: true, state: 'none', seasons: [1, 2, 3, 4, 5] });
    const theirs = service();
    await theirs.request('movie', 603);
    await theirs.request('tv', 1396, [1, 2]);
    expect(await mine.request('movie', 603)).toEqual({ ok: true, state: 'pending' });
    expect(await mine.request('tv', 1396, [2])).toEqual({ ok: true, state: 'pending', seasons: [3, 4, 5] });
    // Seerr turned both away as duplicates, so its queue holds one request each.
    expect(posts().map((e) => e.status)).toEqual([201, 201, 409, 202]);
  });

  it('requests the seasons chosen for a show, and all of them by default', async () => {
    const seerrService = service();
    await seerrService.request('tv', 1396, [2, 3]);
    seerr.setMedia('tv', 60059, MEDIA_STATUS.unknown);
    await seerrService.request('tv', 60059);
    expect(posts().map((e) => e.body)).toEqual([
      { mediaType: 'tv', mediaId: 1396, is4k: false, seasons: [2, 3] },
      { mediaType: 'tv', mediaId: 60059, is4k: false, seasons: 'all' },
    ]);
    expect(await seerrService.status('tv', 1396)).toEqual({ ok: true, state: 'pending', seasons: [1, 4, 5] });
  });

  it('reads each state Seerr keeps for a title', async () => {
    const seerrService = service();
    const states = [];
    for (const [id, status] of [
      [1, 3],
      [2, 4],
      [3, 5],
      [4, 6],
      [5, 7],
    ] as const) {
      seerr.setMedia('movie', id, status);
      states.push(await seerrService.status('movie', id));
    }
    expect(states.map((s) => s.ok && s.state)).toEqual(['processing', 'partial', 'available', 'blocked', 'none']);
  });

  it('says the account is not allowed when Seerr turns it away', async () => {
    seerr.deny(DEFAULT_ACCOUNT.id);
    const seerrService = service();
    expect(await seerrService.check()).toEqual({ state: 'not-allowed' });
    expect(await seerrService.status('movie', 603)).toEqual({ ok: false, reason: 'not-allowed' });
    expect(await seerrService.status('movie', 27205)).toEqual({ ok: false, reason: 'not-allowed' });
    // The refusal is kept a while: more badges do not post the Plex token to Seerr again to hear it.
    expect(seerr.log().filter((e) => e.path === '/api/v1/auth/plex')).toHaveLength(1);
  });

  it('says so when the account may sign in but not request, or its quota is used up', async () => {
    seerr.withoutRequestRight(DEFAULT_ACCOUNT.id);
    expect(await service().request('movie', 603)).toEqual({ ok: false, reason: 'not-allowed' });
    const other = await startFakeSeerr({ plexUrl: plex.url });
    settings = { url: other.url };
    other.quotaReached('movie');
    expect(await service().request('movie', 603)).toEqual({ ok: false, reason: 'quota' });
    await other.close();
  });

  it('says it cannot be reached when nothing answers, or the person did not grant the address', async () => {
    await seerr.close();
    expect(await service().status('movie', 603)).toEqual({ ok: false, reason: 'unreachable' });
    seerr = await startFakeSeerr({ plexUrl: plex.url });
    settings = { url: seerr.url };
    reachable = false;
    expect(await service().check()).toEqual({ state: 'unreachable' });
    // Nothing was sent to an address the person did not allow: not the token, not anything.
    expect(seerr.log()).toEqual([]);
  });

  it('falls back to the API key where Plex sign-in is turned off, and says so where none is set', async () => {
    seerr.disablePlexLogin('k3y');
    expect(await service().check()).toEqual({ state: 'plex-login-disabled' });
    settings = { url: seerr.url, apiKey: 'k3y' };
    const seerrService = service();
    expect(await seerrService.check()).toEqual({ state: 'connected', user: 'Admin' });
    // The key acts as the owner, whose requests are approved at once: the title is processing.
    expect(await seerrService.request('movie', 603)).toEqual({ ok: true, state: 'processing' });
    expect(posts()[0]).toMatchObject({ apiKey: true });
    // Signed out of Plex, the key is not used either: only the session is asked after, and Seerr refuses it.
    token = null;
    const logged = seerr.log().length;
    expect(await service().check()).toEqual({ state: 'signed-out' });
    expect(
      seerr
        .log()
        .slice(logged)
        .map((e) => [e.method, e.path, e.apiKey]),
    ).toEqual([['GET', '/api/v1/auth/me', false]]);
  });

  it('says the instance’s CSRF protection stops it, whose token the extension cannot send', async () => {
    seerr.protectFromCsrf();
    expect(await service().check()).toEqual({ state: 'csrf-protected' });
    expect(seerr.log().map((e) => [e.path, e.status])).toEqual([
      ['/api/v1/auth/me', 401],
      ['/api/v1/auth/plex', 403],
    ]);
  });

  it('asks nothing without an address, and cannot sign in without a Plex sign-in', async () => {
    settings = null;
    const fetchSpy = vi.fn(fetch);
    const idle = createSeerrService({
      fetch: fetchSpy,
      now: Date.now,
      settings: async () => null,
      plexToken: async () => token,
      canReach: async () => true,
      setConnection: async () => {},
    });
    expect(await idle.status('movie', 603)).toEqual({ ok: false, reason: 'off' });
    expect(fetchSpy).not.toHaveBeenCalled();
    settings = { url: seerr.url };
    token = null;
    expect(await service().check()).toEqual({ state: 'signed-out' });
  });
});
