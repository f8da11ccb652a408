import { describe, expect, it } from 'vitest';
import { buildIdentity, detectBrowser } from '@/src/plex/identity';
import { approvedPageUrl, authPageUrl, linkPageUrl } from '@/src/plex/pins';

describe('the identity shown in Plex', () => {
  it('names Chrome and Firefox by their user agents', () => {
    expect(
      detectBrowser('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.73 Safari/537.36'),
    ).toEqual({ platform: 'Chrome', platformVersion: '156.0.8078.73' });
    expect(detectBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:153.0) Gecko/20100101 Firefox/153.0')).toEqual({
      platform: 'Firefox',
      platformVersion: '153.0',
    });
  });

  it('reads as "<browser> on <OS>" in Authorized Devices', () => {
    const identity = buildIdentity({
      clientIdentifier: 'id',
      product: 'Sidekick for Plex',
      version: '1.0.0',
      userAgent: 'Mozilla/5.0 (Macintosh) Chrome/150.0.1.2 Safari/537.36',
      os: 'mac',
    });
    expect(identity.device).toBe('macOS');
    expect(identity.deviceName).toBe('Chrome on macOS');
  });
});

describe('the pages where a PIN is approved', () => {
  it('passes the client id, code, product and where to go after approval to the auth page in its fragment', () => {
    const url = authPageUrl('https://app.plex.tv', {
      clientIdentifier: 'abc-123',
      code: 'x1y2',
      product: 'Sidekick for Plex',
      forwardUrl: approvedPageUrl('https://plex.tv'),
    });
    expect(url).toBe(
      'https://app.plex.tv/auth#?clientID=abc-123&code=x1y2&context%5Bdevice%5D%5Bproduct%5D=Sidekick+for+Plex&forwardUrl=https%3A%2F%2Fplex.tv%2Fapi%2Fv2%2Fping',
    );
  });

  it('links a 4-character code to plex.tv/link', () => {
    expect(linkPageUrl('https://plex.tv', '7RQZ')).toBe('https://plex.tv/link/?pin=7RQZ');
  });
});
