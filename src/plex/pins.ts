import { Pin } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';

/** A strong PIN (25 characters, 30 minutes) is for the auth page; a short one (4 characters, 15 minutes) is typed at plex.tv/link. */
export function createPin(ctx: PlexContext, tvUrl: string, strong: boolean): Promise<Result<Pin>> {
  return plexRequest(ctx, {
    base: tvUrl,
    path: '/api/v2/pins',
    method: 'POST',
    query: strong ? { strong: 'true' } : {},
    schema: Pin,
  });
}

/** Plex answers 404 once the PIN is unknown or expired; `code` is sent because Plex may require it. */
export function checkPin(ctx: PlexContext, tvUrl: string, pin: { id: number; code: string }): Promise<Result<Pin>> {
  return plexRequest(ctx, {
    base: tvUrl,
    path: `/api/v2/pins/${pin.id}`,
    query: { code: pin.code },
    schema: Pin,
  });
}

/** The auth page's `forwardUrl`: on plex.tv, a host we may reach, so `tabs.onUpdated` sees it arrive without the `tabs` permission. */
export function approvedPageUrl(tvUrl: string): string {
  // An API address is served as is (no redirect out of sight) and shows nothing of the person's while the tab closes.
  return `${tvUrl}/api/v2/ping`;
}

export function authPageUrl(
  appUrl: string,
  params: { clientIdentifier: string; code: string; product: string; forwardUrl: string },
): string {
  // The auth page reads its parameters from the fragment, after "#?".
  const query = new URLSearchParams({
    clientID: params.clientIdentifier,
    code: params.code,
    'context[device][product]': params.product,
    forwardUrl: params.forwardUrl,
  });
  return `${appUrl}/auth#?${query.toString()}`;
}

export function linkPageUrl(tvUrl: string, code: string): string {
  return `${tvUrl}/link/?pin=${encodeURIComponent(code)}`;
}
