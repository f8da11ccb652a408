import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { BrowserName, ExtensionBrowser, LaunchOptions } from './types';

export type { BrowserName, ExtensionBrowser, LaunchOptions, PageHandle, SitesRouting } from './types';
export { until } from './until';
export { launchChromiumContext } from './chromium';

/** With `sites` (from startSites()), the fixture sites' real names lead to the local fixtures. */
export function launchExtensionBrowser(name: BrowserName, extensionDir: string, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(extensionDir, options) : launchFirefox(extensionDir, options);
}
