import { describe, expect, it } from 'vitest';
import { chooseConnection, getServers, rankConnections, type ServerConnection } from '@/src/plex/servers';
import { buildIdentity } from '@/src/plex/identity';
import type { PlexContext } from '@/src/plex/http';

const local = (uri: string): ServerConnection => ({ uri, local: true, relay: false });
const remote = (uri: string): ServerConnection => ({ uri, local: false, relay: false });
const relay = (uri: string): ServerConnection => ({ uri, local: false, relay: true });

describe('ranking a server’s connections', () => {
  const connections = [
    relay('https://relay-1.abc.plex.direct:8443'),
    remote('http://203.0.113.7:32400'),
    remote('https://203-0-113-7.abc.plex.direct:32400'),
    local('http://192.168.1.5:32400'),
    local('https://192-168-1-5.abc.plex.direct:32400'),
  ];

  it('tries local before remote before relay, and https before http where plain HTTP is allowed', () => {
    expect(rankConnections({ owned: true, connections }, true).map((c) => c.uri)).toEqual([
      'https://192-168-1-5.abc.plex.direct:32400',
      'http://192.168.1.5:32400',
      'https://203-0-113-7.abc.plex.direct:32400',
      'https://relay-1.abc.plex.direct:8443',
    ]);
  });

  it('never sends a token over plain HTTP to a public address, even where the person allowed plain HTTP', () => {
    expect(rankConnections({ owned: true, connections }, true).map((c) => c.uri)).not.toContain('http://203.0.113.7:32400');
    // A remote connection at a private address is still remote: plex.tv did not see it on this network.
    expect(rankConnections({ owned: true, connections: [remote('http://10.0.0.2:32400')] }, true)).toEqual([]);
  });

  it('uses plain HTTP on the local network only once the person allowed it', () => {
    expect(rankConnections({ owned: true, connections }).map((c) => c.uri)).toEqual([
      'https://192-168-1-5.abc.plex.direct:32400',
      'https://203-0-113-7.abc.plex.direct:32400',
      'https://relay-1.abc.plex.direct:8443',
    ]);
  });

  it('never uses plain HTTP to a server that requires HTTPS', () => {
    expect(rankConnections({ owned: true, httpsRequired: true, connections }, true).map((c) => c.uri)).not.toContain('http://192.168.1.5:32400');
  });

  it('takes plain HTTP only at private or loopback addresses, never at a name', () => {
    const addresses = ['http://127.0.0.1:32400', 'http://10.1.2.3:32400', 'http://172.20.0.9:32400', 'http://[::1]:32400', 'http://[fd12::5]:32400'];
    const refused = ['http://172.32.0.1:32400', 'http://8.8.8.8:32400', 'http://plex.lan:32400', 'http://192.168.1.5.nip.io:32400', 'http://[2001:db8::1]:32400'];
    const ranked = rankConnections({ owned: true, connections: [...addresses, ...refused].map(local) }, true).map((c) => c.uri);
    expect(ranked.sort()).toEqual([...addresses].sort());
  });

  it('leaves out the local addresses of a server someone else owns', () => {
    expect(rankConnections({ owned: false, connections }, true).map((c) => c.uri)).toEqual([
      'https://203-0-113-7.abc.plex.direct:32400',
      'https://relay-1.abc.plex.direct:8443',
    ]);
  });

  it('tries the local addresses of a Plex Home server on this network, as the owner’s', () => {
    const home = { owned: false, home: true, publicAddressMatches: true, connections };
    expect(rankConnections(home).map((c) => c.uri)[0]).toBe('https://192-168-1-5.abc.plex.direct:32400');
    expect(rankConnections(home, true).map((c) => c.uri)).toContain('http://192.168.1.5:32400');
    // Away from that network its local addresses are someone else's.
    expect(rankConnections({ ...home, publicAddressMatches: false }, true).map((c) => c.local)).not.toContain(true);
  });

  it('tries an address listed twice only once', () => {
    const twice = [remote('https://a.plex.direct:32400'), remote('https://a.plex.direct:32400')];
    expect(rankConnections({ owned: true, connections: twice })).toHaveLength(1);
  });
});

describe('choosing a connection by probing them all at once', () => {
  /** A probe that answers `ok` after `ms`, or never when `ms` is Infinity. */
  const answers = (plan: Record<string, [ok: boolean, ms: number]>) => (uri: string) =>
    new Promise<boolean>((resolve) => {
      const [ok, ms] = plan[uri]!;
      if (Number.isFinite(ms)) setTimeout(() => resolve(ok), ms);
    });

  it('takes the best-ranked connection that answers, even when a worse one answers first', async () => {
    const probe = answers({ local: [true, 60], remote: [true, 0] });
    await expect(chooseConnection(['local', 'remote'], probe, 200)).resolves.toBe('local');
  });

  it('does not wait out a dead better address once a worse one works', async () => {
    const probe = answers({ local: [false, Infinity], remote: [true, 0] });
    const started = Date.now();
    await expect(chooseConnection(['local', 'remote'], probe, 50)).resolves.toBe('remote');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('falls back past addresses that fail, and gives up when none answers', async () => {
    await expect(chooseConnection(['a', 'b', 'c'], answers({ a: [false, 0], b: [false, 5], c: [true, 10] }), 50)).resolves.toBe('c');
    await expect(chooseConnection(['a', 'b'], answers({ a: [false, 0], b: [false, 5] }), 50)).resolves.toBeNull();
    await expect(chooseConnection([], answers({}), 50)).resolves.toBeNull();
  });

  it('counts a probe that throws as a failure', async () => {
    const probe = (uri: string) => (uri === 'a' ? Promise.reject(new Error('boom')) : Promise.resolve(true));
    await expect(chooseConnection(['a', 'b'], probe, 50)).resolves.toBe('b');
  });
});

describe('listing the servers', () => {
  const identity = buildIdentity({ clientIdentifier: 'c1', product: 'Sidekick for Plex', version: '1', userAgent: 'Chrome/140', os: 'linux' });
  const ctxAnswering = (body: unknown): PlexContext => ({
    identity,
    fetch: async () => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }),
  });
  const server = {
    name: 'Home',
    clientIdentifier: 'abc',
    provides: 'server',
    owned: true,
    accessToken: 'server-token',
    extraField: { anything: true },
    connections: [{ protocol: 'https', address: '10.0.0.2', port: 32400, uri: 'https://10-0-0-2.abc.plex.direct:32400/', local: true, relay: false, IPv6: false }],
  };

  it('keeps only devices that provide a server, with their own tokens', async () => {
    const player = { name: 'Phone', clientIdentifier: 'p1', provides: 'client,player', owned: true, connections: [] };
    const result = await getServers(ctxAnswering([player, server]), 'https://plex.test', 'account-token');
    expect(result).toEqual({
      ok: true,
      value: [
        {
          machineId: 'abc',
          name: 'Home',
          owned: true,
          accessToken: 'server-token',
          connections: [{ uri: 'https://10-0-0-2.abc.plex.direct:32400', local: true, relay: false }],
        },
      ],
    });
  });

  it('says which field is wrong when plex.tv sends a server without its id', async () => {
    const { clientIdentifier: _, ...broken } = server;
    const result = await getServers(ctxAnswering([broken]), 'https://plex.test', 'account-token');
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', detail: expect.stringContaining('clientIdentifier') } });
  });
});
