// ESLint (flat config): typescript-eslint's recommended rules (not the type-checked set, to stay
// fast) and the import boundaries of DESIGN.md §2, so a crossing fails `npm run lint` in CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A relative import that reaches into one of `folders` (a path segment of that name). */
const into = (folders) => `^\\.{1,2}/(.*/)?(${folders.join('|')})/`;

/** Forbids imports into the named top-level folders from the files of one part. */
const boundary = (files, forbidden, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: into(forbidden), message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'data/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Plain-JavaScript build scripts run under Node.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The API under test answers JSON the tests read loosely and assert field by field.
    files: ['test/helpers/hub-process.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // DESIGN.md §2: shared/ imports no app; hub/ imports only shared/; kiosk/ and display/ import
  // shared/ and never each other or hub/. all-in-one/, test/ and bench/ compose the parts.
  boundary(['shared/**'], ['hub', 'kiosk', 'display', 'all-in-one', 'group'], 'shared/ imports no app: move what two parts need into shared/.'),
  boundary(['hub/**'], ['kiosk', 'display', 'all-in-one', 'group'], 'hub/ imports only shared/: compose hub and station in all-in-one/.'),
  boundary(['kiosk/**'], ['hub', 'display', 'all-in-one'], 'kiosk/ imports only shared/ (and itself): move what display/ or hub/ also need into shared/.'),
  boundary(['group/**'], ['hub', 'kiosk', 'display', 'all-in-one'], 'group/ (the dealer group server) imports only shared/.'),
  boundary(['display/**'], ['hub', 'kiosk', 'all-in-one'], 'display/ imports only shared/ (and itself): move what kiosk/ also needs into shared/.'),
);
