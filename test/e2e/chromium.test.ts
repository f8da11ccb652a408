import { signInSuite } from './signin-suite';

signInSuite('chromium');
