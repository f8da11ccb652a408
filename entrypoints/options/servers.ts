import { t } from '@/src/i18n';
import { inPreferredOrder } from '@/src/servers/order';
import type { ServerEntry } from '@/src/servers/state';
import { h } from '@/src/ui/dom';

/** The order "Open in Plex" prefers; a moved server's button keeps the focus, so the keyboard can keep moving it. */
export function serverOrderSection(
  servers: readonly ServerEntry[],
  order: readonly string[],
  save: (order: string[]) => void,
  focus?: { machineId: string; direction: 'up' | 'down' },
): HTMLElement {
  const sorted = inPreferredOrder(servers, order);
  const ids = sorted.map((server) => server.machineId);
  const move = (index: number, by: -1 | 1) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    save(next);
  };
  const list = h(
    'ol',
    { class: 'order', 'data-testid': 'server-order' },
    ...sorted.map((server, index) =>
      h(
        'li',
        { 'data-testid': 'server-order-item', 'data-machine-id': server.machineId },
        h('span', { class: 'rank', 'aria-hidden': 'true' }, `${index + 1}.`),
        h('span', { class: 'name' }, server.name),
        h(
          'button',
          {
            type: 'button',
            'data-move': 'up',
            'aria-label': t('moveUp', server.name),
            'aria-disabled': index === 0 ? 'true' : undefined,
            onclick: () => index > 0 && move(index, -1),
          },
          '↑',
        ),
        h(
          'button',
          {
            type: 'button',
            'data-move': 'down',
            'aria-label': t('moveDown', server.name),
            'aria-disabled': index === sorted.length - 1 ? 'true' : undefined,
            onclick: () => index < sorted.length - 1 && move(index, 1),
          },
          '↓',
        ),
      ),
    ),
  );
  const section = h(
    'section',
    { 'aria-labelledby': 'servers-heading' },
    h('h2', { id: 'servers-heading' }, t('optionsServers')),
    h('p', { class: 'hint' }, t(servers.length > 0 ? 'optionsServersHint' : 'optionsNoServers')),
    servers.length > 0 ? list : null,
  );
  if (focus) {
    const item = list.querySelector(`[data-machine-id="${CSS.escape(focus.machineId)}"]`);
    // At the top or bottom the button that moved it is inert; the other one still moves it.
    const same = item?.querySelector<HTMLButtonElement>(`[data-move="${focus.direction}"]`);
    const other = item?.querySelector<HTMLButtonElement>(`[data-move="${focus.direction === 'up' ? 'down' : 'up'}"]`);
    queueMicrotask(() => (same?.getAttribute('aria-disabled') === 'true' ? other : same)?.focus());
  }
  return section;
}
