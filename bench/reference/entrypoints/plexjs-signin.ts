import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { signInWithPlexjs } from '../plexjs-signin';

// Exposed so the bundler keeps it: this script exists to be measured.
export default defineUnlistedScript(() => Object.assign(globalThis, { signIn: signInWithPlexjs }));
