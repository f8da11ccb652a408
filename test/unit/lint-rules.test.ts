import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './sources';

const IMPORTS = '@typescript-eslint/no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';

/** Snippets at paths of the repository, each with the rule that must report it (null: none may), by the reason for the rule. */
const cases: Record<string, [path: string, code: string, rule: string | null][]> = {
  "content scripts (today's and any added later), the page badge and the site readers stay light": [
    ['entrypoints/imdb.content.ts', "import { z } from 'zod/mini';\nz.string();", IMPORTS],
    ['entrypoints/trakt.content/index.ts', "import { readToken } from '@/src/storage';\nvoid readToken();", IMPORTS],
    ['src/page-badge/run.ts', "import QRCode from 'qrcode';\nvoid QRCode;", IMPORTS],
    ['src/page-badge/run.ts', "import { qrSvg } from '../ui/qr';\nvoid qrSvg;", IMPORTS],
    ['src/pages/imdb.ts', "import { plexRequest } from '../plex/http';\nvoid plexRequest;", IMPORTS],
    ['src/pages/imdb.ts', "import { cachedLookup } from '../titles/cache';\nvoid cachedLookup;", IMPORTS],
    ['src/page-badge/run.ts', 'void storage.getItem("local:x");', 'no-restricted-globals'],
    ['src/page-badge/run.ts', "import { getSecrets } from '../secret-area';\nvoid getSecrets([]);", IMPORTS],
  ],
  'types cost nothing at run time: a content script may name them': [
    ['src/page-badge/run.ts', "import type { PlexError } from '../plex/http';\nexport type E = PlexError;", null],
  ],
  "the Plex client takes the browser's parts as arguments": [
    ['src/plex/titles.ts', "import { browser } from 'wxt/browser';\nvoid browser;", IMPORTS],
    ['src/plex/titles.ts', 'void browser.runtime.id;', 'no-restricted-globals'],
    ['src/plex/titles.ts', "import { readToken } from '../storage';\nvoid readToken();", IMPORTS],
  ],
  "the popup asks the background; it does not run the background's services": [
    ['entrypoints/popup/main.ts', "import { signInService } from '@/src/signin/service';\nvoid signInService;", IMPORTS],
    ['entrypoints/popup/main.ts', "import { tokenBucket } from '@/src/titles/token-bucket';\nvoid tokenBucket;", IMPORTS],
  ],
  'no sinks where text would become markup or code': [
    ['src/ui/dom.ts', 'document.body.innerHTML = location.hash;', SYNTAX],
    ['src/titles/service.ts', 'document.body.outerHTML = "<b></b>";', SYNTAX],
    ['src/page-badge/view.ts', 'document.body.insertAdjacentHTML("beforeend", location.hash);', SYNTAX],
    ['entrypoints/background.ts', 'document.write(location.hash);', SYNTAX],
    ['src/servers/service.ts', 'eval(location.hash);', 'no-eval'],
    ['src/servers/service.ts', 'new Function(location.hash)();', 'no-new-func'],
  ],
  'logs: one error sentence from the poller, never a token': [
    ['src/titles/service.ts', 'console.log("looked up");', 'no-console'],
    ['src/titles/service.ts', 'console.error("failed");', 'no-console'],
    ['src/signin/poller.ts', 'console.error("Sign-in poll failed:", 1);', null],
    ['src/signin/poller.ts', 'const token = "x";\nconsole.error("failed", token);', SYNTAX],
  ],
  'nothing in storage.sync': [
    ['src/storage.ts', 'void browser.storage.sync.get(null);', SYNTAX],
    ['src/storage.ts', 'void storage.getItem("sync:token");', SYNTAX],
  ],
  'sentences go through the messages, in files that draw': [
    ['entrypoints/popup/views/view.ts', 'document.title = "Sign in to Plex";', SYNTAX],
    ['src/page-badge/view.ts', 'const detail = `Not on your servers`;\nvoid detail;', SYNTAX],
    ['src/signin/toolbar-badge.ts', 'document.title = "Signed in";', SYNTAX],
  ],
  "files that draw nothing may hold such strings (Plex's own error names, say)": [
    ['src/plex/http.ts', 'export const name = "Request failed";', null],
  ],
};

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

  describe.each(Object.entries(cases))('%s', (_, table) => {
    it.each(table)('%s: `%s` → %s', async (path, code, rule) => {
      const [result] = await isolated.lintText(code, { filePath: join(ROOT, path) });
      const reported = result!.messages.map((message) => message.ruleId);
      expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
      if (rule) expect(reported).toContain(rule);
      else expect(reported).toEqual([]);
    });
  });

  it('are the ones eslint.config.js applies to those files', async () => {
    for (const path of new Set(Object.values(cases).flatMap((table) => table.map(([path]) => path)))) {
      const [own, real] = (await Promise.all([isolated, project].map((eslint) => eslint.calculateConfigForFile(join(ROOT, path))))) as {
        rules: Record<string, unknown>;
      }[];
      for (const rule of Object.keys(own!.rules))
        expect({ path, rule, setting: real!.rules[rule] }).toEqual({ path, rule, setting: own!.rules[rule] });
    }
  });
});
