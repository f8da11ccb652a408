import { describe, expect, it, vi } from 'vitest';
import {
  chooseConnection,
  getServers,
  MAX_CONNECTIONS,
  MAX_SERVERS,
  rankConnections,
  serversFromResources,
  type ServerConnection,
} from '@/src/plex/resources';
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
    expect(rankConnections({ owned: true, httpsRequired: true, connections }, true).map((c) => c.uri)).not.toContain(
      'http://192.168.1.5:32400',
    );
  });

  it('takes plain HTTP only at private or loopback addresses, never at a name', () => {
    const addresses = [
      'http://127.0.0.1:32400',
      'http://10.1.2.3:32400',
      'http://172.20.0.9:32400',
      'http://[::1]:32400',
      'http://[fd12::5]:32400',
    ];
    const refused = [
      'http://172.32.0.1:32400',
      'http://8.8.8.8:32400',
      'http://plex.lan:32400',
      'http://192.168.1.5.nip.io:32400',
      'http://[2001:db8::1]:32400',
    ];
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
  const identity = buildIdentity({
    clientIdentifier: 'c1',
    product: 'Sidekick for Plex',
    version: '1',
    userAgent: 'Chrome/140',
    os: 'linux',
  });
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
    connections: [
      {
        protocol: 'https',
        address: '10.0.0.2',
        port: 32400,
        uri: 'https://10-0-0-2.abc.plex.direct:32400/',
        local: true,
        relay: false,
        IPv6: false,
      },
    ],
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

describe('probing at most a few connections at once', () => {
  it('keeps no more than six probes in flight, best-ranked first, and starts none after a winner', async () => {
    const candidates = Array.from({ length: 10 }, (_, index) => index);
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    const pending = new Map<number, (ok: boolean) => void>();
    const probe = (index: number) =>
      new Promise<boolean>((resolve) => {
        started.push(index);
        most = Math.max(most, ++inFlight);
        pending.set(index, (ok) => {
          inFlight--;
          resolve(ok);
        });
      });
    const chosen = chooseConnection(candidates, probe, 10_000);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    pending.get(0)!(false);
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]));
    pending.get(1)!(true);
    await expect(chosen).resolves.toBe(1);
    expect(most).toBe(6);
    expect(started).toHaveLength(7);
  });
});

describe('reading plex.tv’s devices one by one', () => {
  const connection = (uri: unknown, local = true) => ({
    protocol: 'https',
    address: '10.0.0.2',
    port: 32400,
    uri,
    local,
    relay: false,
    IPv6: false,
  });
  const server = (id: string, extra: Record<string, unknown> = {}) => ({
    name: `Server ${id}`,
    clientIdentifier: id,
    provides: 'server',
    owned: true,
    ownerId: null,
    sourceTitle: null,
    accessToken: `token-${id}`,
    connections: [connection(`https://10-0-0-2.${id}.plex.direct:32400`)],
    ...extra,
  });
  const names = (result: ReturnType<typeof serversFromResources>) => (result.ok ? result.value.map((s) => s.name) : result);

  it('skips players and clients, with their null tokens, and keeps the servers around them', () => {
    // Kha-kis/arr-dashboard #631: a Roku player listed with `accessToken: null`.
    const roku = {
      name: 'Living room',
      product: 'Plex for Roku',
      provides: 'player,pubsub-player',
      owned: true,
      accessToken: null,
      connections: [],
    };
    const web = { name: 'Chrome', product: 'Plex Web', provides: 'client,player,pubsub-player', accessToken: null, connections: null };
    expect(names(serversFromResources([server('a'), roku, web, server('b')]))).toEqual(['Server a', 'Server b']);
  });

  it.each([
    ['a null entry', null],
    ['a string', 'server'],
    ['a server without an id', { ...server('x'), clientIdentifier: undefined }],
    ['a server with a null name', server('x', { name: null })],
    ['a server whose connections are not a list', server('x', { connections: 'https://10.0.0.2:32400' })],
    ['a server with a numeric owner flag', server('x', { owned: 1 })],
    ['an entry without provides', { name: 'x', clientIdentifier: 'x' }],
  ])('skips %s and keeps the servers around it', (_, odd) => {
    expect(names(serversFromResources([server('a'), odd, server('b')]))).toEqual(['Server a', 'Server b']);
  });

  it('skips a server with `connections: null` and keeps the servers around it', () => {
    expect(names(serversFromResources([server('a'), server('x', { connections: null }), server('b')]))).toEqual(['Server a', 'Server b']);
  });

  it('drops connections that are not usable addresses and keeps the good ones', () => {
    const good = 'https://10-0-0-2.a.plex.direct:32400';
    const odd = [
      connection('https://*.plex.direct:32400'),
      connection('https://10%2e0.0.2:32400'),
      connection('https://plex:secret@10.0.0.2:32400'),
      connection('plex.local:32400'),
      connection(null),
      { ...connection('https://10.0.0.3:32400'), local: null },
      'https://10.0.0.4:32400',
    ];
    const result = serversFromResources([server('a', { connections: [...odd, connection(good)] })]);
    expect(result).toMatchObject({ ok: true, value: [{ connections: [{ uri: good, local: true, relay: false }] }] });
  });

  it('calls the answer invalid only when every server entry is unreadable', () => {
    expect(serversFromResources([{ provides: 'server', name: 'x' }])).toMatchObject({
      ok: false,
      error: { kind: 'invalid-response', detail: expect.stringContaining('clientIdentifier') },
    });
    expect(serversFromResources([{ name: 'Phone', provides: 'client,player' }])).toEqual({ ok: true, value: [] });
  });

  it('keeps at most 50 servers, owned ones first', () => {
    const shared = Array.from({ length: 55 }, (_, i) => server(`shared${i}`, { owned: false, sourceTitle: 'Sam' }));
    const owned = Array.from({ length: 5 }, (_, i) => server(`own${i}`));
    const result = serversFromResources([...shared, ...owned]);
    if (!result.ok) throw new Error('not ok');
    expect(result.value).toHaveLength(MAX_SERVERS);
    expect(result.value.slice(0, 5).map((s) => s.machineId)).toEqual(['own0', 'own1', 'own2', 'own3', 'own4']);
  });

  it('keeps at most 20 connections of a server, in plex.tv’s order', () => {
    const many = Array.from({ length: 30 }, (_, i) => connection(`https://10.0.1.${i}:32400`));
    const result = serversFromResources([server('a', { connections: many })]);
    if (!result.ok) throw new Error('not ok');
    expect(result.value[0]!.connections.map((c) => c.uri)).toEqual(many.slice(0, MAX_CONNECTIONS).map((c) => c.uri));
  });

  it('cuts server and owner names to 200 characters', () => {
    const result = serversFromResources([server('a', { name: 'N'.repeat(5000), owned: false, sourceTitle: '😀'.repeat(300) })]);
    if (!result.ok) throw new Error('not ok');
    const [kept] = result.value;
    expect(Array.from(kept!.name)).toHaveLength(200);
    expect(kept!.name.endsWith('…')).toBe(true);
    expect(Array.from(kept!.sourceTitle!)).toHaveLength(200);
    expect(kept!.sourceTitle!.startsWith('😀'.repeat(199))).toBe(true);
  });
});
