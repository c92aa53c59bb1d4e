import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'lib/db/generated/**', 'test-results/**', 'playwright-report/**', '.data/**', 'next-env.d.ts'],
  },
  {
    rules: {
      // Notes and answers render as text, never as HTML.
      'react/no-danger': 'error',
      // Secrets come from node:crypto.
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use node:crypto for anything secret or unguessable.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Configuration is read in one place (lib/env.ts).
    files: ['app/**', 'components/**', 'lib/**'],
    ignores: ['lib/env.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through lib/env.ts.' },
      ],
    },
  },
  {
    // Components receive plain data as props; they never reach the database, auth or configuration.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/db/*', '@/lib/auth/*', '@/lib/env', '**/lib/db/*', '**/lib/auth/*', '**/lib/env'], message: 'Components get data as props; pages and actions use lib/db and lib/auth.' }] },
      ],
    },
  },
]

export default config
