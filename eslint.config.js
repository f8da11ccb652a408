// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The extension's own code; tests and tools may log and build what they like. */
const PRODUCT = ['src/**/*.ts', 'entrypoints/**/*.ts'];
/** Code that runs in the sites' pages, today's content scripts and any added later. */
const CONTENT_SCRIPTS = ['entrypoints/*.content.ts', 'entrypoints/*.content/**/*.ts', 'src/page-badge/**/*.ts', 'src/pages/**/*.ts'];
/** Files that draw what people read: every sentence there comes from public/_locales. */
const DRAWING = ['entrypoints/popup/**/*.ts', 'src/page-badge/**/*.ts', 'src/ui/**/*.ts', 'src/signin/toolbar-badge.ts'];

/** Module specifiers by what they are, however they are written ('@/src/storage', '../storage'). */
const specifier = (names) => `(^|/)(${names})(/|$)`;
const STORAGE = specifier('storage|storage-upgrade|stored-item|secret-area|idb|titles/cache|titles/tabs|titles/stored');
const BACKGROUND_ONLY = specifier(
  'senders|storage-upgrade|(servers|signin|titles)/service|signin/(poller|online|toolbar-badge)|titles/(page-requests|cache|tabs|token-bucket)|plex/context',
);

/** Where text could become markup or code. */
const SINKS = [
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Text goes in as text: build nodes with h().',
  },
  { selector: "MemberExpression[property.name='insertAdjacentHTML']", message: 'Text goes in as text: build nodes with h().' },
  {
    selector: "MemberExpression[object.name='document'][property.name=/^(write|writeln)$/]",
    message: 'Text goes in as text: build nodes with h().',
  },
];
/** The token never goes to storage.sync (synced to the browser account), nor to a log. */
const SECRETS = [
  {
    selector: "MemberExpression[property.name='sync']:matches([object.name='storage'], [object.property.name='storage'])",
    message: 'Nothing is kept in storage.sync.',
  },
  { selector: 'Literal[value=/^sync:/]', message: 'Nothing is kept in storage.sync.' },
  { selector: 'TemplateElement[value.raw=/^sync:/]', message: 'Nothing is kept in storage.sync.' },
  { selector: "CallExpression[callee.object.name='console'] Identifier[name=/token/i]", message: 'A token is never logged.' },
];
/** Two words in a string, the first capitalised: a sentence that skipped the messages. */
const SENTENCES = [
  { selector: 'Literal[value=/^[A-Z][a-z]+ [a-z]+/]', message: 'Words people read come from public/_locales (t()).' },
  { selector: 'TemplateElement[value.raw=/^[A-Z][a-z]+ [a-z]+/]', message: 'Words people read come from public/_locales (t()).' },
];

/** The layer rules (docs/DEVELOPING.md, "Lint rules"); test/unit/lint-rules.test.ts proves each one bites. */
export const productRules = [
  {
    files: PRODUCT,
    rules: {
      'no-console': 'error',
      // typescript-eslint's typed no-implied-eval (setTimeout with a string) is on from recommendedTypeChecked.
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...SINKS, ...SECRETS],
    },
  },
  {
    // The one sentence the extension logs: a sign-in poll that failed, without its token.
    files: ['src/signin/poller.ts'],
    rules: { 'no-console': ['error', { allow: ['error'] }] },
  },
  {
    files: DRAWING,
    rules: { 'no-restricted-syntax': ['error', ...SINKS, ...SECRETS, ...SENTENCES] },
  },
  {
    // Content scripts stay small and hold nothing secret: no schemas, storage, QR code or Plex client.
    files: CONTENT_SCRIPTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '#imports', importNames: ['storage'], message: 'Content scripts do not touch storage.' },
            { name: 'qrcode', message: 'Content scripts carry no QR encoder.' },
          ],
          patterns: [
            { regex: '^zod(/|$)', message: 'Content scripts carry no zod: the background checks what they send.' },
            { regex: '^wxt/utils/storage$|^wxt/storage$', message: 'Content scripts do not touch storage.' },
            { regex: STORAGE, allowTypeImports: true, message: 'Content scripts do not touch storage.' },
            { regex: '^qrcode(/|$)|(^|/)ui/qr$', message: 'Content scripts carry no QR encoder.' },
            { regex: '(^|/)plex/', allowTypeImports: true, message: 'Content scripts ask the background; they never call Plex.' },
            { regex: BACKGROUND_ONLY, allowTypeImports: true, message: 'Content scripts ask the background through messages.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'storage', message: 'Content scripts do not touch storage.' }],
    },
  },
  {
    // The Plex client is plain TypeScript: it gets its fetch and identity as arguments (plex/context.ts builds them).
    files: ['src/plex/**/*.ts'],
    ignores: ['src/plex/context.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '#imports', message: 'The Plex client uses no browser API.' }],
          patterns: [
            { regex: '^wxt/', message: 'The Plex client uses no browser API.' },
            { regex: STORAGE, message: 'The Plex client takes what it needs as arguments, not from storage.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['browser', 'chrome', 'storage'].map((name) => ({ name, message: 'The Plex client uses no browser API.' })),
      ],
    },
  },
  {
    files: ['entrypoints/popup/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: BACKGROUND_ONLY, allowTypeImports: true, message: 'The popup asks the background through messages.' }] },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'bench/reference/.wxt/', 'bench/reference/.output/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_`-named bindings and rest siblings are how the code drops fields on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  ...productRules,
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Fakes implement async interfaces without awaiting; tests hand methods and `expect.any()` (typed any) to `expect`.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  prettier,
);
