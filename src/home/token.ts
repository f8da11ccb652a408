import { profileItem, tokenItem } from '../storage';

/** Nothing without the account's token: a profile's token never outlives the sign-in. */
export async function readPlexToken(): Promise<string | null> {
  const [account, profile] = await Promise.all([tokenItem.getValue(), profileItem.getValue()]);
  if (!account) return null;
  return profile?.token ?? account;
}
