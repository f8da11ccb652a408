import type { FailureReason, SignInMode } from '@/src/signin/state';
import { h } from '@/src/ui/dom';
import { FAILURE_TEXT } from '@/src/ui/wording';
import { button, type View, type ViewActions } from './view';

function retryActions(mode: SignInMode, label: string, actions: ViewActions): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    button('retry', label, (self) => actions.request({ type: 'sign-in', mode }, self)),
    button('cancel', 'Back', (self) => actions.request({ type: 'cancel' }, self), 'link'),
  );
}

export function expiredView(mode: SignInMode, actions: ViewActions): View {
  const text = mode === 'code' ? 'This code expired before it was used.' : 'This sign-in expired before it was approved.';
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, 'Code expired'),
    h('p', { 'data-testid': 'expired' }, text),
    retryActions(mode, mode === 'code' ? 'Get a new code' : 'Try again', actions),
  );
  return { element, announce: text };
}

export function errorView(mode: SignInMode, reason: FailureReason, actions: ViewActions): View {
  const text = FAILURE_TEXT[reason];
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, 'Could not sign in'),
    h('p', { class: 'error', 'data-testid': 'error', role: 'alert' }, text),
    retryActions(mode, 'Retry', actions),
  );
  return { element, announce: text };
}
