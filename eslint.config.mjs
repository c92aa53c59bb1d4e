import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

// lib/infra is the machinery around the database (migrations, the embedded PGlite set-up, backup and
// restore): for scripts, the server's boot (instrumentation.ts, lib/boot.ts) and lib/db/client.ts.
const infraPattern = {
  group: ['@/lib/infra', '@/lib/infra/*', '**/lib/infra', '**/lib/infra/*'],
  message: 'lib/infra is for scripts and the server boot, not for pages or components: read and write through lib/db.',
}
const PURE = 'lib/assessments and lib/validation are pure: no I/O, configuration, database, auth, email, audit or framework code.'
// Node modules that do I/O (or reach the process or other processes).
const NODE_IO = [
  'fs',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'child_process',
  'cluster',
  'worker_threads',
  'os',
  'process',
  'readline',
  'repl',
  'vm',
  'inspector',
  'v8',
]

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'lib/db/generated/**', 'test-results/**', 'playwright-report/**', '.data/**', 'next-env.d.ts'],
  },
  {
    // Type-aware rules: the TypeScript project service gives typescript-eslint the types.
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its errors (an unhandled rejection) and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      // JSX attributes (onClick, a form's action) take async functions: React ignores their return
      // value and a form action is async by design, so only attributes are exempt.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
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
    // lib/db/system holds the code that runs without a signed-in actor (the scheduler, the check-in
    // token path), so it reads and writes any practice's rows. App code reaches data only through
    // actor-scoped lib/db functions; the public check-in route, whose token is its one credential,
    // is the single exception.
    files: ['app/**'],
    ignores: ['app/c/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/db/system', '@/lib/db/system/*', '**/lib/db/system', '**/lib/db/system/*'],
              message:
                'lib/db/system runs without an actor and is not scoped to the signed-in user. Call an actor-scoped lib/db function instead (add a wrapper there that takes the Actor and puts its scope in the same query, e.g. generateClientCheckIns). Only the public check-in route app/c uses the token path directly.',
            },
            infraPattern,
          ],
        },
      ],
    },
  },
  {
    // The public check-in route may use the token path (above), but not lib/infra either.
    files: ['app/c/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [infraPattern] }] },
  },
  {
    // Components receive plain data as props; they never reach the database, auth or configuration.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/db/*', '@/lib/auth/*', '@/lib/env', '**/lib/db/*', '**/lib/auth/*', '**/lib/env'],
              message: 'Components get data as props; pages and actions use lib/db and lib/auth.',
            },
            infraPattern,
          ],
        },
      ],
    },
  },
  {
    // lib/assessments and lib/validation are the pure domain (docs/architecture.md): scoring, risk
    // rules and input parsing run the same in a server action, a client component, a seed or a test.
    // No I/O of any kind, no configuration, no framework.
    files: ['lib/assessments/**', 'lib/validation/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: PURE },
            { name: 'react-dom', message: PURE },
            { name: 'server-only', message: PURE },
          ],
          patterns: [
            {
              group: [
                '@/lib/db',
                '@/lib/db/**',
                '@/lib/auth',
                '@/lib/auth/**',
                '@/lib/env',
                '@/lib/email',
                '@/lib/email/**',
                '@/lib/audit',
                '@/lib/audit/**',
                '**/lib/db',
                '**/lib/db/**',
                '**/lib/auth',
                '**/lib/auth/**',
                '**/lib/env',
                '**/lib/email',
                '**/lib/email/**',
                '**/lib/audit',
                '**/lib/audit/**',
                // relative imports from inside lib/assessments or lib/validation
                ...['db', 'auth', 'env', 'email', 'audit'].flatMap((m) => [`../${m}`, `../${m}/**`]),
                '@prisma/*',
                'next',
                'next/*',
                ...NODE_IO.flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]),
              ],
              message: PURE,
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: PURE }, { name: 'fetch', message: PURE }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through lib/env.ts.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `${PURE} Take the time as an argument.` },
      ],
    },
  },
  {
    // Scoring never reads the clock. (lib/validation still does in three places: the date-of-birth
    // range checks in client.ts and latestTodayIso's default in note.ts, so only lib/assessments gets
    // this part of the rule.)
    files: ['lib/assessments/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through lib/env.ts.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `${PURE} Take the time as an argument.` },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: `${PURE} Take the time as an argument.` },
      ],
    },
  },
]

export default config
