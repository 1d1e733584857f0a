// `/docs` in Chromium under the embedded default's composition (intake, insights and admin on one
// app): the viewer renders each OpenAPI document from this origin under the page's strict CSP,
// on a desktop and a phone, with no serious accessibility finding.
import { mkdirSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAdmin } from '@triage/admin';
import { createInProcessBus } from '@triage/bus';
import { HashedNgramEmbeddings } from '@triage/embeddings';
import { composeInsights, InsightsConfig } from '@triage/insights';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { RetrievalConfig } from '@triage/knowledge';
import { composeProcess, createLogger, type Lifecycle } from '@triage/runtime';
import { createPgliteStore } from '@triage/store';
import { expectNoSeriousViolations } from './harness/axe.ts';
import { type Browser, launchChromium } from './harness/chromium.ts';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const DOCUMENTS = ['/openapi.json', '/openapi/insights.json', '/openapi/admin.json'];

let lifecycle: Lifecycle;
let api: string;

beforeAll(async () => {
  const embeddings = new HashedNgramEmbeddings();
  const store = await createPgliteStore({ embeddingDim: embeddings.dimension });
  const logger = createLogger({ service: 'docs-browser-test', level: 'error' });
  const deps = { store, bus: createInProcessBus({ logger }), logger, registry: new Registry(), instanceId: 'test' };
  const intake = await composeIntake({ ...deps, embeddings, retrieval: RetrievalConfig.parse({}), config: IntakeConfig.parse({}) });
  const insights = await composeInsights({ ...deps, config: { ...InsightsConfig.parse({}), OPERATOR_TOKEN: undefined } });
  const admin = await composeAdmin({ ...deps, config: { OPERATOR_TOKEN: undefined } });
  const process = composeProcess({ ...deps, name: 'triage', services: [intake, insights, admin], httpPort: 0, healthPort: 0 });
  lifecycle = process.lifecycle;
  await lifecycle.start();
  api = `http://127.0.0.1:${process.httpPort()}`;
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(() => lifecycle?.stop());

type Media = { example?: unknown; schema?: { example?: unknown } };
type Operation = {
  security?: object[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};
const exampleOf = (media: Media | undefined) => media?.example ?? media?.schema?.example;

describe('the OpenAPI documents /docs renders', () => {
  it.each(DOCUMENTS)(
    '%s is valid, and every operation names its security and shows an example of every request, response and error',
    async (path) => {
      const document = (await (await fetch(`${api}${path}`)).json()) as { paths: Record<string, Record<string, Operation>> };
      expect((await new Validator().validate(document as Parameters<Validator['validate']>[0])).errors).toBeUndefined();
      for (const [route, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          expect(operation.security?.length, `${method} ${route}`).toBe(1);
          for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
            expect(exampleOf(media), `${method} ${route} request ${type}`).toBeDefined();
          }
          for (const [status, response] of Object.entries(operation.responses).filter(([s]) => Number(s) < 300)) {
            for (const [type, media] of Object.entries(response.content ?? {})) {
              expect(exampleOf(media), `${method} ${route} ${status} ${type}`).toBeDefined();
            }
          }
          for (const [status, response] of Object.entries(operation.responses).filter(([s]) => Number(s) >= 400)) {
            expect(exampleOf(response.content?.['application/json']), `${method} ${route} ${status}`).toMatchObject({
              error: expect.any(String),
            });
          }
        }
      }
    },
  );
});

describe('/docs in Chromium', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it.each(Object.entries(VIEWPORTS))('renders every operation of the intake API with no CSP violation (%s)', async (name, viewport) => {
    const page = await browser!.context.newPage();
    await page.setViewportSize(viewport);
    const problems: string[] = [];
    page.on('console', (m) => {
      // The page asks for every service's document; those this composition does not mount answer 404.
      if (m.type() === 'error' && !m.location().url.includes('/openapi/')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(api) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${api}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 15_000 });
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/v1/tickets', '/v1/deflect', '/v1/categories']));
    // The other services' documents are offered once they answered.
    await expect.poll(() => page.locator('nav li:not([hidden])').count()).toBe(3);
    expect(await page.locator('nav li:not([hidden]) a[data-document]').allTextContents()).toEqual([
      'Intake: tickets, deflection, events',
      'Insights: support metrics',
      'Admin: tenants, keys, webhooks',
    ]);
    await page.screenshot({ path: new URL(`docs-${name}.png`, ARTIFACTS).pathname });
    // Opening an operation shows its error responses with their example bodies.
    await page.locator('.opblock-summary-path', { hasText: '/v1/categories' }).first().click();
    await expect
      .poll(() => page.locator('.responses-table .response-col_status').allTextContents())
      .toEqual(expect.arrayContaining(['200', '401', '429']));
    await expectNoSeriousViolations(page, `/docs, ${name}`);
    // Nothing fits only by scrolling the page sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });
});
