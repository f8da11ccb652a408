import { browser } from 'wxt/browser';
import { failureText } from '@/src/failures';
import { t, type MessageKey } from '@/src/i18n';
import { send } from '@/src/messages';
import type { SeerrConnection } from '@/src/seerr/types';
import { checkSeerrUrl, seerrOriginPattern } from '@/src/seerr/url';
import { seerrApiKeyItem, seerrConnectionItem, seerrUrlItem } from '@/src/storage';
import { h } from '@/src/ui/dom';

export type RequestsState =
  { state: 'off' | 'checking' | 'bad-address' | 'needs-https' | 'no-permission' } | { state: 'shown'; connection: SeerrConnection | null };

const LOCAL_TEXT: Record<Exclude<RequestsState['state'], 'shown'>, MessageKey> = {
  off: 'seerrOff',
  checking: 'seerrChecking',
  'bad-address': 'seerrBadAddress',
  'needs-https': 'seerrNeedsHttps',
  'no-permission': 'seerrNoPermission',
};

function statusText(status: RequestsState): string {
  if (status.state !== 'shown') return t(LOCAL_TEXT[status.state]);
  const { connection } = status;
  if (!connection) return t('seerrChecking');
  if (connection.state === 'connected') return connection.user ? t('seerrConnectedAs', connection.user) : t('seerrConnected');
  return t(failureText('seerr-options', connection.state));
}

function stateOf(status: RequestsState): string {
  return status.state === 'shown' ? (status.connection?.state ?? 'checking') : status.state;
}

/** Seerr, Overseerr or Jellyseerr; the API key is for instances without Plex sign-in; nothing is stored before the host permission. */
export function requestsSection(
  saved: { url: string; apiKey: string },
  initial: RequestsState,
): { element: HTMLElement; show(status: RequestsState): void } {
  const url = h('input', {
    type: 'url',
    id: 'seerr-url',
    'data-testid': 'seerr-url',
    value: saved.url,
    placeholder: 'https://requests.example.com',
    autocomplete: 'url',
    spellcheck: 'false',
  });
  const apiKey = h('input', {
    type: 'password',
    id: 'seerr-api-key',
    'data-testid': 'seerr-api-key',
    value: saved.apiKey,
    autocomplete: 'off',
  });
  const status = h('p', { class: 'status', role: 'status', 'data-testid': 'seerr-status' });
  const show = (next: RequestsState) => {
    status.textContent = statusText(next);
    status.dataset.state = stateOf(next);
  };
  show(initial);

  const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'seerr-save' }, t('seerrSave'));
  save.addEventListener('click', () => {
    if (save.getAttribute('aria-disabled') === 'true') return;
    const typed = url.value.trim();
    if (!typed) {
      void Promise.all([seerrUrlItem.removeValue(), seerrApiKeyItem.removeValue(), seerrConnectionItem.removeValue()]).then(() =>
        show({ state: 'off' }),
      );
      return;
    }
    const checked = checkSeerrUrl(typed);
    if ('problem' in checked) return show({ state: checked.problem });
    const address = checked.url;
    save.setAttribute('aria-disabled', 'true');
    // Asked before anything else is awaited: the browser grants a prompt only inside the click.
    void browser.permissions
      .request({ origins: [seerrOriginPattern(address)] })
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) return show({ state: 'no-permission' });
        url.value = address;
        show({ state: 'checking' });
        await seerrConnectionItem.removeValue();
        await Promise.all([
          seerrUrlItem.setValue(address),
          apiKey.value ? seerrApiKeyItem.setValue(apiKey.value) : seerrApiKeyItem.removeValue(),
        ]);
        await send({ type: 'seerr-check' });
      })
      .finally(() => save.removeAttribute('aria-disabled'));
  });

  const element = h(
    'section',
    { 'aria-labelledby': 'requests-heading' },
    h('h2', { id: 'requests-heading' }, t('optionsRequests')),
    h('p', { class: 'hint' }, t('optionsRequestsHint')),
    h('div', { class: 'field' }, h('label', { for: 'seerr-url' }, t('seerrAddress')), url),
    h(
      'details',
      {},
      h('summary', {}, t('seerrApiKeySummary')),
      h('p', { class: 'hint' }, t('seerrApiKeyHint')),
      h('div', { class: 'field' }, h('label', { for: 'seerr-api-key' }, t('seerrApiKey')), apiKey),
    ),
    h('div', { class: 'actions' }, save),
    status,
  );
  return { element, show };
}
