import { Validator } from '@seriousme/openapi-schema-validator';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { routedEvent } from '@triage/metrics/testing';
import { composeProcess, createLogger, type Lifecycle, type ServiceParts } from '@triage/runtime';
import { createPgliteStore } from '@triage/store';
import { waitFor } from '../../../test/harness/wait.ts';
import { INSIGHTS_OPENAPI_PATH } from '../src/app.ts';
import { composeInsights, InsightsConfig } from '../src/index.ts';

const API_KEY = 'test-api-key-acme';
const auth = { authorization: `Bearer ${API_KEY}` };

let insights: ServiceParts;
let lifecycle: Lifecycle;
const bus = createInProcessBus({ logger: createLogger({ service: 'bus-test', level: 'error' }) });
const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(insights.http!.request(path, { headers }));

beforeAll(async () => {
  const store = await createPgliteStore({ embeddingDim: 8 });
  await store.tenants.ensure('acme');
  await store.tenants.createApiKey('acme', API_KEY);
  const deps = {
    store,
    bus,
    logger: createLogger({ service: 'insights-test', level: 'error' }),
    registry: new Registry(),
    instanceId: 'test',
  };
  insights = await composeInsights({ ...deps, config: InsightsConfig.parse({ OPS_DEFAULT_TENANT: 'acme' }) });
  ({ lifecycle } = composeProcess({ ...deps, name: 'insights-test', services: [insights], httpPort: 0, healthPort: 0 }));
  await lifecycle.start();
});
afterAll(() => lifecycle?.stop());

describe('GET /v1/metrics/summary', () => {
  it("answers the caller's tenant figures, projected from the events on the bus", async () => {
    await bus.publish(Topics.ticketsRouted, [routedEvent({ ticketId: 't1', receivedAt: Date.now() - 60_000 })]);
    await waitFor(
      async () => ((await (await get('/v1/metrics/summary', auth)).json()) as { ticketsRouted: number }).ticketsRouted === 1,
      10_000,
    );
    expect(await (await get('/v1/metrics/summary', auth)).json()).toMatchObject({ tenantId: 'acme', ticketsRouted: 1 });
  });

  it('refuses a missing or unknown API key with 401 and the shared error body', async () => {
    const missing = await get('/v1/metrics/summary');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: 'unauthorized' });
    expect((await get('/v1/metrics/summary', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('answers unknown paths with the shared 404 body', async () => {
    const res = await get('/v1/metrics/nope', auth);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('/ops', () => {
  it('serves the default tenant without an API key', async () => {
    const res = await get('/ops/summary.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tenantId: 'acme' });
  });
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document covering the metrics endpoint', async () => {
    const document = (await (await get(INSIGHTS_OPENAPI_PATH)).json()) as { paths: Record<string, object> };
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(document.paths)).toEqual(['/v1/metrics/summary']);
  });
});
