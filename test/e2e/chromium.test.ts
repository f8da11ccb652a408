import { homeSuite } from './home-suite';
import { hostilePageSuite } from './hostile-page-suite';
import { languageSuite } from './language-suite';
import { popupStatesSuite } from './popup-states-suite';
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
homeSuite('chromium');
