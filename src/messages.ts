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
]);
export type PopupRequest = z.infer<typeof PopupRequest>;

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
