import { signInSuite } from './signin-suite';

signInSuite('firefox');
