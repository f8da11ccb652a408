import type { PlexContext } from '@/src/plex/http';
import { buildIdentity } from '@/src/plex/identity';
import { ensureClientId } from '@/src/storage';

/** The client id is read from storage on every call unless given, as the background does: a test that resets storage gets a new one. */
export async function plexContext(
  options: { fetch?: typeof fetch; timeoutMs?: number; clientIdentifier?: string; userAgent?: string } = {},
): Promise<PlexContext> {
  return {
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 2000,
    identity: buildIdentity({
      clientIdentifier: options.clientIdentifier ?? (await ensureClientId()),
      product: 'Sidekick for Plex',
      version: '0.1.0',
      userAgent: options.userAgent ?? 'Chrome/150.0',
      os: 'linux',
    }),
  };
}
