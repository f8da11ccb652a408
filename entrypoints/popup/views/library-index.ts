import { formatBytes, formatCount, formatTime, t } from '@/src/i18n';
import type { IndexStatus, ServerIndexStatus } from '@/src/library/status';
import { libraryIndexItem } from '@/src/storage';
import type { ServerList } from '@/src/servers/state';
import { h } from '@/src/ui/dom';
import { button, type ViewActions } from './view';

function statusLine(name: string, status: ServerIndexStatus): string {
  switch (status.state) {
    case 'building':
      return t('indexBuilding', name, formatCount(status.done ?? 0), formatCount(status.total ?? 0));
    case 'ready':
      return t(
        'indexReady',
        name,
        formatCount(status.titles ?? 0),
        formatBytes(status.bytes ?? 0),
        formatTime(status.refreshedAt ?? status.at),
      );
    case 'failed':
      return t('indexFailed', name);
  }
}

function serverLine(serverId: string, name: string, status: ServerIndexStatus): HTMLElement {
  const line = h('li', { class: 'index-status', 'data-testid': 'index-status', 'data-server': serverId, 'data-state': status.state });
  const text = statusLine(name, status);
  if (status.state !== 'building') {
    line.textContent = text;
    return line;
  }
  const label = h('span', { id: `index-label-${serverId}` }, text);
  // Before the first count the bar has no maximum: it then shows that something is under way.
  const total = status.total ?? 0;
  const progress = h('progress', {
    'data-testid': 'index-progress',
    'aria-labelledby': label.id,
    ...(total > 0 && { max: total, value: status.done ?? 0 }),
  });
  line.append(label, progress);
  return line;
}

/** Watches the index's status itself, so the progress bar moves without the view being rebuilt. */
export function libraryIndexSection(list: ServerList | null, actions: ViewActions) {
  let servers = list;
  let status: IndexStatus = {};
  const items = h('ul', { class: 'index-list' });
  const refresh = button('index-refresh', t('indexRefresh'), (self) => actions.request({ type: 'refresh-index' }, self), 'link');
  const element = h(
    'section',
    { class: 'library-index', 'aria-labelledby': 'index-title' },
    h('div', { class: 'servers-head' }, h('h2', { id: 'index-title' }, t('indexHeading')), refresh),
    items,
    h('p', { class: 'hint' }, t('indexExplained')),
  );
  function draw(): void {
    const lines = (servers?.servers ?? []).flatMap((server) => {
      const entry = status[server.machineId];
      return entry ? [serverLine(server.machineId, server.name, entry)] : [];
    });
    element.hidden = lines.length === 0;
    items.replaceChildren(...lines);
  }
  const unwatch = libraryIndexItem.watch((value) => {
    status = value;
    draw();
  });
  void libraryIndexItem.getValue().then((stored) => {
    status = stored;
    draw();
  });
  draw();
  return {
    element,
    update(next: ServerList | null) {
      servers = next;
      draw();
    },
    dispose: unwatch,
  };
}
