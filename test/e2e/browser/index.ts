import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { BrowserName, ExtensionBrowser } from './types';

export type { BrowserName, ExtensionBrowser, PageHandle } from './types';
export { until } from './until';

/** A real browser with the built extension installed, driven as a person would. */
export function launchExtensionBrowser(name: BrowserName, extensionDir: string): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(extensionDir) : launchFirefox(extensionDir);
}
