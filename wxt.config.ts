import { defineConfig } from 'wxt';

/**
 * The Plex hosts the background calls, each replaceable by a build variable (tests,
 * self-hosters). The app host (WXT_PLEX_APP_URL) is only opened in tabs, so it needs no permission.
 */
const PLEX_API_HOSTS = {
  WXT_PLEX_TV_URL: 'https://plex.tv',
  WXT_PLEX_METADATA_URL: 'https://metadata.provider.plex.tv',
  WXT_PLEX_DISCOVER_URL: 'https://discover.provider.plex.tv',
} as const;

/**
 * Plex's own addresses for media servers (local, remote and relay connections alike). Servers
 * at any other address are allowed one by one, when the person asks, through optional permissions.
 */
const PLEX_SERVER_HOSTS = 'https://*.plex.direct/*';

/** A match pattern for a URL's host. Firefox match patterns cannot carry a port, so none does. */
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
    /**
     * Only the background keeps webextension-polyfill, which answers a message with the listener's
     * returned promise in every Chrome (natively only from Chrome 148); the popup and content
     * scripts only call APIs that return promises natively and go without its ~3 KB gzip.
     */
    'vite:build:extendConfig'(entrypoints, config) {
      // terser, not Vite's default oxc: measured gzip, content scripts 0.37 KB smaller each (8 KB budget), popup 1.5, background 2.1.
      config.build = { ...config.build, minify: 'terser', terserOptions: { ecma: 2020, compress: { passes: 3 } } };
      if (entrypoints.some((entrypoint) => entrypoint.type === 'background')) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) config.resolve!.alias = alias.filter((entry: { find: unknown }) => entry.find !== 'wxt/browser');
      else if (alias) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  outDir: process.env.SIDEKICK_OUT_DIR || '.output',
  /**
   * `wxt zip` writes <name>-<version>-chrome.zip, -firefox.zip and, for Firefox, -sources.zip:
   * what addons.mozilla.org's reviewers rebuild the Firefox package from (README: npm ci, then
   * the build). The sources are an allow-list (excludeSources '**' drops everything else), so
   * tests, benchmarks, docs, build output, .env and other local files never end up in it; a
   * file the build needs but the list lacks shows as a rebuild that differs in
   * test/e2e/packages.test.ts.
   */
  zip: {
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
          /**
           * Firefox's default for MV3 extension pages adds upgrade-insecure-requests, which turns
           * plain HTTP to a private address (not loopback) into HTTPS that no Plex server answers
           * there. The background decides itself when plain HTTP is allowed (src/plex/roads.ts), so
           * the policy is the default one without that directive.
           */
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
