import { homeItem, parseStored, profileItem, readToken } from '../storage';
import { ActiveProfile, HomeState } from './state';

export async function readHome(): Promise<HomeState | null> {
  return parseStored(HomeState, await homeItem.getValue());
}

export async function readProfile(): Promise<ActiveProfile | null> {
  return parseStored(ActiveProfile, await profileItem.getValue());
}

/**
 * The token the account's Plex features use: the Home profile's in use, else the account's.
 * Nothing without the account's: a profile's token never outlives the sign-in.
 */
export async function readPlexToken(): Promise<string | null> {
  const [account, profile] = await Promise.all([readToken(), readProfile()]);
  if (!account) return null;
  return profile?.token ?? account;
}
