import { describe, expect, it } from 'vitest';
import { plexRequest, parseRetryAfter, type PlexContext } from '@/src/plex/http';
import { Pin } from '@/src/plex/schemas';
import { buildIdentity } from '@/src/plex/identity';

const identity = buildIdentity({
  clientIdentifier: '6b1f1c3e-1b0e-4a7e-9c59-0e5f0f3c2d11',
  product: 'Sidekick for Plex',
  version: '1.2.3',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  os: 'linux',
});

function contextAnswering(respond: (request: Request) => Response | Promise<Response>, timeoutMs?: number) {
  const seen: Request[] = [];
  const ctx: PlexContext = {
    identity,
    timeoutMs,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      seen.push(request);
      return respond(request);
    },
  };
  return { ctx, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const pin = { id: 7, code: 'ABCD', expiresIn: 900, authToken: null };

describe('a Plex request', () => {
  it('asks for JSON and says who is asking', async () => {
    const { ctx, seen } = contextAnswering(() => json(pin));
    await plexRequest(ctx, { base: 'https://plex.test', path: '/api/v2/pins/7', query: { code: 'ABCD' }, schema: Pin });
    const request = seen[0]!;
    expect(request.url).toBe('https://plex.test/api/v2/pins/7?code=ABCD');
    expect(request.headers.get('Accept')).toBe('application/json');
    expect(Object.fromEntries([...request.headers].filter(([name]) => name.startsWith('x-plex')))).toEqual({
      'x-plex-client-identifier': '6b1f1c3e-1b0e-4a7e-9c59-0e5f0f3c2d11',
      'x-plex-product': 'Sidekick for Plex',
      'x-plex-version': '1.2.3',
      'x-plex-platform': 'Firefox',
      'x-plex-platform-version': '140.0',
      'x-plex-device': 'Linux',
      'x-plex-device-name': 'Firefox on Linux',
    });
  });

  it('sends the token only when given one', async () => {
    const { ctx, seen } = contextAnswering(() => json(pin));
    await plexRequest(ctx, { base: 'https://plex.test', path: '/a', schema: Pin });
    await plexRequest(ctx, { base: 'https://plex.test', path: '/b', token: 'secret', schema: Pin });
    expect(seen[0]!.headers.has('X-Plex-Token')).toBe(false);
    expect(seen[1]!.headers.get('X-Plex-Token')).toBe('secret');
  });

  it('accepts answers with fields it does not know', async () => {
    const { ctx } = contextAnswering(() => json({ ...pin, location: { postal_code: 802 }, brandNew: [1, 2] }));
    const result = await plexRequest(ctx, { base: 'https://plex.test', path: '/p', schema: Pin });
    expect(result).toEqual({ ok: true, value: pin });
  });

  it('names a missing or mistyped field instead of trusting the answer', async () => {
    const { ctx } = contextAnswering(() => json({ ...pin, id: 'seven' }));
    const result = await plexRequest(ctx, { base: 'https://plex.test', path: '/p', schema: Pin });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.kind === 'invalid-response') expect(result.error.detail).toMatch(/^id: /);
    else expect.fail(`expected invalid-response, got ${JSON.stringify(result)}`);
  });

  it('treats XML or HTML where JSON was asked for as an invalid answer', async () => {
    const { ctx } = contextAnswering(() => new Response('<pin id="7"/>', { headers: { 'Content-Type': 'application/xml' } }));
    const result = await plexRequest(ctx, { base: 'https://plex.test', path: '/p', schema: Pin });
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-response', detail: 'expected JSON, got application/xml' } });
  });

  it.each([
    [401, { kind: 'unauthorized' }],
    [404, { kind: 'not-found' }],
    [500, { kind: 'server', status: 500 }],
    [503, { kind: 'server', status: 503 }],
    [400, { kind: 'bad-request', status: 400, message: 'X-Plex-Client-Identifier is missing' }],
  ])('turns HTTP %i into a named error', async (status, error) => {
    const body = { errors: [{ code: 1000, message: 'X-Plex-Client-Identifier is missing', status }] };
    const { ctx } = contextAnswering(() => json(body, status));
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/p', schema: Pin })).toEqual({ ok: false, error });
  });

  it('reads how long Plex asks it to wait after a 429', async () => {
    const { ctx } = contextAnswering(() => json({}, 429, { 'Retry-After': '7' }));
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/p', schema: Pin })).toEqual({
      ok: false,
      error: { kind: 'rate-limited', retryAfterMs: 7000 },
    });
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });

  it('reports a dropped connection as a network error', async () => {
    const { ctx } = contextAnswering(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/p', schema: Pin })).toEqual({
      ok: false,
      error: { kind: 'network' },
    });
  });

  it('gives up on a request that never finishes', async () => {
    const { ctx } = contextAnswering(
      (request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('aborted')))),
      20,
    );
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/p', schema: Pin })).toEqual({
      ok: false,
      error: { kind: 'timeout' },
    });
  });
});

describe('answers too large to read', () => {
  const MB = 1024 * 1024;
  /** A body of `chunks` pieces of 64 KB, counting how many were pulled and whether it was cancelled. */
  function streamed(chunks: number) {
    const seen = { pulled: 0, cancelled: false };
    const piece = new TextEncoder().encode(`"${'x'.repeat(64 * 1024 - 2)}"`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.pulled++ === chunks) controller.close();
        else controller.enqueue(piece);
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { body, seen };
  }

  it('refuses an answer that says it is over 2 MB without reading it', async () => {
    const { body, seen } = streamed(48);
    const { ctx } = contextAnswering(
      () => new Response(body, { headers: { 'Content-Type': 'application/json', 'Content-Length': String(3 * MB) } }),
    );
    const result = await plexRequest(ctx, { base: 'https://plex.test', path: '/api/v2/resources', schema: Pin });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', detail: expect.stringContaining('larger than') } });
    expect(seen.pulled).toBeLessThanOrEqual(1);
    expect(seen.cancelled).toBe(true);
  });

  it('stops reading an answer without a length once it passes 2 MB', async () => {
    const { body, seen } = streamed(48);
    const { ctx } = contextAnswering(() => new Response(body, { headers: { 'Content-Type': 'application/json' } }));
    const result = await plexRequest(ctx, { base: 'https://plex.test', path: '/api/v2/resources', schema: Pin });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', detail: expect.stringContaining('larger than') } });
    expect(seen.pulled).toBeLessThanOrEqual(34);
    expect(seen.cancelled).toBe(true);
  });

  it('reads an answer just under 2 MB', async () => {
    const { ctx } = contextAnswering(() => json({ ...pin, padding: 'x'.repeat(2 * MB - 200) }));
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/x', schema: Pin })).toEqual({ ok: true, value: pin });
  });
});

describe('422 from plex.tv', () => {
  it('treats "Invalid token", as plex.tv writes it in XML, as a dead token', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>Invalid token</error>\n</errors>\n';
    const { ctx } = contextAnswering(() => new Response(xml, { status: 422, headers: { 'Content-Type': 'application/xml' } }));
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/api/v2/user', token: 't', schema: Pin })).toEqual({
      ok: false,
      error: { kind: 'unauthorized' },
    });
  });

  it('treats it the same in Plex’s JSON error envelope', async () => {
    const { ctx } = contextAnswering(() => json({ errors: [{ code: 1001, message: 'Invalid token', status: 422 }] }, 422));
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/api/v2/user', token: 't', schema: Pin })).toEqual({
      ok: false,
      error: { kind: 'unauthorized' },
    });
  });

  it('keeps any other 422 a refused request', async () => {
    const { ctx } = contextAnswering(() => json({ errors: [{ code: 1000, message: 'Invalid field', status: 422 }] }, 422));
    expect(await plexRequest(ctx, { base: 'https://plex.test', path: '/api/v2/user', token: 't', schema: Pin })).toEqual({
      ok: false,
      error: { kind: 'bad-request', status: 422, message: 'Invalid field' },
    });
  });
});
