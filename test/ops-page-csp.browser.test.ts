// The operations page under the embedded default's composition: intake and insights mounted on one
// app, so each one's every-route headers cover the other's routes too. The page's own CSP must win.
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { HashedNgramEmbeddings } from '@triage/embeddings';
import { composeInsights, InsightsConfig } from '@triage/insights';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { RetrievalConfig } from '@triage/knowledge';
import { composeProcess, createLogger, type Lifecycle } from '@triage/runtime';
import { createPgliteStore } from '@triage/store';
import { type Browser, launchChromium } from './harness/chromium.ts';

let lifecycle: Lifecycle;
let api: string;
let signInPath: string;

beforeAll(async () => {
  const embeddings = new HashedNgramEmbeddings();
  const store = await createPgliteStore({ embeddingDim: embeddings.dimension });
  await store.tenants.ensure('acme');
  const logger = createLogger({ service: 'ops-csp-test', level: 'error' });
  const deps = { store, bus: createInProcessBus({ logger }), logger, registry: new Registry(), instanceId: 'test' };
  const insights = await composeInsights({ ...deps, config: { ...InsightsConfig.parse({}), OPERATOR_TOKEN: undefined } });
  const intake = await composeIntake({ ...deps, embeddings, retrieval: RetrievalConfig.parse({}), config: IntakeConfig.parse({}) });
  // Intake first, as in `npm start`: its middleware is registered before insights' routes.
  const process = composeProcess({ ...deps, name: 'triage', services: [intake, insights], httpPort: 0, healthPort: 0 });
  lifecycle = process.lifecycle;
  await lifecycle.start();
  api = `http://127.0.0.1:${process.httpPort()}`;
  signInPath = insights.opsSignInPath('acme');
});
// Stopping the process closes its store too.
afterAll(() => lifecycle?.stop());

const nonceOf = (csp: string | null) => /style-src 'nonce-([^']+)'/.exec(csp ?? '')?.[1];

describe('/ops beside intake', () => {
  it('carries a CSP that admits its stylesheet and refresh script by the nonce their tags carry, and no style attribute', async () => {
    const signedIn = await fetch(`${api}${signInPath}`, { redirect: 'manual' });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(`${api}/ops`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const nonce = nonceOf(page.headers.get('content-security-policy'));
    expect(nonce).toBeDefined();
    const body = await page.text();
    expect(body.match(/<(style|script)\b[^>]*>/g)).toEqual([`<style nonce="${nonce}">`, `<script nonce="${nonce}">`]);
    expect(body).not.toMatch(/\sstyle=/);
    // The sign-in page, asked for without a session, is styled the same way.
    const signIn = await fetch(`${api}/ops`);
    expect(signIn.status).toBe(401);
    expect(await signIn.text()).toContain(`<style nonce="${nonceOf(signIn.headers.get('content-security-policy'))}">`);
  });

  it("leaves intake's API and insights' JSON the CSP of an API", async () => {
    for (const path of ['/v1/tickets/x', '/ops/summary.json', '/v1/metrics/summary']) {
      expect((await fetch(`${api}${path}`)).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  describe('in Chromium', () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    it('applies the stylesheet with no CSP violation', async () => {
      const page = await browser!.context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${api}${signInPath}`);
      expect(new URL(page.url()).pathname).toBe('/ops');
      // Styled, the page has its grey background and the legend's swatches are 10 px squares.
      expect(await page.evaluate('getComputedStyle(document.documentElement).backgroundColor')).toBe('rgb(245, 246, 248)');
      expect(await page.locator('.legend svg').first().boundingBox()).toMatchObject({ width: 10, height: 10 });
      expect(violations).toEqual([]);
      await page.close();
    });
  });
});
