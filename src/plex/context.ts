import { browser } from 'wxt/browser';
import { PRODUCT } from '../config';
import { ensureClientId } from '../storage';
import type { PlexContext } from './http';
import { buildIdentity } from './identity';

/** The Plex client context of this browser, built once per background lifetime. */
export function browserPlexContext(): () => Promise<PlexContext> {
  let context: Promise<PlexContext> | undefined;
  return () => {
    context ??= (async () => {
      const [clientIdentifier, platform] = await Promise.all([ensureClientId(), browser.runtime.getPlatformInfo()]);
      const identity = buildIdentity({
        clientIdentifier,
        product: PRODUCT,
        version: browser.runtime.getManifest().version,
        userAgent: navigator.userAgent,
        os: platform.os,
      });
      return { fetch: (input, init) => fetch(input, init), identity };
    })();
    // A failed build (storage unreadable for a moment) is retried on the next call.
    context.catch(() => (context = undefined));
    return context;
  };
}
