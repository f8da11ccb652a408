import { hostilePageSuite } from './hostile-page-suite';
import { popupStatesSuite } from './popup-states-suite';
import { signInSuite } from './signin-suite';
import { titlesSuite } from './titles-suite';

signInSuite('firefox');
titlesSuite('firefox');
popupStatesSuite('firefox');
hostilePageSuite('firefox');
