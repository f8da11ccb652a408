import { SEERR_BADGE_WORDING } from '../failures';
import { t, type MessageKey } from '../i18n';
import type { SeerrReply, SeerrTitleState } from '../seerr/types';
import { FOCUS_KEY, h } from '../ui/dom';

/** The badge's Seerr part: what the badge knows of the title there, and whether a request is out. */
export interface RequestModel {
  reply: SeerrReply;
  busy?: boolean;
  /** The reply came from the person's Request click: a failure is announced. */
  afterRequest?: boolean;
}

const STATE_TEXT: Record<Exclude<SeerrTitleState, 'none'>, MessageKey> = {
  pending: 'seerrStatePending',
  processing: 'seerrStateProcessing',
  partial: 'seerrStatePartial',
  available: 'seerrStateAvailable',
  blocked: 'seerrStateBlocked',
};

/** Pages can click a shadow root's buttons from script; only a person's click counts. */
export const personClick = (action: () => unknown) => (event: Event) => {
  if (event.isTrusted) void action();
};

/** A show's seasons to request, all ticked; a summary line says how many are. */
function seasonPicker(seasons: number[]): HTMLElement {
  const summary = h('summary', {}, t('seerrSeasonsAll'));
  const boxes = seasons.map((season) =>
    h('input', { type: 'checkbox', value: String(season), checked: true, 'data-testid': 'request-season' }),
  );
  const picker = h(
    'details',
    { class: 'seasons' },
    summary,
    ...boxes.map((box, index) => h('label', {}, box, t('seerrSeason', String(seasons[index])))),
  );
  picker.addEventListener('change', () => {
    const chosen = boxes.filter((box) => box.checked).length;
    summary.textContent = chosen === boxes.length ? t('seerrSeasonsAll') : t('seerrSeasonsSome', String(chosen), String(boxes.length));
  });
  return picker;
}

/** The seasons ticked in the badge, or undefined for all of them (Seerr's `seasons: 'all'`). */
export function chosenSeasons(badge: HTMLElement): number[] | undefined {
  const boxes = [...badge.querySelectorAll<HTMLInputElement>('[data-testid="request-season"]')];
  const chosen = boxes.filter((box) => box.checked).map((box) => Number(box.value));
  return chosen.length === boxes.length ? undefined : chosen;
}

/** Nothing without a Seerr address; a Request button only when the title is neither on Plex nor requested there. */
export function renderRequest(model: RequestModel | undefined, onPlex: boolean, request: () => void): HTMLElement[] {
  if (!model || (!model.reply.ok && model.reply.reason === 'off')) return [];
  const { reply } = model;
  if (!reply.ok) {
    const words = t(SEERR_BADGE_WORDING[reply.reason]);
    return [
      h(
        'span',
        {
          class: 'request-status failed',
          'data-testid': 'request-status',
          'data-state': reply.reason,
          role: model.afterRequest ? 'alert' : undefined,
        },
        words,
      ),
    ];
  }
  if (reply.state !== 'none') {
    return [h('span', { class: 'request-status', 'data-testid': 'request-status', 'data-state': reply.state }, t(STATE_TEXT[reply.state]))];
  }
  if (onPlex) return [];
  const seasons = reply.seasons ?? [];
  if (reply.seasons && seasons.length === 0) return [];
  return [
    ...(seasons.length > 1 ? [seasonPicker(seasons)] : []),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-testid': 'request',
        [FOCUS_KEY]: 'request',
        'aria-disabled': model.busy ? 'true' : undefined,
        'aria-busy': model.busy ? 'true' : undefined,
        onclick: personClick(request),
      },
      t('seerrRequest'),
    ),
  ];
}
