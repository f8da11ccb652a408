import { vi } from 'vitest';
import { createLibraryIndex } from '@/src/library/service';
import { memoryStore } from '@/src/library/store';
import { createServerService } from '@/src/servers/service';
import { createTitleService } from '@/src/titles/service';
import { tokenItem } from '@/src/storage';
import type { FakePlex } from '../fake-plex/server';
import { plexContext } from './plex-context';
import { plexDirectFetch } from './plex-direct-fetch';

export const CLIENT_ID = '6b1f1c3e-1b0e-4a7e-9c59-0e5f0f3c2d11';

export const context = (timeoutMs = 2000) => plexContext({ fetch: plexDirectFetch(), timeoutMs, clientIdentifier: CLIENT_ID });

/** A real account token: a PIN created and approved on the fake, as a person would. */
export async function signIn(plex: FakePlex): Promise<string> {
  const response = await fetch(`${plex.url}/api/v2/pins?strong=true`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'X-Plex-Client-Identifier': CLIENT_ID },
  });
  const pin = (await response.json()) as { id: number };
  const { token } = await plex.approve({ id: pin.id });
  await tokenItem.setValue(token);
  return token;
}

/** The background's server and title services, with real fetch, pointed at the fake. */
export function titleServices(
  plex: FakePlex,
  options: { blocked?: string[]; timeoutMs?: number; index?: boolean; onIndexChanged?: () => void } = {},
) {
  const onUnauthorized = vi.fn(async () => {});
  const urls = { tv: plex.url, app: 'https://app.plex.test', metadata: plex.url, discover: plex.url };
  const plexCtx = () => context(options.timeoutMs);
  const servers = createServerService({
    urls,
    plex: plexCtx,
    now: Date.now,
    canReach: async (uri) => !(options.blocked ?? []).some((prefix) => uri.startsWith(prefix)),
    onUnauthorized,
  });
  const library = createLibraryIndex({ plex: plexCtx, now: Date.now, servers, store: memoryStore(), onChanged: options.onIndexChanged });
  const titles = createTitleService({
    urls,
    plex: plexCtx,
    now: Date.now,
    servers,
    onUnauthorized,
    ...(options.index && { index: library }),
  });
  return { servers, titles, library, onUnauthorized };
}

/** Plex Web's link to an item on a fake server, as the badge receives it. */
export const plexLink = (machineIdentifier: string, ratingKey: string) =>
  `https://app.plex.test/desktop#!/server/${machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F${ratingKey}`;
