import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHomeService } from '@/src/home/service';
import { createSignInService } from '@/src/signin/service';
import { readPlexToken } from '@/src/home/token';
import { homeItem, profileItem, serversItem, serverTokensItem, tokenItem } from '@/src/storage';
import { DEFAULT_ACCOUNT } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { context, signIn, titleServices } from './title-services';

const plex = await fakePlexForFile();

const INCEPTION = '5d7768ba96b655001fdc0408';
const KIDS = { uuid: 'b1c2d3e4f5a60718', title: 'Kids' };
const TEEN = { uuid: 'c2d3e4f5a6071829', title: 'Sam', username: 'sam.example', pin: '4321' };

/** The background's Home, server and title services, wired as the background wires them. */
function services() {
  const { servers, titles, onUnauthorized } = titleServices(plex);
  const onProfileChanged = vi.fn(async () => {
    await Promise.all([servers.clear(), titles.clear()]);
    await servers.current();
  });
  const home = createHomeService({ urls, plex: async () => context(), now: Date.now, onUnauthorized, onProfileChanged });
  return { home, servers, titles, onUnauthorized, onProfileChanged };
}

/** Signed in to an account whose Home has these profiles, listed as the background lists them. */
async function signedInHome(setup: Parameters<typeof plex.setHome>[0]) {
  await plex.setHome(setup);
  const accountToken = await signIn(plex);
  const wired = services();
  await wired.home.refresh();
  return { accountToken, ...wired };
}

const urls = { tv: plex.url, app: plex.url, metadata: plex.url, discover: plex.url };
const names = async () => (await homeItem.getValue())?.profiles.map((p) => [p.name, p.protected]);
const active = async () => {
  const home = await homeItem.getValue();
  return home?.profiles.find((p) => p.uuid === home.active)?.name;
};
const serverNames = async () => (await serversItem.getValue())?.servers.map((s) => s.name);

beforeEach(() => fakeBrowser.reset());

describe('Plex Home profiles', () => {
  it('lists nothing for an account without a Home, and never asks plex.tv for its users', async () => {
    await signIn(plex);
    const { home } = services();
    await home.refresh();
    expect(await names()).toEqual([]);
    expect((await plex.requests()).map((r) => r.path)).not.toContain('/api/v2/home/users');
  });

  it('lists the Home’s profiles, the account’s own in use, which ones ask for a PIN', async () => {
    await signedInHome({ users: [KIDS, TEEN] });
    expect(await names()).toEqual([
      ['Alex Example', false],
      ['Kids', false],
      ['Sam', true],
    ]);
    expect(await active()).toBe('Alex Example');
    expect(await profileItem.getValue()).toBeNull();
  });

  it('switches to a profile without a PIN: its token serves the servers and the watchlist', async () => {
    const both = await plex.addServer({ name: 'Family Server', connections: [{ local: true }], users: [DEFAULT_ACCOUNT.uuid, KIDS.uuid] });
    await plex.addServer({ name: 'Alex’s Den', connections: [{ local: true }], users: [DEFAULT_ACCOUNT.uuid] });
    const { accountToken, home, servers, titles, onProfileChanged } = await signedInHome({ users: [KIDS, TEEN] });
    await servers.refresh();
    expect(await serverNames()).toEqual(['Alex’s Den', 'Family Server']);

    expect(await home.switchTo(KIDS.uuid)).toBeNull();
    expect(await active()).toBe('Kids');
    expect(onProfileChanged).toHaveBeenCalledOnce();
    const profileToken = (await profileItem.getValue())!.token;
    expect(profileToken).not.toBe(accountToken);
    expect(await readPlexToken()).toBe(profileToken);
    // Kids' servers, with the access token plex.tv gives Kids.
    expect(await serverNames()).toEqual(['Family Server']);
    expect(await serverTokensItem.getValue()).toEqual({ [both.machineIdentifier]: `${both.accessToken}-${KIDS.uuid}` });

    expect(await titles.setWatchlist(INCEPTION, true)).toEqual({ ok: true, watchlisted: true });
    expect(await plex.watchlist(KIDS.uuid)).toEqual([INCEPTION]);
    expect(await plex.watchlist()).toEqual([]);
    const lookup = await titles.lookup({ source: 'imdb', id: 'tt1375666' });
    expect(lookup).toMatchObject({ state: 'found', watchlisted: true });
  });

  it('switches to a protected profile with its PIN', async () => {
    const { home, titles } = await signedInHome({ users: [KIDS, TEEN] });
    expect(await home.switchTo(TEEN.uuid, '4321')).toBeNull();
    expect(await active()).toBe('Sam');
    await titles.setWatchlist(INCEPTION, true);
    expect(await plex.watchlist('sam.example')).toEqual([INCEPTION]);
    const switched = (await plex.requests()).find((r) => r.path.endsWith('/switch'));
    expect(switched).toMatchObject({ method: 'POST', path: `/api/v2/home/users/${TEEN.uuid}/switch`, query: { pin: '4321' } });
  });

  it('keeps the profile in use on a wrong or missing PIN, and says so', async () => {
    const { home, onProfileChanged } = await signedInHome({ users: [KIDS, TEEN] });
    await home.switchTo(KIDS.uuid);
    const kidsToken = (await profileItem.getValue())!.token;
    expect(await home.switchTo(TEEN.uuid, '0000')).toBe('wrong-pin');
    expect(await home.switchTo(TEEN.uuid)).toBe('wrong-pin');
    expect(await active()).toBe('Kids');
    expect((await profileItem.getValue())!.token).toBe(kidsToken);
    expect(onProfileChanged).toHaveBeenCalledOnce();
  });

  it('keeps the profile in use when plex.tv cannot be reached for a switch', async () => {
    const { home } = await signedInHome({ users: [KIDS, TEEN] });
    await plex.fault({ path: '/api/v2/home/users/', kind: 'drop' });
    expect(await home.switchTo(KIDS.uuid)).toBe('network');
    expect(await active()).toBe('Alex Example');
    await plex.fault({ path: '/api/v2/home/users/', kind: 'status', status: 503 });
    expect(await home.switchTo(KIDS.uuid)).toBe('server');
    // plex.tv's 429 with Retry-After, as python-plexapi's query meets it (a BadRequest, not a wrong PIN).
    await plex.fault({ path: '/api/v2/home/users/', kind: 'status', status: 429, headers: { 'Retry-After': '30' } });
    expect(await home.switchTo(KIDS.uuid)).toBe('rate-limited');
    expect(await active()).toBe('Alex Example');
    expect(await tokenItem.getValue()).not.toBeNull();
  });

  it('switches back to the account’s own profile, asking its PIN, and revokes the profile’s token', async () => {
    const { accountToken, home } = await signedInHome({ users: [KIDS], adminPin: '1357' });
    await home.switchTo(KIDS.uuid);
    const kidsToken = (await profileItem.getValue())!.token;
    expect(await home.switchTo(DEFAULT_ACCOUNT.uuid, '2468')).toBe('wrong-pin');
    expect(await active()).toBe('Kids');
    expect(await home.switchTo(DEFAULT_ACCOUNT.uuid, '1357')).toBeNull();
    expect(await active()).toBe('Alex Example');
    expect(await profileItem.getValue()).toBeNull();
    expect(await readPlexToken()).toBe(accountToken);
    expect(await tokenAlive(kidsToken)).toBe(false);
    expect(await tokenAlive(accountToken)).toBe(true);
  });

  it('keeps the stored Home when listing it fails for a moment', async () => {
    const { home } = await signedInHome({ users: [KIDS] });
    await home.switchTo(KIDS.uuid);
    await plex.fault({ path: '/api/v2/home/users', kind: 'status', status: 500 });
    await home.refresh();
    expect(await active()).toBe('Kids');
    expect(await profileItem.getValue()).not.toBeNull();
  });

  it('goes back to the account’s own profile when plex.tv no longer takes the profile’s token', async () => {
    const { accountToken, home, onProfileChanged } = await signedInHome({ users: [KIDS] });
    await home.switchTo(KIDS.uuid);
    await plex.revoke((await profileItem.getValue())!.token);
    await home.checkProfile();
    expect(await readPlexToken()).toBe(accountToken);
    expect(await homeItem.getValue()).toMatchObject({ notice: 'profile-ended' });
    expect(await active()).toBe('Alex Example');
    expect(onProfileChanged).toHaveBeenCalledTimes(2);
  });

  it('signs out the account, not only the profile: every token revoked and forgotten', async () => {
    const { accountToken, home } = await signedInHome({ users: [KIDS] });
    await home.switchTo(KIDS.uuid);
    const kidsToken = (await profileItem.getValue())!.token;
    const account = createSignInService({ urls, product: 'Sidekick for Plex', plex: async () => context(), now: Date.now });
    // As the background's sign-out does it.
    await Promise.all([home.signOut(), account.signOut()]);
    expect(await homeItem.getValue()).toBeNull();
    expect(await profileItem.getValue()).toBeNull();
    expect(await readPlexToken()).toBeNull();
    expect(await tokenAlive(kidsToken)).toBe(false);
    expect(await tokenAlive(accountToken)).toBe(false);
  });

  it('uses no profile token once the account’s is gone', async () => {
    const { home } = await signedInHome({ users: [KIDS] });
    await home.switchTo(KIDS.uuid);
    await tokenItem.removeValue();
    expect(await readPlexToken()).toBeNull();
  });
});

async function tokenAlive(token: string): Promise<boolean> {
  const response = await fetch(`${plex.url}/api/v2/user`, {
    headers: { Accept: 'application/json', 'X-Plex-Token': token, 'X-Plex-Client-Identifier': 'check' },
  });
  return response.ok;
}
