import type { SeerrFailure } from '../failures';

/** Types only, so content scripts share them without bundling a schema library. */

/** A title's state there, from `mediaInfo.status` (1 unknown … 5 available, 6 blocklisted, 7 deleted). */
export type SeerrTitleState = 'none' | 'pending' | 'processing' | 'partial' | 'available' | 'blocked';

export type { SeerrFailure };

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
