import { describe, expect, it } from 'vitest';
import { parseServerAddress } from '@/src/plex/address';
import { originPattern } from '@/src/servers/service';

describe('server addresses from plex.tv', () => {
  it('takes the shapes Plex sends: plex.direct names, IP literals, ports, a trailing slash', () => {
    expect(parseServerAddress('https://192-168-1-5.0123abcd.plex.direct:32400/')).toEqual({
      uri: 'https://192-168-1-5.0123abcd.plex.direct:32400',
      protocol: 'https:',
      hostname: '192-168-1-5.0123abcd.plex.direct',
    });
    expect(parseServerAddress('http://192.168.1.5:32400')?.uri).toBe('http://192.168.1.5:32400');
    expect(parseServerAddress('https://[2001:db8::5]:32400')?.hostname).toBe('[2001:db8::5]');
    expect(parseServerAddress('HTTPS://Plex.Example.COM')?.uri).toBe('https://plex.example.com');
  });

  it.each([
    ['a wildcard host', 'https://*.plex.direct:32400'],
    ['a percent-escaped host', 'https://192%2e168.1.5:32400'],
    ['user info', 'https://user:secret@10.0.0.2:32400'],
    ['an address without scheme', 'plex.local:32400'],
    ['another scheme', 'ftp://10.0.0.2:21'],
    ['a path', 'https://10.0.0.2:32400/web'],
    ['a query', 'https://10.0.0.2:32400?x=1'],
    ['a port that is not a number', 'https://10.0.0.2:port'],
    ['a port out of range', 'https://10.0.0.2:99999'],
    ['port 0', 'https://10.0.0.2:0'],
    ['an underscore in the host', 'https://my_server.example.com'],
    ['a space', 'https://10.0.0.2 :32400'],
    ['nothing', ''],
  ])('refuses %s', (_, uri) => {
    expect(parseServerAddress(uri)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 32400, { uri: 'https://10.0.0.2' }]) expect(parseServerAddress(value)).toBeNull();
  });

  it('builds permission patterns from checked parts only', () => {
    expect(originPattern('https://10-0-0-2.abc.plex.direct:32400')).toBe('https://10-0-0-2.abc.plex.direct/*');
    expect(originPattern('http://192.168.1.5:32400/')).toBe('http://192.168.1.5/*');
    expect(() => originPattern('https://*.plex.direct:32400')).toThrow();
    expect(() => originPattern('https://%2A.plex.direct')).toThrow();
  });
});
