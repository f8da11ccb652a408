import { runBadge } from '@/src/page-badge/run';
import { runMarks } from '@/src/page-marks/run';
import { TMDB_LISTS } from '@/src/pages/tmdb-lists';
import { tmdbTitleFromUrl } from '@/src/titles/ids';

/**
 * TMDb movie and TV pages, a show's season and episode pages too; the address says which, so no
 * hint is needed. Title pages nest the title in `#original_header section.header.poster .title h2`
 * (on the backdrop picture); season and episode pages have `.title h2` without that header.
 */
export default defineContentScript({
  matches: ['https://www.themoviedb.org/*'],
  runAt: 'document_idle',
  main(ctx) {
    runBadge(ctx, { title: tmdbTitleFromUrl, anchors: ['#original_header section.header.poster .title h2', '.title h2'] });
    runMarks(ctx, TMDB_LISTS);
  },
});
