import { describe, expect, it } from 'vitest';
import { getTitle, requestTitle, signInWithPlex, titleOf, type SeerrContext } from '@/src/seerr/client';
import { checkSeerrUrl, parseSeerrUrl, seerrOriginPattern } from '@/src/seerr/url';

/** A fetch that answers every call with one status and body, and keeps what it was asked. */
function answering(status: number, body: unknown, calls: { url: string; init?: RequestInit }[] = []): SeerrContext {
  return {
    base: 'https://seerr.example',
    fetch: async (input, init) => {
      calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    },
  };
}

describe('the Seerr client', () => {
  it('sends the Plex token only in the sign-in body, with the cookie allowed and redirects refused', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const result = await signInWithPlex(answering(200, { id: 2, displayName: 'Alex', extra: { nested: true } }, calls), 't0k3n');
    expect(result).toMatchObject({ ok: true, value: { id: 2, displayName: 'Alex' } });
    expect(calls[0]!.url).toBe('https://seerr.example/api/v1/auth/plex');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', credentials: 'include', redirect: 'error', body: '{"authToken":"t0k3n"}' });
  });

  // Each answer as Seerr's routes give it (server/routes/*.ts, server/middleware/auth.ts).
  it.each([
    [403, { status: 403, error: 'You do not have permission to access this endpoint' }, 'session'],
    [401, { message: 'You must be logged in to request media.' }, 'session'],
    [403, { message: 'Access denied.' }, 'not-allowed'],
    [403, { message: 'You do not have permission to make movie requests.' }, 'not-allowed'],
    [403, { message: 'Movie Quota exceeded.' }, 'quota'],
    // csurf's error through the same handler, when the instance's CSRF protection is on.
    [403, { message: 'invalid csrf token' }, 'csrf-protected'],
    [403, { message: 'Series Quota exceeded.' }, 'quota'],
    [409, { message: 'Request for this media already exists.' }, 'already-requested'],
    [500, { error: 'Plex login is disabled' }, 'plex-login-disabled'],
    [500, { message: 'Unable to authenticate.' }, 'other'],
    [502, '<html>Bad gateway</html>', 'other'],
  ])('reads %i %j as %s', async (status, body, error) => {
    expect(await requestTitle(answering(status, body), 'movie', 603)).toEqual({ ok: false, error });
  });

  it('reads 202 "No seasons available to request" as already requested', async () => {
    expect(await requestTitle(answering(202, { message: 'No seasons available to request' }), 'tv', 1396)).toEqual({
      ok: false,
      error: 'already-requested',
    });
  });

  it('calls an address that does not answer unreachable, and a page that is not Seerr other', async () => {
    const down: SeerrContext = { base: 'https://seerr.example', fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    expect(await getTitle(down, 'movie', 603)).toEqual({ ok: false, error: 'unreachable' });
    expect(await getTitle(answering(200, '<html>login</html>'), 'movie', 603)).toEqual({ ok: false, error: 'other' });
    expect(await getTitle(answering(200, { title: 'no id' }), 'movie', 603)).toEqual({ ok: false, error: 'other' });
  });

  it('reads a show’s seasons still to request: specials and those requested or there are left out', () => {
    const details = {
      id: 1396,
      seasons: [0, 1, 2, 3].map((seasonNumber) => ({ seasonNumber })),
      mediaInfo: {
        status: 4,
        seasons: [
          { seasonNumber: 1, status: 5 },
          { seasonNumber: 2, status: 2 },
          { seasonNumber: 3, status: 7 },
        ],
      },
    };
    expect(titleOf('tv', details)).toEqual({ state: 'partial', seasons: [3] });
    // A request's seasons are in the request alone; a declined or a 4K one leaves them free.
    const requested = {
      id: 1396,
      seasons: [1, 2, 3, 4].map((seasonNumber) => ({ seasonNumber })),
      mediaInfo: {
        status: 2,
        seasons: [],
        requests: [
          { status: 1, is4k: false, seasons: [{ seasonNumber: 1, status: 1 }] },
          { status: 3, is4k: false, seasons: [{ seasonNumber: 2, status: 3 }] },
          { status: 2, is4k: true, seasons: [{ seasonNumber: 3, status: 2 }] },
        ],
      },
    };
    expect(titleOf('tv', requested)).toEqual({ state: 'pending', seasons: [2, 3, 4] });
    expect(titleOf('movie', { id: 603, mediaInfo: null })).toEqual({ state: 'none' });
    expect(titleOf('movie', { id: 603, mediaInfo: { status: 99 } })).toEqual({ state: 'none' });
  });
});

describe('the Seerr address', () => {
  it.each([
    ['https://requests.example.com/', 'https://requests.example.com'],
    ['  http://192.168.1.20:5055 ', 'http://192.168.1.20:5055'],
    ['https://example.com/seerr/', 'https://example.com/seerr'],
  ])('keeps %j as %j', (typed, saved) => expect(parseSeerrUrl(typed)).toBe(saved));

  it.each([
    'requests.example.com',
    'ftp://example.com',
    'https://user:pw@example.com',
    'https://example.com/?a=1',
    'javascript:alert(1)',
    '',
    // A `*` would make the permission asked for cover every site.
    'http://*',
    'https://*.example.com',
  ])('refuses %j', (typed) => expect(parseSeerrUrl(typed)).toBeNull());

  it.each(['http://seerr.example.com:5055', 'http://203.0.113.7:5055'])('asks for https, not plain HTTP, for %j on the internet', (typed) =>
    expect(checkSeerrUrl(typed)).toEqual({ problem: 'needs-https' }),
  );

  it.each(['http://nas:5055', 'http://seerr.local:5055', 'http://10.0.0.5:5055', 'http://[fd00::5]:5055', 'http://localhost:5055'])(
    'keeps plain HTTP at home, %j',
    (typed) => expect(checkSeerrUrl(typed)).toEqual({ url: typed }),
  );

  it('asks for the host without its port, as match patterns require', () => {
    expect(seerrOriginPattern('http://192.168.1.20:5055/seerr')).toBe('http://192.168.1.20/*');
  });
});
