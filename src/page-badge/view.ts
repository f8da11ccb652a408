import { t } from '../i18n';
import type { Lookup } from '../titles/types';
import { FOCUS_KEY, h } from '../ui/dom';
import { personClick, renderRequest, type RequestModel } from './request-view';
import { foundDetail, linksOf, statusText } from './wording';

export interface BadgeActions {
  signIn: () => void;
  setWatchlist: (on: boolean) => Promise<void>;
  retry: () => void;
  /** Requests the title in the person's Seerr. */
  request: () => void;
}

export type BadgeModel =
  | { kind: 'loading' }
  | {
      kind: 'ready';
      lookup: Lookup;
      /** The person asked to sign in from this badge; the Plex tab is open. */
      signingIn?: boolean;
      watchlistBusy?: boolean;
      /** One sentence about the last action that failed. */
      alert?: string;
      /** The title in the person's Seerr, once asked (nothing without an address). */
      request?: RequestModel;
    };

function detailOf(lookup: Lookup, signingIn: boolean): string {
  switch (lookup.state) {
    case 'signed-out':
      return t(signingIn ? 'badgeApprove' : 'badgeSignInToSee');
    case 'failed':
    case 'superseded':
      return '';
    case 'unknown':
      return t('badgeUnknownTitle');
    case 'found':
      return foundDetail(lookup);
  }
}

function watchlistButton(lookup: Extract<Lookup, { state: 'found' }>, busy: boolean, actions: BadgeActions): HTMLButtonElement {
  const on = lookup.watchlisted === true;
  const title = t(lookup.watchlisted === null ? 'watchlistUnknownTitle' : on ? 'watchlistRemoveTitle' : 'watchlistAddTitle');
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'watchlist-toggle',
      [FOCUS_KEY]: 'watchlist-toggle',
      'aria-pressed': String(on),
      title,
      'aria-disabled': busy ? 'true' : undefined,
      'aria-busy': busy ? 'true' : undefined,
      onclick: personClick(() => actions.setWatchlist(!on)),
    },
    t(on ? 'watchlistAdded' : 'watchlistAdd'),
  );
}

/** The badge's one-line status, also said by its live region. */
export function badgeStatus(model: BadgeModel): string {
  return model.kind === 'loading' ? t('badgeLoading') : statusText(model.lookup);
}

/** Everything from Plex goes in as text, never as markup. */
export function renderBadge(model: BadgeModel, theme: 'light' | 'dark', actions: BadgeActions): HTMLElement {
  const loading = model.kind === 'loading';
  const status = badgeStatus(model);
  const detail = loading ? '' : detailOf(model.lookup, model.signingIn === true);
  const root = h(
    'div',
    {
      class: 'badge',
      'data-testid': 'plex-badge',
      'data-theme': theme,
      role: 'group',
      'aria-label': t('extName'),
      'aria-busy': String(loading),
    },
    h('span', { class: 'mark', 'aria-hidden': 'true' }),
    h('span', { class: 'status', 'data-testid': 'plex-badge-status' }, status),
    detail ? h('span', { class: 'detail', 'data-testid': 'plex-badge-detail' }, detail) : null,
  );
  if (loading) return root;

  const { lookup } = model;
  if (lookup.state === 'signed-out') {
    root.append(
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-testid': 'plex-sign-in',
          [FOCUS_KEY]: 'plex-sign-in',
          onclick: personClick(actions.signIn),
        },
        t('signInToPlex'),
      ),
    );
  } else if (lookup.state === 'failed') {
    root.append(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': 'plex-retry',
          [FOCUS_KEY]: 'plex-retry',
          onclick: personClick(actions.retry),
        },
        t('tryAgain'),
      ),
    );
  } else if (lookup.state === 'found') {
    const { placements, toShow } = linksOf(lookup);
    const [first, ...others] = placements;
    if (first) {
      root.append(
        h(
          'a',
          { href: first.href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'plex-open', [FOCUS_KEY]: 'plex-open' },
          t(toShow ? 'openShowInPlex' : 'openInPlex'),
        ),
        ...others.map((p) => h('a', { class: 'also', href: p.href, target: '_blank', rel: 'noopener noreferrer' }, t('alsoOn', p.server))),
      );
    }
    root.append(watchlistButton(lookup, model.watchlistBusy === true, actions));
  }
  if (lookup.state === 'found' || lookup.state === 'unknown') {
    root.append(...renderRequest(model.request, lookup.state === 'found' && lookup.on.length > 0, actions.request));
  }
  if (model.alert) root.append(h('span', { class: 'alert', role: 'alert', 'data-testid': 'plex-badge-alert' }, model.alert));
  return root;
}
