import type { TestProject } from 'vitest/node';
import { ensureRequestTracker } from '../../infra/request-tracker/up.ts';
import type { RequestTracker } from '../../infra/request-tracker/settings.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Request Tracker 5 answering REST 2, with its admin; absent when no test of this run needs one. */
    requestTracker: RequestTracker | undefined;
  }
}

/** Test files that talk to Request Tracker: their names say so. */
const NEEDS_RT = /request-tracker|rt-connector|\brt\./;

/**
 * Request Tracker 5 for the connector's tests, brought up once before any test file runs (two
 * files installing it at once would race for apt's lock). Installing it takes about a minute, so
 * a run none of whose files need it (`vitest run packages/bus`, say) does not; a warm call is one
 * request. `RT_TEST_URL` points the tests at an RT of one's own instead (root / RT_TEST_PASSWORD).
 */
export default async function setup(project: TestProject): Promise<void> {
  const filters = process.argv.slice(process.argv.indexOf('run') + 1).filter((arg) => !arg.startsWith('-'));
  const files = await project.vitest.getRelevantTestSpecifications(filters);
  if (!files.some((spec) => NEEDS_RT.test(spec.moduleId))) {
    project.provide('requestTracker', undefined);
    return;
  }
  const external = process.env.RT_TEST_URL;
  const rt = external
    ? { url: external, user: process.env.RT_TEST_USER ?? 'root', password: process.env.RT_TEST_PASSWORD ?? 'password' }
    : await ensureRequestTracker({ log: (line) => process.stderr.write(`[request-tracker] ${line}\n`) });
  project.provide('requestTracker', rt);
}
