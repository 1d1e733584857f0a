import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // Real Kafka and PostgreSQL are brought up once per run; tests read their addresses with inject().
    globalSetup: ['test/setup/kafka.ts', 'test/setup/postgres.ts', 'test/setup/chromium.ts', 'test/setup/request-tracker.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
