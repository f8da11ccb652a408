import { isoSeconds } from './format';
import type { FakeAccount, FakePin } from './types';

// Filled in like plex.tv's geo-IP block. Clients should ignore it; the extension must not choke on it.
const LOCATION = {
  code: 'US',
  continent_code: 'NA',
  country: 'United States',
  city: 'Springfield',
  european_union_member: false,
  time_zone: 'America/Chicago',
  postal_code: '62701',
  in_privacy_restricted_country: false,
  in_privacy_restricted_region: false,
  subdivisions: 'Illinois',
  coordinates: '39.7990, -89.6440',
};

/** The PIN object (LukeHagar/plex-api-spec src/models/AuthPinContainer.yaml), the same on creation and polling. */
export function pinBody(pin: FakePin, baseUrl: string, now = Date.now()): Record<string, unknown> {
  return {
    id: pin.id,
    code: pin.code,
    product: pin.product,
    trusted: false,
    // plex.tv hosts a QR image here; the fake does not serve one (the extension draws its own).
    qr: `${baseUrl}/api/v2/pins/qr/${pin.code}`,
    clientIdentifier: pin.clientIdentifier,
    location: { ...LOCATION },
    // Rounded up so a fresh PIN says exactly its lifetime rather than one second less.
    expiresIn: Math.max(0, Math.ceil((pin.expiresAt - now) / 1000)),
    createdAt: isoSeconds(pin.createdAt),
    expiresAt: isoSeconds(pin.expiresAt),
    authToken: pin.authToken,
    newRegistration: null,
  };
}

export function avatarUrl(baseUrl: string, accountId: number): string {
  return `${baseUrl}/users/${accountId}/avatar`;
}

/** `GET /api/v2/user` with a share of the extra fields plex.tv sends, so a client's schema meets unknown fields it has to tolerate. */
export function userBody(account: FakeAccount, token: string, baseUrl: string): Record<string, unknown> {
  return {
    id: account.id,
    uuid: account.uuid,
    username: account.username,
    title: account.title,
    friendlyName: account.friendlyName,
    email: account.email,
    thumb: account.thumb ?? avatarUrl(baseUrl, account.id),
    authToken: token,
    locale: null,
    joinedAt: 1524345453,
    emailOnlyAuth: false,
    hasPassword: true,
    protected: false,
    confirmed: true,
    home: false,
    homeSize: 1,
    mailingListStatus: 'active',
    scrobbleTypes: '',
    country: 'US',
    twoFactorEnabled: false,
    subscription: { subscribedAt: null, paymentService: null, features: [], ...account.subscription },
    roles: account.subscription.active ? ['plexpass'] : [],
    services: [],
    entitlements: [],
    profile: { autoSelectAudio: true, defaultAudioLanguage: 'en', defaultSubtitleLanguage: 'en' },
  };
}
