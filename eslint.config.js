// ESLint (flat config) with typescript-eslint's type-aware rules. A small set, each catching a real mistake:
// promises nobody awaits or handles, promises where a callback's result is ignored, unused code, and `any`
// where it would hide a contract. Run: npm run lint (npm run lint -- --fix fixes what it can).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.turbo/**',
      'out/**',
      'test-output/**',
      'bench/results/**',
      'bench/models/**',
      // A fixture that is a syntax error on purpose (the plugin loader's test).
      'test/fixtures/bad-plugins/syntax-error.js',
    ],
  },
  js.configs.recommended,
  // TypeScript: type-aware. Every file belongs to a tsconfig: packages' own (sources), tsconfig.test.json (tests,
  // test kits, test/, examples, scripts' tests, bench), web's two.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.test.json', './packages/*/tsconfig.json', './packages/web/test/tsconfig.json', './examples/*/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `any` hides a contract: allowed only with an eslint-disable comment that says why (e.g. Explainer<any> where
      // variance over the options type is the point).
      '@typescript-eslint/no-explicit-any': 'error',
      // Re-rejecting what a catch caught (unknown by type) is fine; rejecting with a literal is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // The unsafe-* family flags every use of a value typed `any` (parsed JSON, tfjs internals, yargs): noisy
      // where the type is unknowable, and no-explicit-any already keeps `any` out of our own declarations.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Template literals show numbers and unions of strings on purpose in error messages.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Async functions without await implement async contracts (explain, render, load).
      '@typescript-eslint/require-await': 'off',
      // Off, each for a reason:
      // - its check that wants type arguments instead of `as` on a generic call fights tfjs's own idiom
      //   (`tf.zeros(shape) as tf.Tensor4D`); the redundant `!` and casts it found were removed;
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // - String(x) of parsed JSON and of whatever was thrown is deliberate in error messages;
      '@typescript-eslint/no-base-to-string': 'off',
      // - the contracts declare callbacks with method syntax (Renderer.renderInput, ProgressReporter.progress),
      //   which are passed around and tested for presence unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Plain JavaScript (scripts, CI, bench, plugin fixtures): the recommended rules, no types.
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // The web app runs in a browser; so do the page.evaluate callbacks of its screenshot script and of the web bench.
  {
    files: ['packages/web/src/**/*.ts', 'packages/web/scripts/**/*.mjs', 'bench/web.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
