import { PLEX_URLS } from '@/src/config';
import { t } from '@/src/i18n';
import { h } from '@/src/ui/dom';
import { button, type View, type ViewActions } from './view';

export function signedOutView(notice: 'session-ended' | undefined, actions: ViewActions): View {
  const ended = notice === 'session-ended' ? t('sessionEnded') : undefined;
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, t('signInToPlex')),
    ended ? h('p', { class: 'notice', 'data-testid': 'session-ended' }, ended) : null,
    h('p', {}, t('signedOutIntro')),
    h(
      'div',
      { class: 'actions' },
      button('sign-in', t('signInWithPlex'), (self) => actions.request({ type: 'sign-in', mode: 'tab' }, self)),
      button('sign-in-code', t('useCode'), (self) => actions.request({ type: 'sign-in', mode: 'code' }, self), 'secondary'),
    ),
    h('p', { class: 'hint' }, t('codeHint', `${new URL(PLEX_URLS.tv).host}/link`)),
  );
  return { element, announce: ended ?? t('announceSignedOut') };
}
