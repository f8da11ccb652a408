import { browser } from 'wxt/browser';
import { isRefreshing, type ServerEntry, type ServerList, type ServerStatus } from '@/src/servers/state';
import { h } from '@/src/ui/dom';
import { REFRESH_PROBLEM_TEXT } from '@/src/ui/wording';
import { button, type ViewActions } from './view';

const STATUS_TEXT: Record<ServerStatus, string> = {
  checking: 'Checking…',
  reachable: 'Reachable',
  relay: 'Reachable via Plex relay (slower)',
  unreachable: 'Unreachable',
  'needs-permission': 'Sidekick needs your permission to reach it',
};

function statusText(server: ServerEntry): string {
  if (server.status === 'reachable' && server.connection?.local) return 'Reachable on your network';
  return STATUS_TEXT[server.status];
}

/** Asks the browser for the server's addresses (a prompt the person answers), then checks again. */
async function allowAccess(server: ServerEntry, actions: ViewActions, self: HTMLButtonElement): Promise<void> {
  const granted = await browser.permissions.request({ origins: server.missingOrigins ?? [] }).catch(() => false);
  if (granted) actions.request({ type: 'refresh-servers' }, self);
}

function serverItem(server: ServerEntry, actions: ViewActions): HTMLElement {
  const owner = server.owned ? null : h('span', { class: 'hint' }, ` · shared by ${server.sourceTitle ?? 'someone else'}`);
  return h(
    'li',
    { class: 'server', 'data-testid': 'server-item', 'data-status': server.status },
    h('span', { class: 'server-name' }, server.name, owner),
    h('span', { class: `server-state ${server.status}`, 'data-testid': 'server-status' }, statusText(server)),
    server.status === 'needs-permission' && server.missingOrigins?.length
      ? button('allow-access', 'Allow access', (self) => void allowAccess(server, actions, self), 'secondary')
      : null,
  );
}

/** The account's servers and how each is reached, with a Refresh. */
export function serversSection(list: ServerList | null, actions: ViewActions): HTMLElement {
  // Before the first list arrives the background is fetching it (the popup asked on opening).
  const refreshing = list === null || isRefreshing(list, Date.now());
  const body: (HTMLElement | string)[] = [];
  if (list && list.servers.length > 0) {
    body.push(h('ul', { class: 'server-list', 'data-testid': 'server-list' }, ...list.servers.map((s) => serverItem(s, actions))));
  } else if (refreshing) {
    body.push(h('p', { class: 'hint waiting' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Looking for your servers…'));
  } else if (!list?.problem) {
    body.push(h('p', { class: 'hint', 'data-testid': 'no-servers' }, 'No Plex Media Server is shared with this account yet.'));
  }
  if (list?.problem) body.push(h('p', { class: 'error', 'data-testid': 'servers-problem' }, REFRESH_PROBLEM_TEXT[list.problem]));
  const refresh = button('refresh-servers', refreshing ? 'Refreshing…' : 'Refresh', (self) => actions.request({ type: 'refresh-servers' }, self), 'link');
  if (refreshing) {
    refresh.disabled = true;
    refresh.setAttribute('aria-busy', 'true');
  }
  return h(
    'section',
    { class: 'servers', 'aria-labelledby': 'servers-title', 'aria-busy': String(refreshing) },
    h('div', { class: 'servers-head' }, h('h2', { id: 'servers-title' }, 'Servers'), refresh),
    ...body,
  );
}
