// Secrets for the integration run on both engines. PostgreSQL requires every secret to be given
// (lib/env.ts), and giving them on the embedded engine too keeps tests from writing into ./.data.
export const TEST_ENV = {
  NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
  SECUREBASE_ENCRYPTION_KEYS: `it1:${Buffer.alloc(32, 7).toString('base64url')}`,
  SECUREBASE_AUDIT_KEY: 'integration-test-audit-key-0123456789abcdef',
  APP_BASE_URL: 'http://localhost:3000',
  LOG_LEVEL: 'error',
} as const
