import { t, type MessageKey } from '@/src/i18n';
import type { SignInMode } from '@/src/signin/state';
import { h } from '@/src/ui/dom';
import { failureText, type SignInFailure } from '@/src/failures';
import { button, type View, type ViewActions } from './view';

function retryActions(mode: SignInMode, label: MessageKey, actions: ViewActions): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    button('retry', t(label), (self) => actions.request({ type: 'sign-in', mode }, self)),
    button('cancel', t('back'), (self) => actions.request({ type: 'cancel' }, self), 'link'),
  );
}

export function expiredView(mode: SignInMode, actions: ViewActions): View {
  const byCode = mode === 'code';
  const text = t(byCode ? 'expiredCode' : 'expiredTab');
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, t(byCode ? 'expiredTitleCode' : 'expiredTitleTab')),
    h('p', { 'data-testid': 'expired' }, text),
    retryActions(mode, byCode ? 'newCode' : 'tryAgain', actions),
  );
  return { element, announce: text };
}

export function errorView(mode: SignInMode, reason: SignInFailure, actions: ViewActions): View {
  const text = t(failureText('sign-in', reason));
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, t('errorTitle')),
    h('p', { class: 'error', 'data-testid': 'error' }, text),
    retryActions(mode, 'retry', actions),
  );
  return { element, announce: text };
}
