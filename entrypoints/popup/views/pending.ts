import { PLEX_URLS } from '@/src/config';
import { formatCountdown, formatTime, t, tWith } from '@/src/i18n';
import { linkPageUrl } from '@/src/plex/pins';
import type { PendingState } from '@/src/signin/state';
import { h } from '@/src/ui/dom';
import { qrSvg } from '@/src/ui/qr';
import { failureText } from '@/src/failures';
import { button, type View, type ViewActions } from './view';

function expiryLine(expiresAt: number): { element: HTMLElement; stop: () => void } {
  const time = h('span', { 'data-testid': 'countdown' });
  const update = () => (time.textContent = formatCountdown(expiresAt - Date.now()));
  update();
  const interval = setInterval(update, 1000);
  return { element: h('p', { class: 'hint' }, ...tWith('expiresIn', time, formatTime(expiresAt))), stop: () => clearInterval(interval) };
}

/** "A B C D": screen readers then say the letters, not a word. */
const spelled = (code: string) => code.split('').join(' ');

function codeBlock(code: string): HTMLElement {
  const link = linkPageUrl(PLEX_URLS.tv, code);
  const host = new URL(PLEX_URLS.tv).host;
  return h(
    'div',
    { class: 'code-block' },
    h('p', {}, ...tWith('codeGoTo', h('strong', {}, `${host}/link`))),
    h(
      'p',
      { class: 'pin-code' },
      h('span', { 'data-testid': 'pin-code', 'aria-hidden': 'true' }, code),
      h('span', { class: 'visually-hidden' }, t('codeLabel', spelled(code))),
    ),
    h('div', { class: 'qr', 'data-testid': 'pin-qr' }, qrSvg(link, t('qrLabel'))),
    h('p', { class: 'hint' }, t('qrHint')),
  );
}

export function pendingView(state: PendingState, actions: ViewActions): View {
  const expiry = expiryLine(state.pin.expiresAt);
  const byCode = state.mode === 'code';
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title', 'aria-busy': 'true' },
    h('h1', { id: 'view-title', tabindex: -1 }, t(byCode ? 'pendingTitleCode' : 'pendingTitleTab')),
    byCode ? codeBlock(state.pin.code) : h('p', {}, t('pendingTab')),
    h('p', { class: 'waiting' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('waitingForApproval')),
    state.problem ? h('p', { class: 'notice', 'data-testid': 'poll-problem' }, t(failureText('sign-in-retrying', state.problem))) : null,
    expiry.element,
    h(
      'div',
      { class: 'actions' },
      button(
        'open-approval',
        t(byCode ? 'openLinkPage' : 'openPlexTab'),
        (self) => actions.request({ type: 'open-approval' }, self),
        'secondary',
      ),
      button('cancel', t('cancel'), (self) => actions.request({ type: 'cancel' }, self), 'link'),
    ),
  );
  return {
    element,
    announce: byCode ? t('announcePendingCode', spelled(state.pin.code)) : t('announcePendingTab'),
    dispose: expiry.stop,
  };
}
