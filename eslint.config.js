// Lint: ESLint's recommended rules and typescript-eslint's, plus a few that keep the code honest.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import local from './eslint-local-rules.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', '.test-results/', 'src/platform/views/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        crypto: 'readonly',
        fetch: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Modules have front doors (eslint-local-rules.js). Tests may open the module they test.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: { local },
    rules: { 'local/module-front-doors': 'error' },
  },
  {
    // Functions stay short enough to read at a glance. Seed files are exempt: they are demo data listings,
    // long by nature, not logic.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/seed/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
);
