import { browser } from 'wxt/browser';
import { seerrApiKeyItem, seerrConnectionItem, seerrUrlItem, tokenItem } from '../storage';
import { createSeerrService } from './service';
import { seerrOriginPattern } from './url';

export function browserSeerrService() {
  return createSeerrService({
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    async settings() {
      const [url, apiKey] = await Promise.all([seerrUrlItem.getValue(), seerrApiKeyItem.getValue()]);
      return url ? { url, ...(apiKey && { apiKey }) } : null;
    },
    plexToken: () => tokenItem.getValue(),
    // Only an address the person granted is ever called: the token goes nowhere else.
    canReach: (url) => browser.permissions.contains({ origins: [seerrOriginPattern(url)] }).catch(() => false),
    setConnection: (connection) => seerrConnectionItem.setValue(connection),
  });
}
