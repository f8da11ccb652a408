import { runBadge } from '@/src/page-badge/run';
import { runMarks } from '@/src/page-marks/run';
import { IMDB_LISTS } from '@/src/pages/imdb-lists';
import { IMDB_ANCHORS, imdbDescribe, imdbShows, isImdbViewer } from '@/src/pages/imdb';
import { imdbTitleFromUrl } from '@/src/titles/ids';

/** IMDb title pages, on the desktop and the mobile site; the whole site, to follow its in-page navigation. */
export default defineContentScript({
  matches: ['https://www.imdb.com/*', 'https://m.imdb.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runBadge(ctx, {
      title: (href) => (isImdbViewer(href) ? null : imdbTitleFromUrl(href)),
      describe: (ref) => (ref.source === 'imdb' && imdbShows(ref.id) ? imdbDescribe(ref) : undefined),
      anchors: IMDB_ANCHORS,
    });
    runMarks(ctx, IMDB_LISTS);
  },
});
