import './style.css';
import { t } from '@/src/i18n';
import { seerrApiKeyItem, seerrConnectionItem, seerrUrlItem, serverOrderItem, serversItem, sitesOffItem } from '@/src/storage';
import { requestsSection } from './requests';
import { serverOrderSection } from './servers';
import { sitesSection } from './sites';

document.documentElement.lang = t('lang');
document.title = t('optionsTitle');
document.getElementById('title')!.textContent = t('optionsTitle');
const app = document.getElementById('app')!;

async function start(): Promise<void> {
  const [list, order, off, url, apiKey, connection] = await Promise.all([
    serversItem.getValue(),
    serverOrderItem.getValue(),
    sitesOffItem.getValue(),
    seerrUrlItem.getValue(),
    seerrApiKeyItem.getValue(),
    seerrConnectionItem.getValue(),
  ]);
  let servers = list?.servers ?? [];
  let preferred = order;

  const serversPlace = document.createElement('div');
  const drawServers = (focus?: { machineId: string; direction: 'up' | 'down' }) =>
    serversPlace.replaceChildren(
      serverOrderSection(
        servers,
        preferred,
        (next) => {
          const moved = next.find((id, index) => id !== inOrder()[index]);
          const direction = moved && next.indexOf(moved) < inOrder().indexOf(moved) ? 'up' : 'down';
          preferred = next;
          drawServers(moved ? { machineId: moved, direction } : undefined);
          void serverOrderItem.setValue(next);
        },
        focus,
      ),
    );
  const inOrder = () =>
    [...serversPlace.querySelectorAll<HTMLElement>('[data-testid="server-order-item"]')].map((li) => li.dataset.machineId!);
  drawServers();

  const requests = requestsSection(
    { url: url ?? '', apiKey: apiKey ?? '' },
    url ? { state: 'shown', connection: connection } : { state: 'off' },
  );
  app.replaceChildren(
    serversPlace,
    sitesSection(off, (next) => void sitesOffItem.setValue(next)),
    requests.element,
  );

  serversItem.watch((value) => {
    servers = value?.servers ?? [];
    if (!serversPlace.contains(document.activeElement)) drawServers();
  });
  seerrConnectionItem.watch((value) => {
    if (value) requests.show({ state: 'shown', connection: value });
  });
}

void start();
