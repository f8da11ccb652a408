import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './sources';

/** A snippet at a path of the repository, and the rule that must report it (null: none may). */
interface Case {
  path: string;
  code: string;
  rule: string | null;
}

const IMPORTS = '@typescript-eslint/no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';

const cases: Case[] = [
  // Layers: content scripts (today's and any added later), the page badge and the site readers.
  { path: 'entrypoints/imdb.content.ts', code: "import { z } from 'zod/mini';\nz.string();", rule: IMPORTS },
  { path: 'entrypoints/trakt.content/index.ts', code: "import { readToken } from '@/src/storage';\nvoid readToken();", rule: IMPORTS },
  { path: 'src/page-badge/run.ts', code: "import QRCode from 'qrcode';\nvoid QRCode;", rule: IMPORTS },
  { path: 'src/page-badge/run.ts', code: "import { qrSvg } from '../ui/qr';\nvoid qrSvg;", rule: IMPORTS },
  { path: 'src/pages/imdb.ts', code: "import { plexRequest } from '../plex/http';\nvoid plexRequest;", rule: IMPORTS },
  { path: 'src/pages/imdb.ts', code: "import { cachedLookup } from '../titles/cache';\nvoid cachedLookup;", rule: IMPORTS },
  { path: 'src/page-badge/run.ts', code: 'void storage.getItem("local:x");', rule: 'no-restricted-globals' },
  { path: 'src/page-badge/run.ts', code: "import { getSecrets } from '../secret-area';\nvoid getSecrets([]);", rule: IMPORTS },
  // Types cost nothing at run time: a content script may name them.
  { path: 'src/page-badge/run.ts', code: "import type { PlexError } from '../plex/http';\nexport type E = PlexError;", rule: null },
  // The Plex client takes the browser's parts as arguments.
  { path: 'src/plex/titles.ts', code: "import { browser } from 'wxt/browser';\nvoid browser;", rule: IMPORTS },
  { path: 'src/plex/titles.ts', code: 'void browser.runtime.id;', rule: 'no-restricted-globals' },
  { path: 'src/plex/titles.ts', code: "import { readToken } from '../storage';\nvoid readToken();", rule: IMPORTS },
  // The popup asks the background; it does not run the background's services.
  { path: 'entrypoints/popup/main.ts', code: "import { signInService } from '@/src/signin/service';\nvoid signInService;", rule: IMPORTS },
  { path: 'entrypoints/popup/main.ts', code: "import { tokenBucket } from '@/src/titles/token-bucket';\nvoid tokenBucket;", rule: IMPORTS },
  // Sinks where text would become markup or code.
  { path: 'src/ui/dom.ts', code: 'document.body.innerHTML = location.hash;', rule: SYNTAX },
  { path: 'src/titles/service.ts', code: 'document.body.outerHTML = "<b></b>";', rule: SYNTAX },
  { path: 'src/page-badge/view.ts', code: 'document.body.insertAdjacentHTML("beforeend", location.hash);', rule: SYNTAX },
  { path: 'entrypoints/background.ts', code: 'document.write(location.hash);', rule: SYNTAX },
  { path: 'src/servers/service.ts', code: 'eval(location.hash);', rule: 'no-eval' },
  { path: 'src/servers/service.ts', code: 'new Function(location.hash)();', rule: 'no-new-func' },
  // Logs: one error sentence from the poller, never a token.
  { path: 'src/titles/service.ts', code: 'console.log("looked up");', rule: 'no-console' },
  { path: 'src/titles/service.ts', code: 'console.error("failed");', rule: 'no-console' },
  { path: 'src/signin/poller.ts', code: 'console.error("Sign-in poll failed:", 1);', rule: null },
  { path: 'src/signin/poller.ts', code: 'const token = "x";\nconsole.error("failed", token);', rule: SYNTAX },
  // Nothing in storage.sync.
  { path: 'src/storage.ts', code: 'void browser.storage.sync.get(null);', rule: SYNTAX },
  { path: 'src/storage.ts', code: 'void storage.getItem("sync:token");', rule: SYNTAX },
  // Sentences go through the messages, in files that draw.
  { path: 'entrypoints/popup/views/view.ts', code: 'document.title = "Sign in to Plex";', rule: SYNTAX },
  { path: 'src/page-badge/view.ts', code: 'const detail = `Not on your servers`;\nvoid detail;', rule: SYNTAX },
  { path: 'src/signin/toolbar-badge.ts', code: 'document.title = "Signed in";', rule: SYNTAX },
  // Files that draw nothing may hold such strings (Plex's own error names, say).
  { path: 'src/plex/http.ts', code: 'export const name = "Request failed";', rule: null },
];

/** Parses without type information, so each snippet is linted on its own in milliseconds. */
const base: Linter.Config = {
  languageOptions: { parser: tseslint.parser },
  plugins: { '@typescript-eslint': tseslint.plugin as unknown as ESLint.Plugin },
};

describe('the lint rules for the extension’s code', () => {
  let isolated: ESLint;
  let project: ESLint;
  beforeAll(async () => {
    const { productRules } = (await import(pathToFileURL(join(ROOT, 'eslint.config.js')).href)) as { productRules: Linter.Config[] };
    isolated = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: [base, ...productRules] });
    project = new ESLint({ cwd: ROOT });
  });

  it.each(cases)('$path: `$code` → $rule', async ({ path, code, rule }) => {
    const [result] = await isolated.lintText(code, { filePath: join(ROOT, path) });
    const reported = result!.messages.map((message) => message.ruleId);
    expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
    if (rule) expect(reported).toContain(rule);
    else expect(reported).toEqual([]);
  });

  it('are the ones eslint.config.js applies to those files', async () => {
    for (const path of new Set(cases.map((c) => c.path))) {
      const [own, real] = (await Promise.all([isolated, project].map((eslint) => eslint.calculateConfigForFile(join(ROOT, path))))) as {
        rules: Record<string, unknown>;
      }[];
      for (const rule of Object.keys(own!.rules))
        expect({ path, rule, setting: real!.rules[rule] }).toEqual({ path, rule, setting: own!.rules[rule] });
    }
  });
});
