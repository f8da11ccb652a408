import { clipName, type Account } from '../plex/schemas';
import type { AccountView } from './state';

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? clipName(trimmed) : undefined;
}

// Only https, as plex.tv serves avatars (https://plex.tv/users/…/avatar): an http one could be read or swapped on the way.
function avatar(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The part of a Plex account the popup shows. Never copies the token Plex includes in /user. */
export function toAccountView(account: Account): AccountView {
  const subscription = account.subscription?.active ? account.subscription : undefined;
  const plan = text(subscription?.plan);
  return {
    name: text(account.friendlyName) ?? text(account.title) ?? clipName(account.username),
    username: clipName(account.username),
    email: text(account.email),
    avatarUrl: avatar(account.thumb),
    plan: subscription && (plan ? `Plex Pass (${plan})` : 'Plex Pass'),
  };
}
