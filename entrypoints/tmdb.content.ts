import { runBadge } from '@/src/badge/run';

/** TMDb movie and TV pages; the address says which, so no hint is needed. */
export default defineContentScript({
  matches: ['https://www.themoviedb.org/*'],
  runAt: 'document_idle',
  main(ctx) {
    runBadge(ctx, {
      anchor: () => document.querySelector('#original_header .title h2, section.header .title h2, .title h2'),
    });
  },
});
