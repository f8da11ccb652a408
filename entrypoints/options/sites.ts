import { t } from '@/src/i18n';
import { BADGE_SITES, type BadgeSite } from '@/src/page-badge/sites';
import { h } from '@/src/ui/dom';

/** The sites' own names, the same in every language. */
const SITE_NAMES: Record<BadgeSite, string> = {
  imdb: 'IMDb',
  tmdb: 'TMDb (The Movie Database)',
  letterboxd: 'Letterboxd',
  trakt: 'Trakt',
};

/** One checkbox per site: checked, the badge shows there; unchecked, the site's pages ask nothing. */
export function sitesSection(off: readonly string[], save: (off: string[]) => void): HTMLElement {
  const boxes = BADGE_SITES.map((site) =>
    h('input', {
      type: 'checkbox',
      'data-testid': 'site-toggle',
      'data-site': site,
      checked: !off.includes(site),
      onchange: () => save(boxes.filter((box) => !box.checked).map((box) => box.dataset.site!)),
    }),
  );
  return h(
    'section',
    { 'aria-labelledby': 'sites-heading' },
    h('h2', { id: 'sites-heading' }, t('optionsSites')),
    h('p', { class: 'hint' }, t('optionsSitesHint')),
    h('div', { class: 'sites' }, ...BADGE_SITES.map((site, index) => h('label', {}, boxes[index], SITE_NAMES[site]))),
  );
}
