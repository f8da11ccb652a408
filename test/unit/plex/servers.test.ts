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

  it('tries local before remote before relay, and https before http', () => {
    expect(rankConnections({ owned: true, connections }).map((c) => c.uri)).toEqual([
      'https://192-168-1-5.abc.plex.direct:32400',
      'http://192.168.1.5:32400',
      'https://203-0-113-7.abc.plex.direct:32400',
      'http://203.0.113.7:32400',
      'https://relay-1.abc.plex.direct:8443',
    ]);
  });

  it('leaves out the local addresses of a server someone else owns', () => {
    expect(rankConnections({ owned: false, connections }).map((c) => c.uri)).toEqual([
      'https://203-0-113-7.abc.plex.direct:32400',
      'http://203.0.113.7:32400',
      'https://relay-1.abc.plex.direct:8443',
    ]);
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
