import { popupStatesSuite } from './popup-states-suite';
import { serverRoadsSuite } from './server-roads-suite';
import { signInSuite } from './signin-suite';
import { titlesSuite } from './titles-suite';

signInSuite('firefox');
titlesSuite('firefox');
popupStatesSuite('firefox');
serverRoadsSuite('firefox');
