import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { SignInMode } from './signin/state';

/**
 * Everything the popup may ask of the background. Nothing here returns the token: the popup
 * learns the outcome by watching storage.
 */
export const PopupRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sign-in'), mode: SignInMode }),
  z.object({ type: z.literal('open-approval') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('sign-out') }),
  z.object({ type: z.literal('check-session') }),
  z.object({ type: z.literal('refresh-servers') }),
]);
export type PopupRequest = z.infer<typeof PopupRequest>;

const TitleKind = z.enum(['movie', 'show']);

/** Title ids as the sites write them; anything else is refused before it reaches a URL. */
export const TitleRefSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('imdb'), id: z.string().check(z.regex(/^tt\d{7,10}$/)), kind: z.optional(TitleKind) }),
  z.object({ source: z.literal('tmdb'), id: z.string().check(z.regex(/^\d{1,9}$/)), kind: TitleKind }),
]);

/**
 * Everything a content script may ask of the background: look a title up, change the
 * watchlist, start a sign-in. No operation returns a token or fetches an address it is given.
 */
export const PageRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lookup'), title: TitleRefSchema }),
  z.object({ type: z.literal('watchlist'), ratingKey: z.string().check(z.regex(/^[0-9A-Za-z]{1,64}$/)), on: z.boolean() }),
  z.object({ type: z.literal('open-sign-in') }),
]);
export type PageRequest = z.infer<typeof PageRequest>;

export type Reply = { ok: true } | { ok: false; error: string };

/** The popup holds this port open while it is shown, so the background knows someone watches. */
export const WATCH_PORT = 'popup-watch';

export async function send(request: PopupRequest): Promise<Reply> {
  try {
    return ((await browser.runtime.sendMessage(request)) as Reply | undefined) ?? { ok: false, error: 'no answer' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
