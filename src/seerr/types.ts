/**
 * What a page and the options page learn about the person's Seerr (or Overseerr, Jellyseerr).
 * Types only, so content scripts can share them without bundling a schema library.
 */

/** A title's state there, from `mediaInfo.status` (1 unknown … 5 available, 6 blocklisted, 7 deleted). */
export type SeerrTitleState = 'none' | 'pending' | 'processing' | 'partial' | 'available' | 'blocked';

/** Why Seerr could not be asked or could not do it, each with a sentence of its own. */
export type SeerrFailure =
  /** No answer from the address (down, wrong address, or no host permission). */
  | 'unreachable'
  /** Seerr refused the person's Plex account (not imported, or no right to request). */
  | 'not-allowed'
  | 'quota'
  /** The instance has Plex sign-in turned off and no API key is set. */
  | 'plex-login-disabled'
  /** Not signed in to Plex, so there is no token to sign in to Seerr with. */
  | 'signed-out'
  | 'already-requested'
  /** Its CSRF protection is on: only its own pages can sign in or request (csurf, `invalid csrf token`). */
  | 'csrf-protected'
  | 'other';

export type SeerrTitle = {
  state: SeerrTitleState;
  /** For shows: the seasons that can still be requested (specials left out, as Seerr's own page does). */
  seasons?: number[];
};

export type SeerrReply =
  /** No Seerr address is set: the badge shows nothing of it. */
  { ok: false; reason: 'off' } | { ok: false; reason: SeerrFailure } | ({ ok: true } & SeerrTitle);

/** What the options page shows under the address, written by the background after each check. */
export type SeerrConnection = { state: 'connected'; user?: string } | { state: SeerrFailure };
