import { homeSuite } from './home-suite';
import { hostilePageSuite } from './hostile-page-suite';
import { popupStatesSuite } from './popup-states-suite';
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
homeSuite('firefox');
