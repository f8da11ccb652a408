import { profileItem, tokenItem } from '../storage';

/**
 * The token the account's Plex features use: the Home profile's in use, else the account's.
 * Nothing without the account's: a profile's token never outlives the sign-in.
 */
export async function readPlexToken(): Promise<string | null> {
  const [account, profile] = await Promise.all([tokenItem.getValue(), profileItem.getValue()]);
  if (!account) return null;
  return profile?.token ?? account;
}
