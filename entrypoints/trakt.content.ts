import { runBadge } from '@/src/page-badge/run';
import { createPageReader } from '@/src/page-marks/page-reader';
import { runMarks } from '@/src/page-marks/run';
import { TRAKT, TRAKT_LISTS } from '@/src/pages/trakt';

/** Only Trakt's own content script bundles the page reader, as its grid items carry no ids. */
export default defineContentScript({
  matches: ['https://trakt.tv/*'],
  runAt: 'document_idle',
  main(ctx) {
    runBadge(ctx, TRAKT);
    runMarks(ctx, TRAKT_LISTS, createPageReader);
  },
});
