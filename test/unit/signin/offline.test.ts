import { describe, expect, it, vi } from 'vitest';
import { freshBrowserOnFakeClock, json, signInServiceWith } from './scripted-service';
import { resumeWhenOnline } from '@/src/signin/online';
import { flowItem, tokenItem } from '@/src/storage';

const TOKEN = 'tok-online';

/** plex.tv behind a network that can be switched off: offline, fetch rejects as a browser's does. */
function network() {
  const net = {
    online: true,
    polls: 0,
    approved: false,
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      if (!net.online) throw new TypeError('Failed to fetch');
      const { pathname } = new URL(new Request(input, init).url);
      if (pathname === '/api/v2/pins') return json({ id: 7, code: 'ABCD', expiresIn: 900, authToken: null }, 201);
      if (pathname === '/api/v2/pins/7') {
        net.polls += 1;
        return json({ id: 7, code: 'ABCD', expiresIn: 800, authToken: net.approved ? TOKEN : null });
      }
      if (pathname === '/api/v2/user') return json({ id: 1, username: 'alex' });
      return json({}, 404);
    },
  };
  return net;
}

describe('going offline while a sign-in waits', () => {
  freshBrowserOnFakeClock();

  it('backs off while offline and asks at once when the browser is back online', async () => {
    const net = network();
    const service = signInServiceWith(net.fetch);
    const scope = new EventTarget();
    resumeWhenOnline(scope, service.resume);
    const stopWatching = service.watch();
    await service.start('code');

    net.online = false;
    await vi.advanceTimersByTimeAsync(40_000);
    expect(await flowItem.getValue()).toMatchObject({ status: 'pending', problem: 'network' });
    expect(net.polls).toBe(0);

    // Back online, and approved meanwhile: the back-off alone would wait many more seconds...
    net.online = true;
    net.approved = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await tokenItem.getValue()).toBeNull();
    // ...but the browser says it is online again, so the background asks at once.
    scope.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(100);
    expect(await tokenItem.getValue()).toBe(TOKEN);
    expect(net.polls).toBe(1);
    stopWatching();
  });
});
