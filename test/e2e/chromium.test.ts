import { hostilePageSuite } from './hostile-page-suite';
import { languageSuite } from './language-suite';
import { popupStatesSuite } from './popup-states-suite';
import { seerrSuite } from './seerr-suite';
import { realAnswersSuite } from './real-answers-suite';
import { serversSuite } from './servers-suite';
import { serverRoadsSuite } from './server-roads-suite';
import { signInSuite } from './signin-suite';
import { titlesSuite } from './titles-suite';

signInSuite('chromium');
titlesSuite('chromium');
realAnswersSuite('chromium');
popupStatesSuite('chromium');
serverRoadsSuite('chromium');
languageSuite('chromium');
serversSuite('chromium');
hostilePageSuite('chromium');
seerrSuite('chromium');
