import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { signInWithOwnClient } from '../own-signin';

// Exposed so the bundler keeps it: this script exists to be measured.
export default defineUnlistedScript(() => Object.assign(globalThis, { signIn: signInWithOwnClient }));
