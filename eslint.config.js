import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      'data/**',
      '.tsbuild/**',
      'apps/server/src/db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through apps/server/src/env.ts only.',
        },
      ],
    },
  },
  {
    files: [
      'apps/server/src/env.ts',
      'apps/server/src/test/**',
      'e2e/**',
      'bench/**',
      '**/*.test.ts',
      'scripts/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  // Layers (ENGINEERING.md): only repositories and db/ touch the database; the domain and the
  // contract do no I/O; the web never reaches into the server. Tests are exempt.
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: [
      '**/repository.ts',
      '**/repositories/**',
      'apps/server/src/modules/*/schema.ts',
      'apps/server/src/db/**',
      'apps/server/src/write.ts',
      'apps/server/src/test/**',
      '**/*.test.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'drizzle-orm',
                'drizzle-orm/*',
                '**/db/schema',
                '**/db/schema.js',
                './schema',
                './schema.js',
                '../*/schema',
                '../*/schema.js',
              ],
              allowTypeImports: true,
              message:
                'Only repositories (repository.ts), db/, write.ts and a module’s schema.ts touch the database and its tables: call a repository.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-globals': ['error', 'Date', 'process', 'fetch'] },
  },
  {
    files: ['packages/core/src/**/*.ts', 'packages/contract/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'fs/*',
                'net',
                'http',
                'https',
                'http2',
                'tls',
                'dns',
                'dgram',
                'child_process',
                'worker_threads',
                'pg',
                'pg-*',
                'drizzle-orm',
                'drizzle-orm/*',
                '@electric-sql/*',
                'fastify',
                'fastify-*',
                '@fastify/*',
                'exceljs',
                '@pbis/server',
                '@pbis/server/*',
                '@pbis/web',
                '@pbis/web/*',
                '**/apps/**',
              ],
              message: 'The domain and the contract are pure: no I/O, no database, no server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@pbis/server',
                '@pbis/server/*',
                '**/apps/server',
                '**/apps/server/**',
                '**/server/src/**',
                '../../server',
                '../../server/**',
                '../../../server',
                '../../../server/**',
                'node:*',
                'drizzle-orm',
                'drizzle-orm/*',
                'pg',
              ],
              message:
                'The web talks to the server over HTTP only: shapes come from @pbis/contract, rules from @pbis/core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
