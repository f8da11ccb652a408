import { runBadge } from '@/src/page-badge/run';
import { createPageReader } from '@/src/page-marks/page-reader';
import { runMarks } from '@/src/page-marks/run';
import { LETTERBOXD, LETTERBOXD_LISTS } from '@/src/pages/letterboxd';

/** Only Letterboxd's own content script bundles the page reader, as its posters carry no ids. */
export default defineContentScript({
  matches: ['https://letterboxd.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runBadge(ctx, LETTERBOXD);
    runMarks(ctx, LETTERBOXD_LISTS, createPageReader);
  },
});
