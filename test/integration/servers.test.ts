import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PROBE_TIMEOUT_MS } from '@/src/plex/resources';
import { createServerService } from '@/src/servers/service';
import { createSignInService } from '@/src/signin/service';
import { flowItem, serversItem, sessionItem, tokenItem } from '@/src/storage';
import { invalidTokenFault } from '../fake-plex/faults';
import type { FakeOddDevice } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexContext } from './plex-context';
import { plexDirectFetch } from './plex-direct-fetch';

/** What odd answers from plex.tv can make the background do: the server list, sizes, 422, avatars. */
const plex = await fakePlexForFile();

const urls = { tv: plex.url, app: plex.url, metadata: plex.url, discover: plex.url };
const serverFetch = plexDirectFetch();
const context = () => plexContext({ fetch: serverFetch, timeoutMs: 4000 });

/** The server list as the background keeps it, signed in with a token the fake issued. */
async function serverService(options: { reachable?: boolean } = {}) {
  const pin = (await (
    await fetch(`${plex.url}/api/v2/pins`, { method: 'POST', headers: { Accept: 'application/json', 'X-Plex-Client-Identifier': 'c' } })
  ).json()) as { id: number };
  await tokenItem.setValue((await plex.approve({ id: pin.id })).token);
  const onUnauthorized = vi.fn(async () => {});
  const service = createServerService({
    urls,
    plex: context,
    now: Date.now,
    canReach: async () => options.reachable ?? true,
    onUnauthorized,
  });
  return { service, onUnauthorized };
}

const listed = async () => (await serversItem.getValue())?.servers.map((s) => [s.name, s.status]);

beforeEach(() => fakeBrowser.reset());

describe('an odd device in plex.tv’s resources', () => {
  it('never breaks the list: players, clients and broken entries are skipped, the servers around them shown', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }] });
    const odd: FakeOddDevice[] = [
      'roku-player',
      'web-client',
      'server-with-null-name',
      'server-without-id',
      'null-entry',
      'server-without-connections',
    ];
    for (const kind of odd) await plex.addDevice(kind);
    await plex.addServer({ name: 'Cabin', connections: [{ local: true }] });
    const { service } = await serverService();
    await service.refresh();
    expect(await listed()).toEqual([
      ['Cabin', 'reachable'],
      ['Home Server', 'reachable'],
    ]);
    expect((await serversItem.getValue())?.problem).toBeUndefined();
  });

  it('reaches a server through its real address past entries that are not addresses', async () => {
    const home = await plex.addServer({
      name: 'Home Server',
      connections: [{ local: true }],
      oddConnections: ['not-a-url', 'wildcard-host', 'percent-host', 'user-info', 'null-uri'],
    });
    const { service } = await serverService();
    await service.refresh();
    const [entry] = (await serversItem.getValue())!.servers;
    expect(entry).toMatchObject({ status: 'reachable', connection: { uri: home.connections[0]!.uri } });
    expect(entry!.connections.map((c) => c.uri)).toEqual([home.connections[0]!.uri]);
  });

  it('asks permission only for hosts built from checked addresses', async () => {
    const home = await plex.addServer({
      name: 'Home Server',
      connections: [{ local: true }],
      oddConnections: ['wildcard-host', 'percent-host', 'user-info'],
    });
    const { service } = await serverService({ reachable: false });
    await service.refresh();
    const host = new URL(home.connections[0]!.uri).hostname;
    expect((await serversItem.getValue())!.servers[0]).toMatchObject({ status: 'needs-permission', missingOrigins: [`https://${host}/*`] });
  });
});

describe('sizes plex.tv and servers cannot exceed', () => {
  it('lists at most 50 of 60 servers', async () => {
    for (let n = 0; n < 60; n++)
      await plex.addServer({ name: `Server ${String(n).padStart(2, '0')}`, connections: [{ local: true, behaviour: 'refuse' }] });
    const { service } = await serverService();
    await service.refresh();
    const names = (await serversItem.getValue())!.servers.map((s) => s.name);
    expect(names).toHaveLength(50);
    expect(names.at(-1)).toBe('Server 49');
  });

  it('keeps at most 20 of a server’s 30 connections', async () => {
    await plex.addServer({ name: 'Busy', connections: Array.from({ length: 30 }, () => ({ local: true, behaviour: 'refuse' as const })) });
    const { service } = await serverService();
    await service.refresh();
    expect((await serversItem.getValue())!.servers[0]!.connections).toHaveLength(20);
  });

  it('probes at most six of a server’s addresses at once', async () => {
    const busy = await plex.addServer({
      name: 'Busy',
      connections: Array.from({ length: 8 }, () => ({ local: true, behaviour: 'hang' as const })),
    });
    const { service } = await serverService();
    const refreshed = service.refresh();
    const probes = async () => (await plex.serverRequests()).filter((r) => r.server === busy.machineIdentifier);
    await vi.waitFor(async () => expect(await probes()).toHaveLength(8), { timeout: 3 * PROBE_TIMEOUT_MS, interval: 50 });
    const times = (await probes()).map((r) => r.at).sort((a, b) => a - b);
    // The seventh waits for a slot: one of the first six has to time out first.
    expect(times[6]! - times[0]!).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 100);
    expect(times[5]! - times[0]!).toBeLessThan(1000);
    await refreshed;
  }, 20_000);

  it('refuses a 3 MB list and keeps the last one', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }] });
    const { service } = await serverService();
    await service.refresh();
    // A list that would parse, made 3 MB by a field nobody reads.
    const big = [
      { name: 'Big', clientIdentifier: 'big', provides: 'server', owned: true, connections: [], notes: 'x'.repeat(3 * 1024 * 1024) },
    ];
    await plex.fault({ path: '/api/v2/resources', kind: 'body', body: JSON.stringify(big) });
    await service.refresh();
    const list = await serversItem.getValue();
    expect(list?.problem).toBe('invalid-response');
    expect(list?.servers.map((s) => s.name)).toEqual(['Home Server']);
  });
});

describe('the account, as plex.tv answers it', () => {
  function signInService() {
    return createSignInService({ urls, product: 'Sidekick for Plex', now: () => Date.now(), plex: context });
  }

  async function signedIn(account?: Record<string, unknown>) {
    const service = signInService();
    await service.start('code');
    const flow = await flowItem.getValue();
    if (flow.status !== 'pending') throw new Error('not pending');
    await plex.approve({ code: flow.pin.code }, account);
    await vi.waitFor(async () => expect((await sessionItem.getValue())?.account).toBeDefined(), { timeout: 8000, interval: 50 });
    return service;
  }

  it('ends the session when plex.tv answers 422 "Invalid token"', async () => {
    const service = await signedIn();
    await plex.fault(invalidTokenFault('/api/v2/user'));
    await service.checkSession();
    expect(await flowItem.getValue()).toEqual({ status: 'idle', notice: 'session-ended' });
    expect(await tokenItem.getValue()).toBeNull();
  });

  it('hands a 422 "Invalid token" from the server list to the sign-in, as a 401', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }] });
    const { service, onUnauthorized } = await serverService();
    await plex.fault(invalidTokenFault('/api/v2/resources'));
    await service.refresh();
    expect(onUnauthorized).toHaveBeenCalled();
  });

  it('does not show an avatar served over http', async () => {
    await signedIn({ thumb: 'http://plex.tv/users/0f1e2d3c4b5a6978/avatar?c=1' });
    expect((await sessionItem.getValue())?.account?.avatarUrl).toBeUndefined();
  });

  it('shows an avatar served over https', async () => {
    await signedIn({ thumb: 'https://plex.tv/users/0f1e2d3c4b5a6978/avatar?c=1' });
    expect((await sessionItem.getValue())?.account?.avatarUrl).toBe('https://plex.tv/users/0f1e2d3c4b5a6978/avatar?c=1');
  });
});
