import { describe, expect, it } from 'vitest';
import { getHomeAccount, getHomeUsers, switchHomeUser } from '@/src/plex/home';
import type { PlexContext } from '@/src/plex/http';
import { buildIdentity } from '@/src/plex/identity';

const identity = buildIdentity({
  clientIdentifier: '6b1f1c3e-1b0e-4a7e-9c59-0e5f0f3c2d11',
  product: 'Sidekick for Plex',
  version: '1.2.3',
  userAgent: 'Chrome/150.0',
  os: 'linux',
});

function answering(respond: () => Response) {
  const seen: Request[] = [];
  const ctx: PlexContext = {
    identity,
    fetch: async (input, init) => {
      seen.push(new Request(input, init));
      return respond();
    },
  };
  return { ctx, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

// The recorded Plex Web answer of GET /api/v2/home/users (values replaced), with its extra fields.
const RECORDED_HOME = {
  id: 1_234_567,
  name: 'Alex’s Home',
  guestUserID: 33_542_083,
  guestUserUUID: 'f7a3c8f863873771',
  guestEnabled: false,
  subscription: true,
  users: [
    {
      id: 2_737_029,
      uuid: 'd320a7e6324aacd5',
      title: 'Alex',
      username: 'alex',
      email: 'alex@example.com',
      thumb: 'https://plex.tv/users/d320a7e6324aacd5/avatar?c=1592234494',
      hasPassword: true,
      restricted: false,
      restrictionProfile: null,
      admin: true,
      guest: false,
      protected: true,
    },
    {
      id: 33_542_084,
      uuid: '19860c4bdfbf24d5',
      title: 'this is a user',
      username: null,
      email: null,
      thumb: 'https://plex.tv/users/19860c4bdfbf24d5/avatar?c=1592234475',
      hasPassword: false,
      restricted: true,
      restrictionProfile: 'little_kid',
      admin: false,
      guest: false,
      protected: false,
    },
  ],
};

describe('the Plex Home client', () => {
  it('reads the recorded list of Home users, extra fields and all', async () => {
    const { ctx, seen } = answering(() => json(RECORDED_HOME));
    const result = await getHomeUsers(ctx, 'https://plex.test', 'account-token');
    expect(seen[0]!.url).toBe('https://plex.test/api/v2/home/users');
    expect(seen[0]!.headers.get('Accept')).toBe('application/json');
    expect(seen[0]!.headers.get('X-Plex-Token')).toBe('account-token');
    expect(result.ok && result.value.map((u) => [u.title, u.protected, u.admin, u.restricted])).toEqual([
      ['Alex', true, true, false],
      ['this is a user', false, false, true],
    ]);
  });

  it('drops an odd entry and the guest user, keeping the rest of the Home', async () => {
    const users = [null, { id: 'x' }, { ...RECORDED_HOME.users[1], uuid: '../../x' }, { ...RECORDED_HOME.users[1], guest: true }];
    const { ctx } = answering(() => json({ ...RECORDED_HOME, users: [...users, RECORDED_HOME.users[0]] }));
    const result = await getHomeUsers(ctx, 'https://plex.test', 't');
    expect(result.ok && result.value.map((u) => u.title)).toEqual(['Alex']);
  });

  it('says whether the account has a Home from the account answer', async () => {
    const { ctx } = answering(() =>
      json({ id: 1, uuid: 'u', username: 'alex', home: true, homeAdmin: true, homeSize: 3, restricted: false }),
    );
    expect(await getHomeAccount(ctx, 'https://plex.test', 't')).toEqual({
      ok: true,
      value: { id: 1, home: true },
    });
  });

  it('switches with the PIN in the query and takes the profile’s token from the answer', async () => {
    const { ctx, seen } = answering(() => json({ id: 33_542_084, uuid: '19860c4bdfbf24d5', authToken: 'profile-token', home: true }, 201));
    expect(await switchHomeUser(ctx, 'https://plex.test', 'account-token', '19860c4bdfbf24d5', '1234')).toEqual({
      ok: true,
      token: 'profile-token',
    });
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.url).toBe('https://plex.test/api/v2/home/users/19860c4bdfbf24d5/switch?pin=1234');
  });

  it('reads plex.tv’s 403/1041 as a wrong PIN, and other failures as what they are', async () => {
    const wrong = answering(() =>
      json({ errors: [{ code: 1041, message: 'A valid PIN is required to perform this action', status: 403 }] }, 403),
    );
    expect(await switchHomeUser(wrong.ctx, 'https://plex.test', 't', 'u')).toEqual({ ok: false, error: { kind: 'wrong-pin' } });
    const down = answering(() => new Response('', { status: 503 }));
    expect(await switchHomeUser(down.ctx, 'https://plex.test', 't', 'u')).toEqual({ ok: false, error: { kind: 'server', status: 503 } });
    const noToken = answering(() => json({ id: 1, uuid: 'u', authToken: null }, 201));
    expect(await switchHomeUser(noToken.ctx, 'https://plex.test', 't', 'u')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-response' },
    });
  });
});
