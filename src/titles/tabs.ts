import { browser } from 'wxt/browser';
import { defineItem } from '../stored-item';
import { SESSION_CHANGED } from './lookup';

/** Tabs whose badge asked something, so a sign-in or sign-out can update them in place. */
const badgeTabsItem = defineItem<number[]>('session:badgeTabs', { fallback: [] });
const MAX_TABS = 100;

async function readTabs(): Promise<number[]> {
  const stored: unknown = await badgeTabsItem.getValue();
  return Array.isArray(stored) ? stored.filter((id): id is number => Number.isInteger(id)) : [];
}

export async function rememberBadgeTab(tabId: number): Promise<void> {
  const tabs = await readTabs();
  if (tabs.includes(tabId)) return;
  await badgeTabsItem.setValue([...tabs, tabId].slice(-MAX_TABS));
}

/** Tells every badge the session changed; tabs that are gone are forgotten. */
export async function notifyBadges(): Promise<void> {
  const tabs = await readTabs();
  const alive = await Promise.all(
    tabs.map((tabId) =>
      browser.tabs.sendMessage(tabId, { type: SESSION_CHANGED }).then(
        () => true,
        () => false,
      ),
    ),
  );
  await badgeTabsItem.setValue(tabs.filter((_, index) => alive[index]));
}
