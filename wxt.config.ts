import { defineConfig } from 'wxt';

/**
 * Build variables that point the extension at other Plex hosts (tests, self-hosters).
 * Each one that is set adds its origin to host_permissions; the defaults are the real hosts.
 */
const PLEX_HOST_VARIABLES = [
  'WXT_PLEX_TV_URL',
  'WXT_PLEX_APP_URL',
  'WXT_PLEX_METADATA_URL',
  'WXT_PLEX_DISCOVER_URL',
] as const;

/** A match pattern for a URL's host. Firefox match patterns cannot carry a port, so none does. */
function hostPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

function hostPermissions(): string[] {
  const patterns = new Set(['https://plex.tv/*']);
  for (const name of PLEX_HOST_VARIABLES) {
    const value = process.env[name];
    if (value) patterns.add(hostPattern(value));
  }
  return [...patterns];
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.SIDEKICK_OUT_DIR || '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Sidekick for Plex',
    description: 'Sign in to Plex with a PIN and see what is on your Plex.',
    permissions: ['storage', 'alarms'],
    host_permissions: hostPermissions(),
    action: { default_title: 'Sidekick for Plex' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sidekick-for-plex@sidekick-for-plex.github.io',
              // data_collection_permissions is understood from Firefox 140 (142 on Android).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
