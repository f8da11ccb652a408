import { PlexAPICore } from '@lukehagar/plexjs/core.js';
import { plexGetPin } from '@lukehagar/plexjs/funcs/plexGetPin.js';
import { plexGetTokenByPinId } from '@lukehagar/plexjs/funcs/plexGetTokenByPinId.js';

/** On @lukehagar/plexjs's standalone functions and `PlexAPICore`, the form its docs recommend for bundle size; no UI or storage. */
export interface SignInOptions {
  clientID: string;
  clientName: string;
  /** plex.tv's API base, `https://plex.tv/api/v2` unless pointed elsewhere (the bench's fake). */
  serverURL?: string;
  /** Told the 4-character code to show the person. */
  onCode(code: string): void;
  pollMs?: number;
}

export async function signInWithPlexjs(options: SignInOptions): Promise<string> {
  const plex = new PlexAPICore();
  const call = options.serverURL ? { serverURL: options.serverURL } : undefined;
  const identity = { clientID: options.clientID, clientName: options.clientName };
  const created = await plexGetPin(plex, { ...identity, strong: false }, call);
  if (!created.ok) throw created.error;
  const pin = created.value.authPinContainer;
  if (!pin) throw new Error('Plex answered without a PIN');
  options.onCode(pin.code);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
    const polled = await plexGetTokenByPinId(plex, { ...identity, pinID: pin.id }, call);
    if (!polled.ok) throw polled.error;
    const token = polled.value.authPinContainer?.authToken;
    if (token) return token;
  }
}
