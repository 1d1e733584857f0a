import { Validator } from '@seriousme/openapi-schema-validator';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { routedEvent } from '@triage/metrics/testing';
import { composeProcess, createLogger, type Lifecycle } from '@triage/runtime';
import { pgliteWithTenants } from '../../../test/harness/pglite.ts';
import { waitFor } from '../../../test/harness/wait.ts';
import { INSIGHTS_OPENAPI_PATH } from '../src/app.ts';
import { composeInsights, InsightsConfig } from '../src/index.ts';

const ACME_KEY = 'test-api-key-acme';
const GLOBEX_KEY = 'test-api-key-globex';
const OPERATOR_TOKEN = 'operator-token-of-at-least-24-chars';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const acme = bearer(ACME_KEY);

let insights: Awaited<ReturnType<typeof composeInsights>>;
let lifecycle: Lifecycle;
let api: string;
let internal: string;
const bus = createInProcessBus({ logger: createLogger({ service: 'bus-test', level: 'error' }) });
const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(insights.http!.request(path, { headers }));
const summaryOf = async (res: Response) => (await res.json()) as { tenantId: string; ticketsRouted: number };
const signIn = (key: string, headers: Record<string, string> = { origin: 'http://localhost' }) =>
  Promise.resolve(
    insights.http!.request('/ops/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ key }).toString(),
    }),
  );
/** The `name=value` a browser sends back for the cookie `res` set. */
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

beforeAll(async () => {
  const store = await pgliteWithTenants({ acme: ACME_KEY, globex: GLOBEX_KEY });
  const deps = {
    store,
    bus,
    logger: createLogger({ service: 'insights-test', level: 'error' }),
    registry: new Registry(),
    instanceId: 'test',
  };
  // The default is another tenant, so a page that ignored the key would show globex.
  const config = { ...InsightsConfig.parse({ OPS_DEFAULT_TENANT: 'globex' }), OPERATOR_TOKEN };
  insights = await composeInsights({ ...deps, config });
  const process = composeProcess({ ...deps, name: 'insights-test', services: [insights], httpPort: 0, healthPort: 0 });
  lifecycle = process.lifecycle;
  await lifecycle.start();
  api = `http://127.0.0.1:${process.httpPort()}`;
  internal = `http://127.0.0.1:${process.healthPort()}`;
  await bus.publish(Topics.ticketsRouted, [
    routedEvent({ ticketId: 't1', receivedAt: Date.now() - 60_000 }),
    routedEvent({ ticketId: 'g1', tenantId: 'globex', receivedAt: Date.now() - 60_000 }),
    routedEvent({ ticketId: 'g2', tenantId: 'globex', receivedAt: Date.now() - 60_000 }),
  ]);
  await waitFor(async () => (await summaryOf(await get('/v1/metrics/summary', bearer(GLOBEX_KEY)))).ticketsRouted === 2, 10_000);
});
afterAll(() => lifecycle?.stop());

describe('GET /v1/metrics/summary', () => {
  it("answers the caller's tenant figures, projected from the events on the bus", async () => {
    expect(await (await get('/v1/metrics/summary', acme)).json()).toMatchObject({ tenantId: 'acme', ticketsRouted: 1 });
  });

  it('refuses a missing or unknown API key with 401 and the shared error body', async () => {
    const missing = await get('/v1/metrics/summary');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: 'unauthorized' });
    expect((await get('/v1/metrics/summary', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('answers unknown paths with the shared 404 body', async () => {
    const res = await get('/v1/metrics/nope', acme);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('/ops access', () => {
  it('asks for credentials: the JSON with 401, the page with a sign-in form', async () => {
    const json = await get('/ops/summary.json');
    expect(json.status).toBe(401);
    expect(await json.json()).toMatchObject({ error: 'unauthorized' });
    expect((await get('/ops/summary.json', { authorization: 'Bearer nope' })).status).toBe(401);
    const page = await get('/ops?tenant=globex');
    expect(page.status).toBe(401);
    const body = await page.text();
    expect(body).toContain('<form class="panel sign-in" method="post" action="/ops/sign-in">');
    expect(body).not.toContain('globex');
  });

  it("shows a tenant's key that tenant's figures only, with no list of the others", async () => {
    expect(await summaryOf(await get('/ops/summary.json', acme))).toMatchObject({ tenantId: 'acme', ticketsRouted: 1 });
    expect(await summaryOf(await get('/ops/summary.json?tenant=acme', acme))).toMatchObject({ tenantId: 'acme' });
    const page = await get('/ops', acme);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<title>Triage ops · acme</title>');
    expect(body).not.toContain('name="tenant"');
    expect(body).not.toContain('globex');
  });

  it("refuses a tenant's key another tenant's figures with 403", async () => {
    for (const path of ['/ops/summary.json?tenant=globex', '/ops?tenant=globex']) {
      const res = await get(path, acme);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden' });
    }
  });

  it('lets the operator token pick any tenant, from the list of them', async () => {
    const operator = bearer(OPERATOR_TOKEN);
    expect(await summaryOf(await get('/ops/summary.json?tenant=acme', operator))).toMatchObject({ tenantId: 'acme', ticketsRouted: 1 });
    expect(await summaryOf(await get('/ops/summary.json', operator))).toMatchObject({ tenantId: 'globex', ticketsRouted: 2 });
    const body = await (await get('/ops?tenant=acme', operator)).text();
    expect(body).toContain('<select id="tenant" name="tenant"><option selected>acme</option><option>globex</option></select>');
    expect((await get('/ops/summary.json', bearer(`${OPERATOR_TOKEN}x`))).status).toBe(401);
  });
});

describe('/ops sign-in', () => {
  it('trades a posted key for a session cookie that holds no key and opens the page', async () => {
    const res = await signIn(ACME_KEY);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ops');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/; Path=\/ops; HttpOnly; SameSite=Strict/);
    expect(setCookie).not.toContain('Secure');
    expect(setCookie).not.toContain(ACME_KEY);
    const page = await get('/ops', { cookie: cookieOf(res) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Triage ops · acme</title>');
    expect((await get('/ops/summary.json?tenant=globex', { cookie: cookieOf(res) })).status).toBe(403);
  });

  it('marks the cookie Secure when the browser came over https', async () => {
    const res = await signIn(ACME_KEY, { origin: 'https://ops.example', 'x-forwarded-proto': 'https', 'sec-fetch-site': 'same-origin' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses an unknown key, a form posted from another site and a forged session', async () => {
    const unknown = await signIn('not-a-key');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('set-cookie')).toBeNull();
    expect((await signIn(ACME_KEY, { origin: 'https://evil.example' })).status).toBe(403);
    const [name, session] = cookieOf(await signIn(ACME_KEY)).split('=');
    const [payload, mac] = session!.split('.');
    const forged = Buffer.from(JSON.stringify({ viewer: { role: 'operator' }, expiresAt: Date.now() + 60_000 })).toString('base64url');
    expect((await get('/ops/summary.json', { cookie: `${name}=${forged}.${mac}` })).status).toBe(401);
    expect((await get('/ops/summary.json', { cookie: `${name}=${payload}.${mac}` })).status).toBe(200);
  });

  it('signs a browser in from the link a process prints, and out again', async () => {
    const res = await get(insights.opsSignInPath('acme'));
    expect(res.status).toBe(303);
    const cookie = cookieOf(res);
    expect(await summaryOf(await get('/ops/summary.json', { cookie }))).toMatchObject({ tenantId: 'acme' });
    expect((await get('/ops/sign-in?session=forged.link')).status).toBe(401);
    const out = await Promise.resolve(
      insights.http!.request('/ops/sign-out', {
        method: 'POST',
        headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^triage_ops_session=; Max-Age=0/);
  });
});

describe('/metrics', () => {
  it('is not on the API port, whose probes stay open', async () => {
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
    expect((await fetch(`${api}/readyz`)).status).toBe(200);
  });

  it("serves the tenants' series on the internal port", async () => {
    const text = await (await fetch(`${internal}/metrics`)).text();
    expect(text).toContain('triage_tickets_routed_total{tenant="globex",tier="1"} 2');
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
