import { createHash } from 'node:crypto';
import { type ApiRequest, authenticate } from './api-request';
import { FakeError, isRecord } from './errors';
import { type Format, sendData, sendPlexError } from './format';
import { avatarUrl } from './shapes';
import type { FakeAccount, FakeHomeUser } from './types';

export interface HomeProfile {
  id: number;
  uuid: string;
  title: string;
  username: string | null;
  pin: string | undefined;
  restricted: boolean;
  admin: boolean;
  email: string | null;
}

const isPin = (value: unknown): value is string => typeof value === 'string' && /^\d{4}$/.test(value);

/** A stable id for a profile the test names by uuid only (plex.tv's ids are 7–8 digit numbers). */
function idOf(uuid: string): number {
  return 10_000_000 + (createHash('sha256').update(uuid).digest().readUInt32BE(0) % 80_000_000);
}

function parseUser(input: unknown, index: number): HomeProfile {
  const at = `users[${index}]`;
  if (!isRecord(input)) throw new FakeError(`${at} must be an object`);
  const { uuid, title, id, username, pin, restricted } = input as Partial<Record<keyof FakeHomeUser, unknown>>;
  if (typeof uuid !== 'string' || !/^[\w-]{1,64}$/.test(uuid)) throw new FakeError(`${at}.uuid must be 1-64 word characters`);
  if (typeof title !== 'string' || title === '') throw new FakeError(`${at}.title must be a non-empty string`);
  if (id !== undefined && (typeof id !== 'number' || !Number.isInteger(id))) throw new FakeError(`${at}.id must be an integer`);
  if (username !== undefined && username !== null && (typeof username !== 'string' || username === ''))
    throw new FakeError(`${at}.username must be a non-empty string or null`);
  if (pin !== undefined && !isPin(pin)) throw new FakeError(`${at}.pin must be four digits`);
  if (restricted !== undefined && typeof restricted !== 'boolean') throw new FakeError(`${at}.restricted must be a boolean`);
  const name = username ?? null;
  return {
    id: id ?? idOf(uuid),
    uuid,
    title,
    username: name,
    pin,
    restricted: restricted ?? name === null,
    admin: false,
    // The recorded list gives a managed profile `email: null`; a member with a Plex sign-in has one.
    email: name === null ? null : `${name}@example.com`,
  };
}

/** The account's Plex Home: its admin (the configured account) and the other profiles. */
export class Home {
  private others: HomeProfile[] = [];
  private adminPin: string | undefined;

  set(input: unknown): void {
    if (!isRecord(input) || !Array.isArray(input.users)) throw new FakeError('home must be an object with users[]');
    if (input.adminPin !== undefined && !isPin(input.adminPin)) throw new FakeError('adminPin must be four digits');
    const users = input.users.map(parseUser);
    if (new Set(users.map((u) => u.uuid)).size !== users.length) throw new FakeError('users must have distinct uuids');
    this.others = users;
    this.adminPin = input.adminPin;
  }

  clear(): void {
    this.others = [];
    this.adminPin = undefined;
  }

  /** Every profile, the admin first; empty while the account has no Home. */
  profiles(admin: FakeAccount): HomeProfile[] {
    if (this.others.length === 0) return [];
    const own: HomeProfile = {
      id: admin.id,
      uuid: admin.uuid,
      title: admin.title,
      username: admin.username,
      pin: this.adminPin,
      restricted: false,
      admin: true,
      email: admin.email,
    };
    return [own, ...this.others];
  }

  /** The profile a token signs in as, when it is one of the Home's. */
  profileOf(admin: FakeAccount, account: FakeAccount): HomeProfile | undefined {
    return this.profiles(admin).find((profile) => profile.uuid === account.uuid);
  }
}

/** The account a switched-to profile's token signs in as. */
export function profileAccount(profile: HomeProfile, admin: FakeAccount): FakeAccount {
  if (profile.admin) return admin;
  return {
    id: profile.id,
    uuid: profile.uuid,
    username: profile.username ?? '',
    title: profile.title,
    friendlyName: profile.title,
    email: profile.email,
    subscription: { active: false, status: 'Inactive', plan: null },
  };
}

/** One entry of `users[]`, as the recorded Plex Web answer lists it. */
function userEntry(profile: HomeProfile, baseUrl: string): Record<string, unknown> {
  return {
    id: profile.id,
    uuid: profile.uuid,
    title: profile.title,
    username: profile.username,
    email: profile.email,
    friendlyName: profile.admin ? profile.title : null,
    thumb: avatarUrl(baseUrl, profile.id),
    hasPassword: profile.pin !== undefined,
    restricted: profile.restricted,
    updatedAt: 1592234494,
    restrictionProfile: profile.restricted ? 'little_kid' : null,
    admin: profile.admin,
    guest: false,
    protected: profile.pin !== undefined,
  };
}

/** Shape from a recorded Plex Web answer; one for an account without a Home is not recorded, so it gets a 404. */
export function homeUsers(api: ApiRequest, format: Format): void {
  const auth = authenticate(api, format);
  if (!auth) return;
  const admin = api.state.config.account;
  const profiles = api.state.home.profiles(admin);
  if (!api.state.home.profileOf(admin, auth.account)) return sendPlexError(api.res, format, 404, 404, 'Not found');
  sendData(api.res, format, 200, 'home', {
    id: 4_420_001,
    name: `${admin.title}'s Home`,
    guestUserID: 33_542_083,
    guestUserUUID: 'f7a3c8f863873771',
    guestEnabled: false,
    subscription: admin.subscription.active,
    users: profiles.map((profile) => userEntry(profile, api.baseUrl)),
  });
}

/** As Plex Web's recorded answer (status unrecorded; python-plexapi takes any 2xx); a wrong PIN: 403/1041 (arabcoders/watchstate #542). */
export function switchHomeUser(api: ApiRequest, format: Format, uuid: string): void {
  const auth = authenticate(api, format);
  if (!auth) return;
  const admin = api.state.config.account;
  const target = api.state.home.profiles(admin).find((profile) => profile.uuid === uuid);
  if (!api.state.home.profileOf(admin, auth.account) || !target) return sendPlexError(api.res, format, 404, 404, 'Not found');
  if (target.pin !== undefined && api.url.searchParams.get('pin') !== target.pin) {
    return sendPlexError(api.res, format, 403, 1041, 'A valid PIN is required to perform this action');
  }
  const token = api.state.tokens.issue(profileAccount(target, admin));
  const home = api.state.home.profiles(admin);
  sendData(api.res, format, 201, 'user', {
    ...userEntry(target, api.baseUrl),
    emailOnlyAuth: false,
    authToken: token,
    // The recorded answer echoes the PIN it was given.
    ...(target.pin !== undefined && { pin: target.pin }),
    providers: [],
    anonymous: null,
    home: true,
    homeSize: home.length,
    homeAdmin: target.admin,
    maxHomeSize: 15,
    certificateVersion: 2,
    rememberExpiresAt: Math.floor(Date.now() / 1000) + 14 * 24 * 3600,
  });
}

/** What `/api/v2/user` says about the Home of the token's account. */
export function homeFields(api: ApiRequest, account: FakeAccount): Record<string, unknown> {
  const admin = api.state.config.account;
  const profile = api.state.home.profileOf(admin, account);
  if (!profile) return { home: false, homeSize: 1, homeAdmin: false, restricted: false, protected: false };
  return {
    home: true,
    homeSize: api.state.home.profiles(admin).length,
    homeAdmin: profile.admin,
    restricted: profile.restricted,
    protected: profile.pin !== undefined,
  };
}

/** Whose watchlist a token's requests change: a managed profile has no username, so its uuid names it. */
export function watchlistOwner(account: FakeAccount): string {
  return account.username || account.uuid;
}
