import * as z from 'zod/mini';
import { ServerList, ServerTokens } from './servers/state';
import { FlowState, Session } from './signin/state';
import { defineItem } from './stored-item';

/** Writes of several items at once (`storage.setItems`, `storage.removeItems`) are one change each. */
export { removeItems, setItems, storage } from './stored-item';

/**
 * Every item the extension keeps: the secrets (the account token, the servers' tokens, the
 * pending PIN) in the extension's own IndexedDB, which content scripts cannot open; the rest in
 * storage.local, which they can (SECURITY.md). Never sync: a token must not follow the browser
 * account. Reads go through their schema, which treats data that does not fit (hand-edited, or
 * from a future version) as absent rather than trusting it; a shape that changes incompatibly
 * gets a migration here, in its read function.
 */
export const clientIdItem = defineItem<string>('local:clientId');
export const tokenItem = defineItem<string>('secret:token');
export const sessionItem = defineItem<Session>('local:session');
/** The sign-in under way holds the PIN's id and code, which with the client id would fetch the token. */
export const flowItem = defineItem<FlowState>('secret:signin');
export const serversItem = defineItem<ServerList>('local:servers');
/** Each server's own access token, by machine id: secrets, so apart from the list the popup reads. */
export const serverTokensItem = defineItem<Record<string, string>>('secret:serverTokens');

const UUID = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i));

export function parseStored<T>(schema: z.ZodMiniType<T>, value: unknown): T | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function readFlow(): Promise<FlowState> {
  return parseStored(FlowState, await flowItem.getValue()) ?? { status: 'idle' };
}

export async function readSession(): Promise<Session | null> {
  return parseStored(Session, await sessionItem.getValue());
}

export async function readToken(): Promise<string | null> {
  return parseStored(z.string().check(z.minLength(1)), await tokenItem.getValue());
}

/** The install's identity towards Plex: made once, kept forever (sign-out keeps it too). */
export async function ensureClientId(): Promise<string> {
  const stored = parseStored(UUID, await clientIdItem.getValue());
  if (stored) return stored;
  const fresh = crypto.randomUUID();
  await clientIdItem.setValue(fresh);
  return fresh;
}

export async function readServers(): Promise<ServerList | null> {
  return parseStored(ServerList, await serversItem.getValue());
}

export async function readServerTokens(): Promise<Record<string, string>> {
  return parseStored(ServerTokens, await serverTokensItem.getValue()) ?? {};
}
