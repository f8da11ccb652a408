import { runBadge } from '@/src/badge/run';

/** IMDb title pages, on the desktop and the mobile site; the whole site, to follow its in-page navigation. */
export default defineContentScript({
  matches: ['https://www.imdb.com/*', 'https://m.imdb.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runBadge(ctx, {
      anchor: () => document.querySelector('h1[data-testid="hero__pageTitle"]') ?? document.querySelector('main h1, h1'),
      kindHint() {
        const type = document.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '';
        if (type === 'video.movie') return 'movie';
        if (type === 'video.tv_show') return 'show';
        return undefined;
      },
    });
  },
});
