import { browser } from 'wxt/browser';
import type { ProfileSwitchFailure } from './failures';
import type { SignInMode } from './signin/state';
import type { TitleRef } from './titles/ids';
import type { MarksReply } from './titles/marks';
import type { Lookup, WatchlistReply } from './titles/types';
import type { SeerrReply } from './seerr/types';

/** Types and small constants only, so content scripts share it without zod; the background checks requests with src/message-schemas.ts. */
export interface Protocol {
  'sign-in': { from: 'popup'; request: { mode: SignInMode }; reply: Done };
  'open-approval': { from: 'popup'; request: Empty; reply: Done };
  cancel: { from: 'popup'; request: Empty; reply: Done };
  'sign-out': { from: 'popup'; request: Empty; reply: Done };
  'check-session': { from: 'popup'; request: Empty; reply: Done };
  'refresh-servers': { from: 'popup'; request: Empty; reply: Done };
  'refresh-index': { from: 'popup'; request: Empty; reply: Done };
  'allow-plain-http': { from: 'popup'; request: { machineId: string; allowed: boolean }; reply: Done };
  /** To a Plex Home profile by its uuid, with its PIN if it has one. */
  'switch-profile': { from: 'popup'; request: { uuid: string; pin?: string }; reply: ProfileSwitched };
  lookup: { from: 'page'; request: { title: TitleRef }; reply: Lookup };
  watchlist: { from: 'page'; request: { ratingKey: string; on: boolean }; reply: WatchlistReply };
  'open-sign-in': { from: 'page'; request: Empty; reply: Done };
  /** A list page's titles in view (at most MAX_MARKS_PER_MESSAGE), answered from the library index only (src/titles/marks.ts). */
  marks: { from: 'page'; request: { titles: TitleRef[] }; reply: MarksReply | Done };
  /** The options page saved a Seerr address: sign in there and keep the outcome for the page. */
  'seerr-check': { from: 'popup'; request: Empty; reply: Done };
  /** A title's state in the person's Seerr, and a request there (a show's seasons; none for all). */
  'seerr-status': { from: 'page'; request: SeerrTitleRef; reply: SeerrReply };
  'seerr-request': { from: 'page'; request: SeerrTitleRef & { seasons?: number[] }; reply: SeerrReply };
  /** Sent by the background to pages with a badge when someone signs in or out; not answered. */
  'sidekick-session-changed': { from: 'background'; request: Empty; reply: void };
}

type Empty = Record<never, never>;

/** A profile switch, or why it did not happen (the profile in use stays). */
export type ProfileSwitched = { ok: true } | { ok: false; reason: ProfileSwitchFailure };
/** A title as Seerr knows it: TMDb's kind and id. */
export interface SeerrTitleRef {
  kind: 'movie' | 'tv';
  tmdbId: number;
}

/** For requests whose outcome shows elsewhere (the popup watches storage); nothing here returns the token. */
export type Done = { ok: true } | { ok: false; error: string };

export type MessageType = keyof Protocol;
export type Side = Protocol[MessageType]['from'];
/** The message types `from` may send. */
export type TypeFrom<From extends Side> = { [K in MessageType]: Protocol[K]['from'] extends From ? K : never }[MessageType];
/** The message of a type (a union of messages for a union of types). */
export type Message<K extends MessageType> = K extends MessageType ? Flat<{ type: K } & Protocol[K]['request']> : never;
type Flat<T> = { [P in keyof T]: T[P] };
export type Reply<K extends MessageType> = Protocol[K]['reply'];

export type PopupRequest = Message<TypeFrom<'popup'>>;
export type PageRequest = Message<TypeFrom<'page'>>;

export const SESSION_CHANGED = 'sidekick-session-changed' satisfies TypeFrom<'background'>;

/** The popup holds this port open while it is shown, so the background knows someone watches. */
export const WATCH_PORT = 'popup-watch';

const notDone = (why: string): Done => ({ ok: false, error: why });

/** The reply when the background threw, refused or did not answer; apart from FAILED so content scripts do not bundle the popup's map. */
const PAGE_FAILED: { [K in TypeFrom<'page'>]: (why: string) => Reply<K> } = {
  lookup: () => ({ state: 'failed', reason: 'other' }),
  watchlist: () => ({ ok: false, reason: 'other' }),
  'open-sign-in': notDone,
  marks: notDone,
  'seerr-status': () => ({ ok: false, reason: 'other' }),
  'seerr-request': () => ({ ok: false, reason: 'other' }),
};

export const FAILED: { [K in TypeFrom<'popup' | 'page'>]: (why: string) => Reply<K> } = {
  'sign-in': notDone,
  'open-approval': notDone,
  cancel: notDone,
  'sign-out': notDone,
  'check-session': notDone,
  'refresh-servers': notDone,
  'refresh-index': notDone,
  'allow-plain-http': notDone,
  'switch-profile': () => ({ ok: false, reason: 'other' }),
  'seerr-check': notDone,
  ...PAGE_FAILED,
};

/** The failure reply for a message's type, for any message at all (`why` says what went wrong). */
export function failedReply<K extends TypeFrom<'popup' | 'page'>>(type: K, why: string): Reply<K> {
  return FAILED[type](why);
}

/** Any failure comes back as the request's failure reply, never as an exception, so a sender handles one shape. */
function asker<From extends 'popup' | 'page'>(failed: { [K in TypeFrom<From>]: (why: string) => Reply<K> }) {
  return async <M extends Message<TypeFrom<From>>>(message: M): Promise<Reply<M['type']>> => {
    // TypeScript cannot tie `failed[message.type]` to the message's own type; the map's type does.
    const fail = failed[message.type as TypeFrom<From>] as (why: string) => Reply<M['type']>;
    try {
      const reply = await browser.runtime.sendMessage<M, Reply<M['type']> | undefined>(message);
      return reply ?? fail('no answer');
    } catch (error) {
      // Also when the extension was updated or reloaded under a page: it has no one to ask any more.
      return fail(error instanceof Error ? error.message : String(error));
    }
  };
}

/** What the popup sends. */
export const send: <M extends PopupRequest>(request: M) => Promise<Reply<M['type']>> = /* @__PURE__ */ asker<'popup'>(FAILED);
/** What a page's badge sends. */
export const sendFromPage: <M extends PageRequest>(request: M) => Promise<Reply<M['type']>> = /* @__PURE__ */ asker<'page'>(PAGE_FAILED);

/** The handlers of everything `From` sends: each takes its request and returns that request's reply. */
export type Handlers<From extends Side, Context> = {
  [K in TypeFrom<From>]: (request: Message<K>, context: Context) => Promise<Reply<K>>;
};

/** A handler that throws answers with the request's failure reply, so the sender gets a reply of the type it expects. */
export function handle<From extends 'popup' | 'page', Context>(
  handlers: Handlers<From, Context>,
  request: Message<TypeFrom<From>>,
  context: Context,
): Promise<unknown> {
  // TypeScript cannot tie `handlers[request.type]` to `request`'s own type; Handlers does.
  const type = request.type as TypeFrom<'popup' | 'page'>;
  const handler = handlers[type as TypeFrom<From>] as (request: unknown, context: Context) => Promise<unknown>;
  return handler(request, context).catch((error: unknown) => failedReply(type, error instanceof Error ? error.message : 'failed'));
}

/** The reply to a message the background refuses: the failure reply of the type it names, if any. */
export function refusedReply(message: unknown): unknown {
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && Object.hasOwn(FAILED, type)) return failedReply(type as TypeFrom<'popup' | 'page'>, 'unknown request');
  return { ok: false, error: 'unknown request' };
}

/** Whether a message is the background's notice of a sign-in or sign-out. */
export function isSessionChanged(message: unknown): boolean {
  return (message as { type?: unknown } | null)?.type === SESSION_CHANGED;
}
