import { browser } from 'wxt/browser';
import { isRefreshing, type ServerEntry, type ServerList, type ServerStatus } from '@/src/servers/state';
import { formatTime, t, type MessageKey } from '@/src/i18n';
import { isPlainHttp, offersPlainHttp } from '@/src/plex/roads';
import { FOCUS_KEY, h } from '@/src/ui/dom';
import { failureText } from '@/src/failures';
import { button, type ViewActions } from './view';

const STATUS_TEXT: Record<ServerStatus, MessageKey> = {
  checking: 'serverChecking',
  reachable: 'serverReachable',
  relay: 'serverRelay',
  unreachable: 'serverUnreachable',
  'needs-permission': 'serverNeedsPermission',
};

function statusText(server: ServerEntry): string {
  const { connection } = server;
  if (server.status === 'reachable' && connection?.local) return t(isPlainHttp(connection.uri) ? 'serverLocalPlain' : 'serverLocal');
  return t(STATUS_TEXT[server.status]);
}

/** The person's per-server choice of plain HTTP, offered only where the rules could ever use it. */
function plainHttpChoice(server: ServerEntry, allowed: boolean, actions: ViewActions): HTMLElement | null {
  // Worked out from what plex.tv said of the server, the same rules the background applies.
  if (!offersPlainHttp(server)) return null;
  const box = h('input', {
    type: 'checkbox',
    'data-testid': 'allow-http',
    [FOCUS_KEY]: 'allow-http',
    checked: allowed,
    onchange: () => actions.request({ type: 'allow-plain-http', machineId: server.machineId, allowed: box.checked }),
  });
  return h('label', { class: 'plain-http hint' }, box, t('allowPlainHttp'));
}

/** One prompt names at most this many hosts, best-ranked first: a list a person can still read. */
export const MAX_ORIGINS_PER_PROMPT = 5;

export function promptOrigins(server: Pick<ServerEntry, 'missingOrigins'>): string[] {
  return (server.missingOrigins ?? []).slice(0, MAX_ORIGINS_PER_PROMPT);
}

async function allowAccess(server: ServerEntry, actions: ViewActions, self: HTMLButtonElement): Promise<void> {
  const granted = await browser.permissions.request({ origins: promptOrigins(server) }).catch(() => false);
  if (granted) actions.request({ type: 'refresh-servers' }, self);
}

function serverItem(server: ServerEntry, plainHttp: readonly string[], actions: ViewActions): HTMLElement {
  const sharer = server.sourceTitle ? t('sharedBy', server.sourceTitle) : t('sharedBySomeone');
  const owner = server.owned ? null : h('span', { class: 'hint' }, ` · ${sharer}`);
  return h(
    'li',
    { class: 'server', 'data-testid': 'server-item', 'data-status': server.status },
    h('span', { class: 'server-name' }, server.name, owner),
    h('span', { class: `server-state ${server.status}`, 'data-testid': 'server-status' }, statusText(server)),
    server.status === 'needs-permission' && server.missingOrigins?.length
      ? button('allow-access', t('allowAccess'), (self) => void allowAccess(server, actions, self), 'secondary')
      : null,
    plainHttpChoice(server, plainHttp.includes(server.machineId), actions),
  );
}

/** The account's servers and how each is reached, with a Refresh. */
export function serversSection(list: ServerList | null, actions: ViewActions): HTMLElement {
  // Before the first list arrives the background is fetching it (the popup asked on opening).
  const refreshing = list === null || isRefreshing(list, Date.now());
  const body: (HTMLElement | string)[] = [];
  if (list && list.servers.length > 0) {
    body.push(
      h(
        'ul',
        { class: 'server-list', 'data-testid': 'server-list' },
        ...list.servers.map((s) => serverItem(s, list.plainHttp ?? [], actions)),
      ),
    );
  } else if (refreshing) {
    body.push(h('p', { class: 'hint waiting' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('lookingForServers')));
  } else if (!list?.problem) {
    body.push(h('p', { class: 'hint', 'data-testid': 'no-servers' }, t('noServers')));
  }
  if (list && list.fetchedAt > 0 && !refreshing) {
    body.push(h('p', { class: 'hint', 'data-testid': 'servers-checked' }, t('serversChecked', formatTime(list.fetchedAt))));
  }
  if (list?.problem) body.push(h('p', { class: 'error', 'data-testid': 'servers-problem' }, t(failureText('server-list', list.problem))));
  const refresh = button(
    'refresh-servers',
    t(refreshing ? 'refreshing' : 'refresh'),
    (self) => actions.request({ type: 'refresh-servers' }, self),
    'link',
  );
  if (refreshing) {
    refresh.setAttribute('aria-disabled', 'true');
    refresh.setAttribute('aria-busy', 'true');
  }
  return h(
    'section',
    { class: 'servers', 'aria-labelledby': 'servers-title', 'aria-busy': String(refreshing) },
    h('div', { class: 'servers-head' }, h('h2', { id: 'servers-title' }, t('servers')), refresh),
    ...body,
  );
}
