import { PLEX_URLS } from '@/src/config';
import { linkPageUrl } from '@/src/plex/pins';
import type { PendingState } from '@/src/signin/state';
import { h } from '@/src/ui/dom';
import { qrSvg } from '@/src/ui/qr';
import { PROBLEM_TEXT, countdown } from '@/src/ui/wording';
import { button, type View, type ViewActions } from './view';

function expiryLine(expiresAt: number): { element: HTMLElement; stop(): void } {
  const time = h('span', { 'data-testid': 'countdown' });
  const update = () => (time.textContent = countdown(expiresAt - Date.now()));
  update();
  const interval = setInterval(update, 1000);
  return { element: h('p', { class: 'hint' }, 'Expires in ', time), stop: () => clearInterval(interval) };
}

function codeBlock(code: string): HTMLElement {
  const link = linkPageUrl(PLEX_URLS.tv, code);
  const host = new URL(PLEX_URLS.tv).host;
  return h(
    'div',
    { class: 'code-block' },
    h('p', {}, 'On any device, go to ', h('strong', {}, `${host}/link`), ' and enter:'),
    h('p', { class: 'pin-code', 'data-testid': 'pin-code', 'aria-label': `Code ${code.split('').join(' ')}` }, code),
    h('div', { class: 'qr', 'data-testid': 'pin-qr' }, qrSvg(link, 'QR code that opens the Plex link page with this code')),
    h('p', { class: 'hint' }, 'Or scan the QR code with your phone.'),
  );
}

export function pendingView(state: PendingState, actions: ViewActions): View {
  const expiry = expiryLine(state.pin.expiresAt);
  const byCode = state.mode === 'code';
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title', 'aria-busy': 'true' },
    h('h1', { id: 'view-title', tabindex: -1 }, byCode ? 'Enter this code at Plex' : 'Approve in the Plex tab'),
    byCode
      ? codeBlock(state.pin.code)
      : h('p', {}, 'A Plex tab opened. Sign in there and allow Sidekick for Plex; this window updates by itself.'),
    h('p', { class: 'waiting' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Waiting for approval…'),
    state.problem ? h('p', { class: 'notice', 'data-testid': 'poll-problem' }, PROBLEM_TEXT[state.problem]) : null,
    expiry.element,
    h(
      'div',
      { class: 'actions' },
      button(
        'open-approval',
        byCode ? 'Open the link page' : 'Open the Plex tab again',
        (self) => actions.request({ type: 'open-approval' }, self),
        'secondary',
      ),
      button('cancel', 'Cancel', (self) => actions.request({ type: 'cancel' }, self), 'link'),
    ),
  );
  return {
    element,
    announce: byCode ? `Waiting for approval. Your code is ${state.pin.code.split('').join(' ')}.` : 'Waiting for approval in the Plex tab.',
    dispose: expiry.stop,
  };
}
