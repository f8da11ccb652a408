import { signInSuite } from './signin-suite';
import { titlesSuite } from './titles-suite';

signInSuite('firefox');
titlesSuite('firefox');
