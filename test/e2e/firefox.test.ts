import { hostilePageSuite } from './hostile-page-suite';
import { popupStatesSuite } from './popup-states-suite';
import { seerrSuite } from './seerr-suite';
import { realAnswersSuite } from './real-answers-suite';
import { serversSuite } from './servers-suite';
import { serverRoadsSuite } from './server-roads-suite';
import { signInSuite } from './signin-suite';
import { titlesSuite } from './titles-suite';

signInSuite('firefox');
titlesSuite('firefox');
realAnswersSuite('firefox');
popupStatesSuite('firefox');
serversSuite('firefox');
hostilePageSuite('firefox');
serverRoadsSuite('firefox');
seerrSuite('firefox');
