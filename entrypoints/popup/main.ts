import './style.css';
import { browser } from 'wxt/browser';
import { t } from '@/src/i18n';
import { WATCH_PORT, send, type PopupRequest } from '@/src/messages';
import type { FlowState, Session } from '@/src/signin/state';
import type { ServerList } from '@/src/servers/state';
import { rerenderKeepingFocus } from '@/src/ui/dom';
import { flowItem, serversItem, sessionItem } from '@/src/storage';
import { errorView, expiredView } from './views/ended';
import { pendingView } from './views/pending';
import { signedInView } from './views/signed-in';
import { signedOutView } from './views/signed-out';
import type { View, ViewActions } from './views/view';

const app = document.getElementById('app')!;
const status = document.getElementById('status')!;
const requestError = document.getElementById('request-error')!;

/** The page speaks the language its messages are in (en, de, fr…), so screen readers pronounce it right. */
document.documentElement.lang = t('lang');
document.title = t('extName');
document.getElementById('brand-name')!.textContent = t('extName');
const optionsLink = document.getElementById('open-options')!;
optionsLink.textContent = t('openOptions');
optionsLink.addEventListener('click', () => void browser.runtime.openOptionsPage());

let flow: FlowState = { status: 'idle' };
let session: Session | null = null;
let servers: ServerList | null = null;
/** What is on screen: the view, built for `key` (session and flow), showing the servers `listed`. */
let shown: { key: string; listed: string; view: View } | undefined;

const actions: ViewActions = {
  request(request: PopupRequest, button?: HTMLButtonElement) {
    // Busy, not disabled: a disabled button drops keyboard focus to <body> before the next view.
    if (button?.getAttribute('aria-disabled') === 'true') return;
    requestError.hidden = true;
    button?.setAttribute('aria-disabled', 'true');
    button?.setAttribute('aria-busy', 'true');
    void send(request).then((reply) => {
      button?.removeAttribute('aria-disabled');
      button?.removeAttribute('aria-busy');
      if (!reply.ok) {
        requestError.textContent = t('requestFailed');
        requestError.hidden = false;
      }
    });
  },
};

function viewFor(): View {
  if (session) return signedInView(session, servers, actions);
  switch (flow.status) {
    case 'pending':
      return pendingView(flow, actions);
    case 'expired':
      return expiredView(flow.mode, actions);
    case 'error':
      return errorView(flow.mode, flow.reason, actions);
    case 'idle':
      return signedOutView(flow.notice, actions);
  }
}

/** Re-renders when what is shown changes; keeps focus on the same control across a re-render. */
function render(): void {
  const key = JSON.stringify([session, flow]);
  const listed = JSON.stringify(session ? servers : null);
  if (shown?.key === key) {
    // Only the server list changed: update it in place, so the rest of the view stays put.
    if (shown.listed !== listed) shown.view.updateServers?.(servers);
    shown.listed = listed;
    return;
  }
  const changedKind = shown?.view.element.dataset.kind !== kindOf();
  shown?.view.dispose?.();
  const view = viewFor();
  view.element.dataset.kind = kindOf();
  const focus = rerenderKeepingFocus(document, app, () => {
    app.replaceChildren(view.element);
    shown = { key, listed, view };
    if (changedKind) status.textContent = view.announce;
    return view.element;
  });
  if (focus === 'lost' && changedKind) view.element.querySelector<HTMLElement>('h1')?.focus();
}

function kindOf(): string {
  return session ? 'signed-in' : `${flow.status}${flow.status === 'pending' ? `-${flow.mode}` : ''}`;
}

/** While this port is open the background polls fast; it is reopened if the background restarts. */
function watch(): void {
  const port = browser.runtime.connect({ name: WATCH_PORT });
  port.onDisconnect.addListener(() => setTimeout(watch, 200));
}

/** Watches before reading, so no change is lost during the first reads; a change is newer than a read, so reads fill only the rest. */
async function start(): Promise<void> {
  const changed = new Set<string>();
  let ready = false;
  const show = (name: string) => {
    changed.add(name);
    if (ready) render();
  };
  flowItem.watch((value) => {
    flow = value;
    show('flow');
  });
  serversItem.watch((value) => {
    servers = value;
    show('servers');
  });
  sessionItem.watch((value) => {
    session = value;
    show('session');
  });
  const [storedFlow, storedSession, storedServers] = await Promise.all([
    flowItem.getValue(),
    sessionItem.getValue(),
    serversItem.getValue(),
  ]);
  if (!changed.has('flow')) flow = storedFlow;
  if (!changed.has('session')) session = storedSession;
  if (!changed.has('servers')) servers = storedServers;
  ready = true;
  render();
  watch();
  if (session) void send({ type: 'check-session' });
}

void start();
