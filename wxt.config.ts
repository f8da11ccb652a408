import { defineConfig } from 'wxt';

/** Build variables replace them (tests, self-hosters); the app host (WXT_PLEX_APP_URL) only opens in tabs, so needs no permission. */
const PLEX_API_HOSTS = {
  WXT_PLEX_TV_URL: 'https://plex.tv',
  WXT_PLEX_METADATA_URL: 'https://metadata.provider.plex.tv',
  WXT_PLEX_DISCOVER_URL: 'https://discover.provider.plex.tv',
} as const;

/** Plex's addresses for local, remote and relay connections; servers elsewhere are allowed one by one through optional permissions. */
const PLEX_SERVER_HOSTS = 'https://*.plex.direct/*';

/** Firefox match patterns cannot carry a port, so none does. */
function hostPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

function hostPermissions(): string[] {
  const patterns = new Set<string>();
  for (const [name, fallback] of Object.entries(PLEX_API_HOSTS)) patterns.add(hostPattern(process.env[name] || fallback));
  patterns.add(PLEX_SERVER_HOSTS);
  return [...patterns];
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    'vite:build:extendConfig'(entrypoints, config) {
      // terser, not Vite's default oxc: measured gzip, content scripts 0.37 KB smaller each (8 KB budget), popup 1.5, background 2.1.
      config.build = { ...config.build, minify: 'terser', terserOptions: { ecma: 2020, compress: { passes: 3 } } };
      // Only the background needs webextension-polyfill (a listener's promise as reply: native from Chrome 148); others save 3 KB gzip.
      if (entrypoints.some((entrypoint) => entrypoint.type === 'background')) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) config.resolve!.alias = alias.filter((entry: { find: unknown }) => entry.find !== 'wxt/browser');
      else if (alias) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  outDir: process.env.SIDEKICK_OUT_DIR || '.output',
  // `wxt zip` also writes -sources.zip: addons.mozilla.org's reviewers rebuild the Firefox package from it (README: npm ci, build).
  zip: {
    // An allow-list, so tests, docs, .env and local files stay out; a file the build lacks shows in test/e2e/packages.test.ts.
    includeSources: [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'README.md',
      'LICENSE*',
      'entrypoints/**',
      'src/**',
      'public/**',
    ],
    excludeSources: ['**'],
  },
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    // Name and description in the browser's language, from public/_locales.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    host_permissions: hostPermissions(),
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(browser === 'firefox'
      ? {
          // Firefox's default upgrade-insecure-requests turns HTTP to a LAN server into HTTPS nobody answers; src/plex/roads.ts decides.
          content_security_policy: { extension_pages: "script-src 'self'" },
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
