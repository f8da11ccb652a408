/** Hosts can be replaced at build time (tests, self-hosters) through the WXT_PLEX_* build variables (docs/DEVELOPING.md). */
export interface PlexUrls {
  /** plex.tv: PINs, the account, sign-out and the /link page */
  tv: string;
  /** app.plex.tv: the page where a person approves a strong PIN */
  app: string;
  metadata: string;
  discover: string;
}

function base(value: string | undefined, fallback: string): string {
  return (value || fallback).replace(/\/+$/, '');
}

export const PLEX_URLS: PlexUrls = {
  tv: base(import.meta.env.WXT_PLEX_TV_URL, 'https://plex.tv'),
  app: base(import.meta.env.WXT_PLEX_APP_URL, 'https://app.plex.tv'),
  metadata: base(import.meta.env.WXT_PLEX_METADATA_URL, 'https://metadata.provider.plex.tv'),
  discover: base(import.meta.env.WXT_PLEX_DISCOVER_URL, 'https://discover.provider.plex.tv'),
};

/** Shown to the person in plex.tv's Authorized Devices, so it is the extension's own name. */
export const PRODUCT = 'Sidekick for Plex';
