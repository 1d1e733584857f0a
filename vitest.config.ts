import { availableParallelism } from 'node:os';
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
    // Two files at once even on 2 cores, where vitest's default (cores - 1) runs one: the
    // integration files mostly wait on the broker, the database and the processes they start.
    // Each file has its own database, topics and tenants, so files never see each other's rows.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
