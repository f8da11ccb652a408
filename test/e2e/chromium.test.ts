import { signInSuite } from './signin-suite';
import { titlesSuite } from './titles-suite';

signInSuite('chromium');
titlesSuite('chromium');
