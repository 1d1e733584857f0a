import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { createLogger } from '@triage/runtime';
import type { Store } from '@triage/store';
import { pgliteWithTenants } from '../../../test/harness/pglite.ts';
import { composeInsights, InsightsConfig } from '../src/index.ts';

const ACME_KEY = 'test-api-key-acme';
const GLOBEX_KEY = 'test-api-key-globex';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let store: Store;
let http: NonNullable<Awaited<ReturnType<typeof composeInsights>>['http']>;
/** Requests carry no socket here, so every one comes from the same (unknown) client address. */
const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(http.request(path, { headers }));

beforeAll(async () => {
  store = await pgliteWithTenants({ acme: ACME_KEY, globex: GLOBEX_KEY });
  const logger = createLogger({ service: 'insights-test', level: 'error' });
  // Budgets that do not refill within a test: whatever a test spends stays spent.
  const config = {
    ...InsightsConfig.parse({
      RATE_LIMIT_PER_SECOND: '0.001',
      RATE_LIMIT_BURST: '3',
      AUTH_FAILURES_PER_MINUTE: '0.001',
      AUTH_FAILURE_BURST: '2',
    }),
    OPERATOR_TOKEN: undefined,
  };
  const insights = await composeInsights({
    store,
    bus: createInProcessBus({ logger }),
    logger,
    registry: new Registry(),
    instanceId: 'test',
    config,
  });
  http = insights.http!;
});
afterAll(() => store?.close());

describe("insights' limits", () => {
  it('answers a key 429 once it has spent its burst on /v1/metrics, and leaves other keys theirs', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/v1/metrics/summary', bearer(ACME_KEY))).status).toBe(200);
    const limited = await get('/v1/metrics/summary', bearer(ACME_KEY));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    expect((await get('/v1/metrics/summary', bearer(GLOBEX_KEY))).status).toBe(200);
  });

  it('refuses an address that keeps failing to authenticate, wherever it tries, even with a right key', async () => {
    const signIn = (key: string) =>
      Promise.resolve(
        http.request('/ops/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
          body: new URLSearchParams({ key }).toString(),
        }),
      );
    expect((await signIn('guess-1')).status).toBe(401);
    expect((await get('/v1/metrics/summary', bearer('guess-2'))).status).toBe(401);
    for (const res of [
      await signIn(GLOBEX_KEY),
      await get('/v1/metrics/summary', bearer(GLOBEX_KEY)),
      await get('/ops', bearer(GLOBEX_KEY)),
    ]) {
      expect(res.status).toBe(429);
      expect(await res.json()).toMatchObject({ error: 'rate_limited' });
    }
  });
});
