import { formatDate, t } from '@/src/i18n';
import type { ServerList } from '@/src/servers/state';
import type { Session } from '@/src/signin/state';
import { h, rerenderKeepingFocus } from '@/src/ui/dom';
import { serversSection } from './servers';
import { button, type View, type ViewActions } from './view';

function avatar(name: string, url: string | undefined): HTMLElement {
  const initial = h('span', { class: 'avatar initial', 'aria-hidden': 'true' }, name.slice(0, 1).toUpperCase());
  if (!url) return initial;
  const image = h('img', { class: 'avatar', src: url, alt: '', referrerpolicy: 'no-referrer', width: 48, height: 48 });
  image.addEventListener('error', () => image.replaceWith(initial));
  return image;
}

export function signedInView(session: Session, servers: ServerList | null, actions: ViewActions): View {
  const account = session.account;
  const name = account?.name ?? t('yourAccount');
  const details = h('dl', { class: 'details' });
  if (account?.email) details.append(h('dt', {}, t('email')), h('dd', { 'data-testid': 'account-email' }, account.email));
  details.append(
    h('dt', {}, t('plan')),
    h('dd', { 'data-testid': 'account-plan' }, account ? (account.plan ?? t('planFree')) : '…'),
    h('dt', {}, t('signedInOn')),
    h('dd', { 'data-testid': 'signed-in-date' }, formatDate(session.signedInAt)),
  );
  let section = serversSection(servers, actions);
  const element = h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', class: 'visually-hidden', tabindex: -1 }, t('signedInHeading')),
    h(
      'div',
      { class: 'account' },
      avatar(name, account?.avatarUrl),
      h(
        'div',
        {},
        h('p', { class: 'account-name', 'data-testid': 'account-name' }, name),
        account && account.username !== name ? h('p', { class: 'hint' }, account.username) : null,
      ),
    ),
    details,
    section,
    h(
      'div',
      { class: 'actions' },
      button('sign-out', t('signOut'), (self) => actions.request({ type: 'sign-out' }, self), 'secondary'),
    ),
    // One account at a time: switching is signing out, then in, so the old one is revoked first.
    h('p', { class: 'hint', 'data-testid': 'switch-account-hint' }, t('switchAccountHint')),
  );
  return {
    element,
    announce: t('announceSignedIn', name),
    updateServers(list) {
      rerenderKeepingFocus(document, section, () => {
        const next = serversSection(list, actions);
        section.replaceWith(next);
        section = next;
        return next;
      });
    },
  };
}
