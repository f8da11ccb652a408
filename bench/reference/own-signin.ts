import { checkPin, createPin } from '../../src/plex/pins';
import type { SignInOptions } from './plexjs-signin';

/** The plexjs reference's like-for-like counterpart on this extension's own Plex client (src/plex), bundled the same way. */
export async function signInWithOwnClient(options: SignInOptions): Promise<string> {
  const ctx = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    identity: {
      clientIdentifier: options.clientID,
      product: options.clientName,
      version: '0',
      platform: 'Web',
      platformVersion: '',
      device: 'Web',
      deviceName: options.clientName,
    },
  };
  const tvUrl = (options.serverURL ?? 'https://plex.tv/api/v2').replace(/\/api\/v2$/, '');
  const created = await createPin(ctx, tvUrl, false);
  if (!created.ok) throw new Error(created.error.kind);
  options.onCode(created.value.code);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
    const polled = await checkPin(ctx, tvUrl, created.value);
    if (!polled.ok) throw new Error(polled.error.kind);
    if (polled.value.authToken) return polled.value.authToken;
  }
}
