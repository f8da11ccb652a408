import { describe, expect, it } from 'vitest';
import { fakePlexControl } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';

// Checks the fake against plex.tv's PIN API (plex-api-spec, python-plexapi myplex.py) and its own interface, so other tests can trust it.

const CLIENT = 'client-under-test';
const JSON_HEADERS = { Accept: 'application/json', 'X-Plex-Client-Identifier': CLIENT, 'X-Plex-Product': 'Sidekick for Plex' };
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

interface PinJson {
  id: number;
  code: string;
  product: string | null;
  clientIdentifier: string;
  expiresIn: number;
  createdAt: string;
  expiresAt: string;
  authToken: string | null;
  location: Record<string, unknown>;
}

const fake = await fakePlexForFile();

function plex(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${fake.url}${path}`, { ...init, headers: { ...JSON_HEADERS, ...(init.headers as Record<string, string>) } });
}

async function createPin(strong = true): Promise<PinJson> {
  const response = await plex(`/api/v2/pins${strong ? '?strong=true' : ''}`, { method: 'POST' });
  expect(response.status).toBe(201);
  return (await response.json()) as PinJson;
}

function poll(pin: { id: number; code: string }, client = CLIENT): Promise<Response> {
  return plex(`/api/v2/pins/${pin.id}?code=${pin.code}`, { headers: { 'X-Plex-Client-Identifier': client } });
}

async function errorsOf(response: Response): Promise<unknown> {
  return ((await response.json()) as { errors: unknown }).errors;
}

/** Wait for a condition with a deadline, rather than sleeping for a guessed time. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function signedIn(): Promise<string> {
  const pin = await createPin();
  return (await fake.approve({ id: pin.id })).token;
}

describe('fake Plex: PINs', () => {
  it('answers 400/1000 without a client identifier', async () => {
    const response = await fetch(`${fake.url}/api/v2/pins?strong=true`, { method: 'POST', headers: { Accept: 'application/json' } });
    expect(response.status).toBe(400);
    expect(await errorsOf(response)).toEqual([{ code: 1000, message: 'X-Plex-Client-Identifier is missing', status: 400 }]);
  });

  it('creates strong and short PINs shaped like plex.tv', async () => {
    const strong = await createPin(true);
    expect(strong.code).toMatch(/^[a-z0-9]{25}$/);
    expect(strong.expiresIn).toBe(1800);
    expect(strong.createdAt).toMatch(ISO_SECONDS);
    expect(strong.expiresAt).toMatch(ISO_SECONDS);
    expect(Date.parse(strong.expiresAt) - Date.parse(strong.createdAt)).toBe(1800_000);
    expect(strong).toMatchObject({ product: 'Sidekick for Plex', clientIdentifier: CLIENT, authToken: null, trusted: false });
    expect(strong).toHaveProperty('newRegistration', null);
    expect(strong.location).toHaveProperty('country');
    expect(strong.id).toBeGreaterThanOrEqual(308667304);

    const short = await createPin(false);
    expect(short.code).toMatch(/^[A-Z0-9]{4}$/);
    expect(short.expiresIn).toBe(900);
    expect(short.id).toBeGreaterThan(strong.id);
  });

  it('answers XML unless Accept asks for JSON, and takes identity from the query', async () => {
    const response = await fetch(`${fake.url}/api/v2/pins?X-Plex-Client-Identifier=${CLIENT}`, { method: 'POST' });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const body = await response.text();
    expect(body).toMatch(/^<\?xml/);
    expect(body).toMatch(/<pin id="\d+" code="[A-Z0-9]{4}"/);

    const error = await fetch(`${fake.url}/api/v2/user`);
    expect(error.status).toBe(401);
    expect(await error.text()).toContain('<errors><error code="1001"');
  });

  it('has no CORS headers on API routes', async () => {
    const response = await plex('/api/v2/pins', { method: 'POST', headers: { Origin: 'https://www.imdb.com' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives the token on polling only after approval', async () => {
    const pin = await createPin();
    const before = (await (await poll(pin)).json()) as PinJson;
    expect(before).toMatchObject({ id: pin.id, code: pin.code, authToken: null });

    const { token } = await fake.approve({ code: pin.code });
    const after = await poll(pin);
    expect(after.status).toBe(200);
    expect(((await after.json()) as PinJson).authToken).toBe(token);
  });

  it('hides a PIN from another client and from a wrong code', async () => {
    const pin = await createPin();
    const otherClient = await poll(pin, 'someone-else');
    expect(otherClient.status).toBe(404);
    expect(await errorsOf(otherClient)).toEqual([{ code: 1020, message: 'Code not found or expired', status: 404 }]);

    const wrongCode = await poll({ id: pin.id, code: 'nope' });
    expect(wrongCode.status).toBe(404);
    expect((await poll({ id: 1, code: pin.code })).status).toBe(404);
  });

  it('expires PINs by time and by expire()', async () => {
    await fake.configure({ shortPinSeconds: 1 });
    const short = await createPin(false);
    expect(short.expiresIn).toBe(1);
    expect((await poll(short)).status).toBe(200);
    await eventually(async () => (await poll(short)).status === 404);
    await expect(fake.approve({ id: short.id })).rejects.toThrow(/no live pin/);

    const strong = await createPin();
    await fake.expire({ id: strong.id });
    const response = await poll(strong);
    expect(response.status).toBe(404);
    expect(await errorsOf(response)).toEqual([{ code: 1020, message: 'Code not found or expired', status: 404 }]);
  });
});

describe('fake Plex: tokens', () => {
  it('returns the account for a valid token and 401 otherwise', async () => {
    const token = await signedIn();
    const response = await plex('/api/v2/user', { headers: { 'X-Plex-Token': token } });
    expect(response.status).toBe(200);
    const user = (await response.json()) as Record<string, unknown>;
    expect(user).toMatchObject({
      id: 1234567,
      username: 'alex.example',
      title: 'Alex Example',
      friendlyName: 'Alex Example',
      email: 'alex@example.com',
      authToken: token,
      subscription: { active: true, status: 'Active', plan: 'lifetime' },
      services: [],
    });
    expect(user.thumb).toBe(`${fake.url}/users/1234567/avatar`);
    const avatar = await fetch(String(user.thumb));
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toMatch(/^image\//);

    const bad = await plex('/api/v2/user', { headers: { 'X-Plex-Token': 'not-a-token' } });
    expect(bad.status).toBe(401);
    expect(await errorsOf(bad)).toEqual([{ code: 1001, message: 'User could not be authenticated', status: 401 }]);
    expect((await plex('/api/v2/user')).status).toBe(401);
  });

  it('maps a token to the account fields given to approve()', async () => {
    const pin = await createPin();
    const { token } = await fake.approve(
      { id: pin.id },
      { username: 'kim', subscription: { active: false, status: 'Inactive', plan: null } },
    );
    const user = await (await plex(`/api/v2/user?X-Plex-Token=${token}`)).json();
    expect(user).toMatchObject({ id: 1234567, username: 'kim', subscription: { active: false, plan: null } });
  });

  it('answers ping, and signs out by revoking the token', async () => {
    const token = await signedIn();
    const ping = await plex('/api/v2/ping', { headers: { 'X-Plex-Token': token } });
    expect(await ping.json()).toEqual({ pong: true });

    const signOut = await plex('/api/v2/users/signout', { method: 'DELETE', headers: { 'X-Plex-Token': token } });
    expect(signOut.status).toBe(204);
    expect((await plex('/api/v2/ping', { headers: { 'X-Plex-Token': token } })).status).toBe(401);
    expect((await plex('/api/v2/users/signout', { method: 'DELETE', headers: { 'X-Plex-Token': token } })).status).toBe(401);
  });

  it('revokes one token or all', async () => {
    const [first, second] = [await signedIn(), await signedIn()];
    await fake.revoke(first);
    expect((await plex('/api/v2/user', { headers: { 'X-Plex-Token': first } })).status).toBe(401);
    expect((await plex('/api/v2/user', { headers: { 'X-Plex-Token': second } })).status).toBe(200);
    await fake.revoke();
    expect((await plex('/api/v2/user', { headers: { 'X-Plex-Token': second } })).status).toBe(401);
  });

  it('answers 404 in the error envelope for unknown routes', async () => {
    const response = await plex('/api/v2/nothing-here');
    expect(response.status).toBe(404);
    expect(await errorsOf(response)).toEqual([expect.objectContaining({ status: 404 })]);
  });
});

describe('fake Plex: faults', () => {
  it('answers a status fault with its headers, then recovers', async () => {
    await fake.fault({ path: '/api/v2/pins', method: 'post', kind: 'status', status: 429, headers: { 'Retry-After': '3' } });
    const limited = await plex('/api/v2/pins', { method: 'POST' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await plex('/api/v2/pins', { method: 'POST' })).status).toBe(201);
  });

  it('applies a fault `times` times and only to its method and path prefix', async () => {
    const pin = await createPin();
    await fake.fault({ path: '/api/v2/pins/', method: 'GET', kind: 'status', status: 503, times: 2 });
    expect((await plex('/api/v2/pins', { method: 'POST' })).status).toBe(201);
    expect((await poll(pin)).status).toBe(503);
    expect((await poll(pin)).status).toBe(503);
    expect((await poll(pin)).status).toBe(200);
  });

  it('drops the connection', async () => {
    await fake.fault({ path: '/api/v2/user', kind: 'drop' });
    await expect(plex('/api/v2/user')).rejects.toThrow();
    expect((await plex('/api/v2/user')).status).toBe(401);
  });

  it('hangs until the client gives up', async () => {
    await fake.fault({ path: '/api/v2/ping', kind: 'hang' });
    const started = Date.now();
    await expect(plex('/api/v2/ping', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('serves a wrong body', async () => {
    await fake.fault({ path: '/api/v2/pins', kind: 'body', status: 200, body: '<html>Bad gateway</html>', contentType: 'text/html' });
    const response = await plex('/api/v2/pins', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe('<html>Bad gateway</html>');
  });

  it('rejects a malformed fault', async () => {
    await expect(fake.fault({ path: 'no-slash', kind: 'drop' })).rejects.toThrow(/fault.path/);
    await expect(fakePlexControl(fake.url).fault({ path: '/x', kind: 'explode' as 'drop' })).rejects.toThrow(/fault.kind/);
  });
});

describe('fake Plex: log, reset and control client', () => {
  it('logs API requests with lower-cased headers, including faulted ones, but not pages or control', async () => {
    await fake.fault({ path: '/api/v2/ping', kind: 'status', status: 500 });
    const before = Date.now();
    await plex('/api/v2/pins?strong=true', { method: 'POST', headers: { 'X-Plex-Version': '0.1.0' } });
    await plex('/api/v2/ping');
    await fetch(`${fake.url}/auth`);
    await fetch(`${fake.url}/users/1/avatar`);
    await fake.pins();

    const log = await fake.requests();
    expect(log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/pins', 'GET /api/v2/ping']);
    const [create] = log;
    expect(create?.query).toEqual({ strong: 'true' });
    expect(create?.headers).toMatchObject({ 'x-plex-client-identifier': CLIENT, 'x-plex-version': '0.1.0', accept: 'application/json' });
    expect(create?.at).toBeGreaterThanOrEqual(before);
  });

  it('forgets everything on reset', async () => {
    await fake.configure({ strongPinSeconds: 5 });
    const pin = await createPin();
    expect(pin.expiresIn).toBe(5);
    const { token } = await fake.approve({ id: pin.id });
    await fake.fault({ path: '/api/v2/pins', kind: 'drop' });

    await fake.reset();
    expect(await fake.pins()).toEqual([]);
    expect(await fake.requests()).toEqual([]);
    expect((await poll(pin)).status).toBe(404);
    expect((await plex('/api/v2/user', { headers: { 'X-Plex-Token': token } })).status).toBe(401);
    expect((await createPin()).expiresIn).toBe(1800);
  });

  it('reset() abandons a hanging request', async () => {
    await fake.fault({ path: '/api/v2/ping', kind: 'hang' });
    const hanging = plex('/api/v2/ping');
    await eventually(async () => (await fake.requests()).length === 1);
    await fake.reset();
    await expect(hanging).rejects.toThrow();
  });

  it('works over HTTP through fakePlexControl()', async () => {
    const control = fakePlexControl(`${fake.url}/`);
    const pin = await createPin(false);
    const pins = await control.pins();
    expect(pins).toEqual([
      expect.objectContaining({ id: pin.id, code: pin.code, strong: false, clientIdentifier: CLIENT, authToken: null }),
    ]);

    const { token } = await control.approve({ code: pin.code }, { email: 'kim@example.com' });
    expect((await control.pins())[0]?.authToken).toBe(token);
    const user = await (await plex('/api/v2/user', { headers: { 'X-Plex-Token': token } })).json();
    expect(user).toMatchObject({ email: 'kim@example.com' });

    const log = await control.requests();
    expect(log.map((r) => r.path)).toEqual(['/api/v2/pins', '/api/v2/user']);
    await expect(control.approve({ code: 'ZZZZZ' })).rejects.toThrow(/no live pin/);
    await expect(control.configure({ shortPinSeconds: -1 })).rejects.toThrow(/shortPinSeconds/);

    await control.expire({ id: pin.id });
    expect((await poll(pin)).status).toBe(404);
    await control.reset();
    expect(await control.pins()).toEqual([]);
  });

  it('serves the approval pages', async () => {
    const auth = await fetch(`${fake.url}/auth`);
    expect(auth.headers.get('content-type')).toContain('text/html');
    const authHtml = await auth.text();
    for (const id of ['approve', 'auth-params']) expect(authHtml).toContain(`data-testid="${id}"`);
    expect(authHtml).toContain('/__fake/approve');

    for (const path of ['/link', '/link/?pin=ABCD']) {
      const link = await fetch(`${fake.url}${path}`);
      expect(link.status).toBe(200);
      expect(await link.text()).toContain('data-testid="approve"');
    }
  });
});
