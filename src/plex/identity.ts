/** Who is calling, as Plex wants to know it on every request (shown in Authorized Devices). */
export interface ClientIdentity {
  clientIdentifier: string;
  product: string;
  version: string;
  platform: string;
  platformVersion: string;
  device: string;
  deviceName: string;
}

export function identityHeaders(identity: ClientIdentity): Record<string, string> {
  return {
    'X-Plex-Client-Identifier': identity.clientIdentifier,
    'X-Plex-Product': identity.product,
    'X-Plex-Version': identity.version,
    'X-Plex-Platform': identity.platform,
    'X-Plex-Platform-Version': identity.platformVersion,
    'X-Plex-Device': identity.device,
    'X-Plex-Device-Name': identity.deviceName,
  };
}

/** The browser's name and version, from its user agent (Firefox says Firefox/x, Chromium Chrome/x). */
export function detectBrowser(userAgent: string): { platform: string; platformVersion: string } {
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent);
  if (firefox) return { platform: 'Firefox', platformVersion: firefox[1]! };
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(userAgent);
  if (chrome) return { platform: 'Chrome', platformVersion: chrome[1]! };
  return { platform: 'Web', platformVersion: '' };
}

const OS_NAMES: Record<string, string> = {
  linux: 'Linux',
  win: 'Windows',
  mac: 'macOS',
  cros: 'ChromeOS',
  android: 'Android',
  openbsd: 'OpenBSD',
  fuchsia: 'Fuchsia',
};

/** `runtime.getPlatformInfo().os` as a person would name it. */
export function osName(os: string): string {
  return OS_NAMES[os] ?? os;
}

export function buildIdentity(input: {
  clientIdentifier: string;
  product: string;
  version: string;
  userAgent: string;
  os: string;
}): ClientIdentity {
  const { platform, platformVersion } = detectBrowser(input.userAgent);
  const device = osName(input.os);
  return {
    clientIdentifier: input.clientIdentifier,
    product: input.product,
    version: input.version,
    platform,
    platformVersion,
    device,
    deviceName: `${platform} on ${device}`,
  };
}
