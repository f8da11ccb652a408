import { browser } from 'wxt/browser';
import { oneAtATime } from '../one-at-a-time';
import type { PlexUrls } from '../config';
import type { PlexContext } from '../plex/http';
import { approvedPageUrl, authPageUrl, checkPin, createPin, linkPageUrl } from '../plex/pins';
import { getAccount, signOut as plexSignOut } from '../plex/account';
import { flowItem, removeItems, sessionItem, setItems, tokenItem } from '../storage';
import { toAccountView } from './account-view';
import { afterPoll, isExpired, startPending } from './machine';
import { createPoller } from './poller';
import type { FlowState, PendingState, Session, SignInMode } from './state';

export interface SignInDeps {
  urls: PlexUrls;
  product: string;
  /** The Plex client context (identity headers need the stored client id, so it is async). */
  plex(): Promise<PlexContext>;
  now: () => number;
  /** When another account's sign-in replaces this one, its servers, their tokens and cached answers must go too. */
  forgetAccountData?(): Promise<void>;
}

/** Every step reads the flow from storage and writes it back, so a background stopped and woken by an alarm or a message carries on. */
export function createSignInService(deps: SignInDeps) {
  let popups = 0;
  /** Flow changes run in turn, or two could undo each other (a Cancel overwritten by a poll answer read before it). */
  const serial = oneAtATime();

  async function tabOpen(tabId: number | undefined): Promise<boolean> {
    if (tabId === undefined) return false;
    return browser.tabs.get(tabId).then(
      (tab) => Boolean(tab),
      () => false,
    );
  }

  async function closeTab(tabId: number | undefined): Promise<void> {
    if (tabId !== undefined) await browser.tabs.remove(tabId).catch(() => undefined);
  }

  const poller = createPoller({
    now: deps.now,
    watched: async (state) => popups > 0 || (await tabOpen(state.authTabId)),
    poll,
  });

  /** The pending sign-in of this PIN, or null once it was cancelled, replaced or ended. */
  async function currentPending(pinId: number): Promise<PendingState | null> {
    const current = await flowItem.getValue();
    return current.status === 'pending' && current.pin.id === pinId ? current : null;
  }

  /** Writes `next` only if the flow is still the one this step started from (same PIN). In turn only. */
  async function replaceIfCurrent(pinId: number, next: FlowState): Promise<boolean> {
    if (!(await currentPending(pinId))) return false;
    await flowItem.setValue(next);
    return true;
  }

  async function poll(): Promise<void> {
    const flow = await flowItem.getValue();
    if (flow.status !== 'pending') return poller.stop();
    if (isExpired(flow, deps.now())) return serial(() => finish(flow, { status: 'expired', mode: flow.mode }));
    if (flow.notBefore !== undefined && deps.now() < flow.notBefore) return poller.schedule(flow);

    // Asked outside the turn, so a slow Plex holds up nothing.
    const result = await checkPin(await deps.plex(), deps.urls.tv, flow.pin);
    return serial(async () => {
      // Cancelled or replaced while the request was out: its answer belongs to no one.
      const current = await currentPending(flow.pin.id);
      if (!current) return;
      const step = afterPoll(current, result, deps.now());
      if (step.kind === 'approved') return completeSignIn(current, step.token);
      if (step.kind === 'ended') return finish(current, step.state);
      await flowItem.setValue(step.state);
      await poller.schedule(step.state);
    });
  }

  async function finish(from: PendingState, next: FlowState): Promise<void> {
    if (await replaceIfCurrent(from.pin.id, next)) await poller.stop();
  }

  /** The account is fetched first so the popup goes straight to it; if that fails, the sign-in stands and the account comes later. */
  async function completeSignIn(from: PendingState, token: string): Promise<void> {
    const account = await getAccount(await deps.plex(), deps.urls.tv, token);
    if (!account.ok && account.error.kind === 'unauthorized') {
      await finish(from, { status: 'error', mode: from.mode, reason: 'unauthorized' });
      return;
    }
    const session: Session = { signedInAt: deps.now() };
    if (account.ok) session.account = toAccountView(account.value);
    // A sign-in that replaces another: nothing of the old account may outlive it or mix with the new one.
    const replaced = await tokenItem.getValue();
    if (replaced && replaced !== token) {
      await tokenItem.removeValue();
      await deps.forgetAccountData?.();
    }
    // One write, so the popup never shows a half-signed-in state.
    await setItems([
      { item: tokenItem, value: token },
      { item: sessionItem, value: session },
      { item: flowItem, value: { status: 'idle' } },
    ]);
    await poller.stop();
    await closeTab(from.authTabId);
    if (replaced && replaced !== token) await plexSignOut(await deps.plex(), deps.urls.tv, replaced);
  }

  /** Re-reads the account. Only a 401 ends the session; any other failure keeps it as it is. */
  async function refreshAccount(): Promise<void> {
    const token = await tokenItem.getValue();
    if (!token) return;
    const result = await getAccount(await deps.plex(), deps.urls.tv, token);
    if ((await tokenItem.getValue()) !== token) return;
    if (result.ok) {
      const session = await sessionItem.getValue();
      await sessionItem.setValue({ signedInAt: session?.signedInAt ?? deps.now(), account: toAccountView(result.value) });
    } else if (result.error.kind === 'unauthorized') {
      await forgetSession({ status: 'idle', notice: 'session-ended' });
    }
  }

  async function forgetSession(flow: FlowState): Promise<void> {
    await removeItems([tokenItem, sessionItem]);
    await flowItem.setValue(flow);
  }

  async function openApprovalPage(state: PendingState): Promise<PendingState> {
    const ctx = await deps.plex();
    const url =
      state.mode === 'tab'
        ? authPageUrl(deps.urls.app, {
            clientIdentifier: ctx.identity.clientIdentifier,
            code: state.pin.code,
            product: deps.product,
            forwardUrl: approvedPageUrl(deps.urls.tv),
          })
        : linkPageUrl(deps.urls.tv, state.pin.code);
    await closeTab(state.authTabId);
    const tab = await browser.tabs.create({ url });
    return { ...state, authTabId: tab.id };
  }

  async function stopCurrent(): Promise<void> {
    const flow = await flowItem.getValue();
    await poller.stop();
    if (flow.status === 'pending') await closeTab(flow.authTabId);
  }

  return {
    /** Replaces any sign-in under way; with `unlessSignedIn` (a page asked) nothing starts while signed in. */
    start(mode: SignInMode, { unlessSignedIn = false } = {}): Promise<boolean> {
      return serial(async () => {
        if (unlessSignedIn && (await tokenItem.getValue())) return false;
        await stopCurrent();
        const ctx = await deps.plex();
        const created = await createPin(ctx, deps.urls.tv, mode === 'tab');
        if (!created.ok) {
          await flowItem.setValue({ status: 'error', mode, reason: created.error.kind });
          return true;
        }
        let state = startPending(mode, created.value, deps.now());
        await flowItem.setValue(state);
        if (mode === 'tab') {
          state = await openApprovalPage(state);
          await replaceIfCurrent(state.pin.id, state);
        }
        await poller.schedule(state);
        return true;
      });
    },

    /** Opens (again) the page where the pending PIN is approved: the auth page or plex.tv/link. */
    openApproval(): Promise<void> {
      return serial(async () => {
        const flow = await flowItem.getValue();
        if (flow.status !== 'pending') return;
        const next = await openApprovalPage(flow);
        if (await replaceIfCurrent(flow.pin.id, next)) await poller.schedule(next);
      });
    },

    cancel(): Promise<void> {
      return serial(async () => {
        await stopCurrent();
        const flow = await flowItem.getValue();
        if (flow.status !== 'idle') await flowItem.setValue({ status: 'idle' });
      });
    },

    /** Forgets the sign-in at once; tells Plex to revoke the token afterwards, ignoring failures. */
    signOut(): Promise<void> {
      return serial(async () => {
        const token = await tokenItem.getValue();
        await forgetSession({ status: 'idle' });
        if (token) await plexSignOut(await deps.plex(), deps.urls.tv, token);
      });
    },

    /** In turn with sign-out, so an account answer arriving after a sign-out cannot undo it. */
    checkSession: () => serial(refreshAccount),

    /** A popup is open and watching: poll fast until it goes. Returns the function to call when it goes. */
    watch(): () => void {
      popups += 1;
      void poller.wake();
      return () => {
        popups -= 1;
        if (popups === 0) void markUnwatched();
      };
    },

    /** The background (re)started or an alarm fired: carry on with whatever storage holds. */
    resume: () => poller.wake(),

    onAlarm: (name: string) => poller.onAlarm(name),

    /** Reported only for hosts we may reach, where the auth page forwards once approved; the tab closes only once Plex gives the token. */
    async onTabUpdated(tabId: number, url: string): Promise<void> {
      if (url.startsWith(`${deps.urls.app}/auth`)) return;
      const flow = await flowItem.getValue();
      if (flow.status === 'pending' && flow.mode === 'tab' && flow.authTabId === tabId) await poller.pollNow();
    },

    /** A tab closed; if it was the approval page, ask Plex at once: the person may just have approved. */
    async onTabRemoved(tabId: number): Promise<void> {
      const forgotTab = await serial(async () => {
        const flow = await flowItem.getValue();
        if (flow.status !== 'pending' || flow.authTabId !== tabId) return false;
        const { authTabId: _closed, ...rest } = flow;
        const next: PendingState = popups === 0 ? { ...rest, unwatchedAt: deps.now() } : rest;
        return replaceIfCurrent(flow.pin.id, next);
      });
      if (forgotTab) await poller.pollSoon();
    },
  };

  function markUnwatched(): Promise<void> {
    return serial(async () => {
      const flow = await flowItem.getValue();
      if (flow.status !== 'pending') return;
      const next = { ...flow, unwatchedAt: deps.now() };
      if (await replaceIfCurrent(flow.pin.id, next)) await poller.schedule(next);
    });
  }
}

export type SignInService = ReturnType<typeof createSignInService>;
