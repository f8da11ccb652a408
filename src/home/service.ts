import type { PlexUrls } from '../config';
import { oneAtATime } from '../one-at-a-time';
import { signOut as revokeToken } from '../plex/account';
import { getHomeAccount, getHomeUsers, switchHomeUser, type HomeUser, type SwitchError } from '../plex/home';
import { reportedFailure, type ProfileSwitchFailure } from '../failures';
import type { PlexContext } from '../plex/http';
import { homeItem, profileItem, removeItems, tokenItem } from '../storage';
import type { Profile } from './state';

export interface HomeDeps {
  urls: PlexUrls;
  plex(): Promise<PlexContext>;
  now(): number;
  /** plex.tv refused the account token: let the sign-in confirm it and end the session. */
  onUnauthorized(): Promise<void>;
  /** The profile in use changed: its servers and answers are another person's now. */
  onProfileChanged(): Promise<void>;
}

function toProfile(user: HomeUser): Profile {
  return {
    uuid: user.uuid,
    name: user.title,
    protected: user.protected === true,
    admin: user.admin === true,
    restricted: user.restricted === true,
  };
}

function switchFailure(error: SwitchError): ProfileSwitchFailure {
  return error.kind === 'wrong-pin' ? 'wrong-pin' : reportedFailure(error);
}

/** The account's own token stays the sign-in (it lists and switches profiles, sign-out revokes it); the profile's serves the rest. */
export function createHomeService(deps: HomeDeps) {
  /** Every change to the profile in use runs in turn, so a switch and a sign-out cannot cross. */
  const serial = oneAtATime();

  /** Failures are ignored: the token is forgotten here either way. */
  async function revoke(token: string): Promise<void> {
    await revokeToken(await deps.plex(), deps.urls.tv, token).catch(() => undefined);
  }

  /** The list is asked only when plex.tv says there is a Home; a failure keeps what was stored. */
  async function refresh(): Promise<void> {
    const token = await tokenItem.getValue();
    if (!token) return;
    const ctx = await deps.plex();
    const account = await getHomeAccount(ctx, deps.urls.tv, token);
    const listed = account.ok && account.value.home === true ? await getHomeUsers(ctx, deps.urls.tv, token) : undefined;
    if ((!account.ok && account.error.kind === 'unauthorized') || (listed && !listed.ok && listed.error.kind === 'unauthorized')) {
      return deps.onUnauthorized();
    }
    if (!account.ok || (listed && !listed.ok)) return;
    const users = listed?.ok ? listed.value : [];
    const dropped = await serial(async () => {
      if ((await tokenItem.getValue()) !== token) return null;
      const [profile, before] = await Promise.all([profileItem.getValue(), homeItem.getValue()]);
      const own = users.find((user) => user.id === account.value.id)?.uuid;
      const kept = profile && users.some((user) => user.uuid === profile.uuid) ? profile : null;
      if (profile && !kept) await profileItem.removeValue();
      await homeItem.setValue({
        profiles: users.map(toProfile),
        ...(own && { own }),
        ...((kept?.uuid ?? own) && { active: kept?.uuid ?? own }),
        fetchedAt: deps.now(),
        ...(before?.notice && { notice: before.notice }),
      });
      return profile && !kept ? profile : null;
    });
    if (dropped) {
      await revoke(dropped.token);
      await deps.onProfileChanged();
    }
  }

  /** The profile in use stays until plex.tv hands over the new one's token. */
  async function switchTo(uuid: string, pin?: string): Promise<ProfileSwitchFailure | null> {
    const token = await tokenItem.getValue();
    const home = await homeItem.getValue();
    if (!token) return 'unauthorized';
    if (!home?.profiles.some((profile) => profile.uuid === uuid)) return 'other';
    if (home.active === uuid) return null;
    const result = await switchHomeUser(await deps.plex(), deps.urls.tv, token, uuid, pin);
    if (!result.ok) {
      if (result.error.kind === 'unauthorized') await deps.onUnauthorized();
      return switchFailure(result.error);
    }
    const left = await serial(async () => {
      // Signed out (or another account signed in) while plex.tv answered: the token is no one's.
      if ((await tokenItem.getValue()) !== token) return { changed: false, token: result.token };
      const before = await profileItem.getValue();
      const current = (await homeItem.getValue()) ?? home;
      // The own profile uses the account's token; the one the switch handed out stays unrevoked, as plex.tv may give this device the same.
      if (uuid === current.own) await profileItem.removeValue();
      else await profileItem.setValue({ uuid, token: result.token });
      const { notice: _, ...rest } = current;
      await homeItem.setValue({ ...rest, active: uuid });
      return { changed: true, token: before?.token };
    });
    if (left.token && left.token !== token) await revoke(left.token);
    if (left.changed) await deps.onProfileChanged();
    return null;
  }

  /** Only plex.tv refusing the profile's own token ends it; a server's refusal or any other answer keeps it. */
  async function checkProfile(): Promise<void> {
    const profile = await profileItem.getValue();
    if (!profile) return;
    const result = await getHomeAccount(await deps.plex(), deps.urls.tv, profile.token);
    if (result.ok || result.error.kind !== 'unauthorized') return;
    const dropped = await serial(async () => {
      if ((await profileItem.getValue())?.token !== profile.token) return false;
      await profileItem.removeValue();
      const home = await homeItem.getValue();
      if (home) {
        const { active: _, ...rest } = home;
        await homeItem.setValue({ ...rest, ...(home.own && { active: home.own }), notice: 'profile-ended' });
      }
      return true;
    });
    if (dropped) await deps.onProfileChanged();
  }

  /** Forgets the Home and revokes the profile's token (sign-out, a session that ended, another account). */
  function signOut(): Promise<void> {
    return serial(async () => {
      const profile = await profileItem.getValue();
      await removeItems([profileItem, homeItem]);
      if (profile) await revoke(profile.token);
    });
  }

  return { refresh, switchTo, checkProfile, signOut };
}

export type HomeService = ReturnType<typeof createHomeService>;
