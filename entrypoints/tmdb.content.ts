import { runBadge } from '@/src/page-badge/run';
import { runMarks } from '@/src/page-marks/run';
import { TMDB_LISTS } from '@/src/pages/tmdb-lists';
import { tmdbTitleFromUrl } from '@/src/titles/ids';

/** TMDb's address says movie, show, season or episode, so unlike IMDb no `describe` hint is needed. */
export default defineContentScript({
  matches: ['https://www.themoviedb.org/*'],
  runAt: 'document_idle',
  main(ctx) {
    // Title pages put `.title h2` in `#original_header section.header.poster` (on the backdrop); season and episode pages lack that header.
    runBadge(ctx, { title: tmdbTitleFromUrl, anchors: ['#original_header section.header.poster .title h2', '.title h2'] });
    runMarks(ctx, TMDB_LISTS);
  },
});
