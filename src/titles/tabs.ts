import { browser } from 'wxt/browser';
import { oneAtATime } from '../one-at-a-time';
import { SESSION_CHANGED } from '../messages';
import { badgeTabsItem, shownTitlesItem } from '../storage';

const MAX_TABS = 100;
const readTabs = () => badgeTabsItem.getValue();

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

/** A tab may change the watchlist only for titles it was shown; kept in storage.session, so a restarted background still knows them. */
const MAX_TITLES_PER_TAB = 10;
const readShown = () => shownTitlesItem.getValue();

/** Read-modify-write of one item: run in turn, so two tabs answered at once both stay recorded. */
const inTurn = oneAtATime();

export function rememberShownTitle(tabId: number, ratingKey: string): Promise<void> {
  return inTurn(async () => {
    const all = await readShown();
    const before = all.find((entry) => entry.tab === tabId)?.ratingKeys ?? [];
    const ratingKeys = [...before.filter((key) => key !== ratingKey), ratingKey].slice(-MAX_TITLES_PER_TAB);
    await shownTitlesItem.setValue([...all.filter((entry) => entry.tab !== tabId), { tab: tabId, ratingKeys }].slice(-MAX_TABS));
  });
}

export async function wasShownTitle(tabId: number, ratingKey: string): Promise<boolean> {
  return (await readShown()).some((entry) => entry.tab === tabId && entry.ratingKeys.includes(ratingKey));
}

/** A closed tab's titles are of no further use (tab ids are not reused while the browser runs). */
export function forgetShownTitles(tabId: number): Promise<void> {
  return inTurn(async () => {
    const all = await readShown();
    if (all.some((entry) => entry.tab === tabId)) await shownTitlesItem.setValue(all.filter((entry) => entry.tab !== tabId));
  });
}
