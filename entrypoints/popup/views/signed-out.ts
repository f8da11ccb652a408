import { h } from '@/src/ui/dom';
import { SESSION_ENDED_TEXT } from '@/src/ui/wording';
import { button, type View, type ViewActions } from './view';

export function signedOutView(notice: 'session-ended' | undefined, actions: ViewActions): View {
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, 'Sign in to Plex'),
    notice === 'session-ended' ? h('p', { class: 'notice', 'data-testid': 'session-ended' }, SESSION_ENDED_TEXT) : null,
    h('p', {}, 'See what is on your Plex while you browse, and add titles to your watchlist.'),
    h(
      'div',
      { class: 'actions' },
      button('sign-in', 'Sign in with Plex', (self) => actions.request({ type: 'sign-in', mode: 'tab' }, self)),
      button('sign-in-code', 'Use a code', (self) => actions.request({ type: 'sign-in', mode: 'code' }, self), 'secondary'),
    ),
    h('p', { class: 'hint' }, 'With a code you can sign in from your phone: scan it or type it at plex.tv/link.'),
  );
  return { element, announce: notice === 'session-ended' ? SESSION_ENDED_TEXT : 'Signed out.' };
}
