import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TicketReceived, type Retrieval } from '@triage/contracts';
import { createLogger, httpServerComponent } from '@triage/runtime';
import { launchChromium, type Browser } from '../../../test/harness/chromium.ts';
import { createApiFixture, type ApiFixture } from './api-fixture.ts';

// Findings 3, 7 and 8 as a customer's browser meets them: the widget on another site's page.

const HOST_KEY = 'wk_test_host_site';
/** The demo page is served by the API itself, on a port chosen at start: its key admits any site. */
const DEMO_KEY = 'wk_test_demo_page';

const retrieval: Retrieval = {
  solutions: [
    { articleId: 'evil', title: 'Reset your password', snippet: 'Click the title.', score: 0.8, url: 'javascript:alert(document.cookie)' },
    { articleId: 'sso', title: 'SSO login errors', snippet: 'If SAML fails…', score: 0.5, url: 'https://kb.acme.test/sso' },
  ],
  topScore: 0.8,
  confidence: 0.9,
  selfServe: true,
};

let f: ApiFixture;
/** The customer's site: another origin than the API's, on loopback too (Chromium keeps public pages off loopback). */
let host: Server;
let hostPage = '';
let hostOrigin: string;
let server: ReturnType<typeof httpServerComponent>;
let browser: Browser;
let api: string;
let secret: string;

beforeAll(async () => {
  host = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://localhost:${(host.address() as { port: number }).port}`;
  f = await createApiFixture(undefined, undefined, { search: { search: async () => retrieval }, demoWidgetKey: DEMO_KEY });
  await f.store.tenants.createWidgetKey('acme', [hostOrigin], HOST_KEY);
  await f.store.tenants.createWidgetKey('acme', ['*'], DEMO_KEY);
  secret = await f.store.tenants.setIdentitySecret('acme');
  await f.store.customers.upsert('acme', [{ id: 'u-42', tier: 'enterprise', vip: true }]);
  server = httpServerComponent(f.app, 0, createLogger({ service: 'intake-test', level: 'error' }));
  await server.start!();
  api = `http://127.0.0.1:${server.port()}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.drain?.();
  await f?.close();
  host?.close();
});

const openPage = async (url: string): Promise<{ page: Page; violations: string[]; csp: string | undefined }> => {
  const page = await browser.context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(url);
  return { page, violations, csp: response?.headers()['content-security-policy'] };
};

const askAndWait = async (page: Page) => {
  await page.locator('#triage-widget button.launcher').click();
  await page.locator('#triage-widget textarea.question').fill('I cannot log in');
  await expect.poll(() => page.locator('#triage-widget ol.answers li').count()).toBe(2);
};

describe('the widget on a customer site', () => {
  it('links only http(s) article URLs, and opens a ticket as the signed-in customer the page names', async () => {
    const hash = createHmac('sha256', secret).update('u-42').digest('hex');
    hostPage = `<!doctype html><body><script src="${api}/widget.js" data-widget-key="${HOST_KEY}" data-user-id="u-42" data-user-hash="${hash}"></script></body>`;
    const { page } = await openPage(`${hostOrigin}/help`);
    try {
      await askAndWait(page);
      const items = page.locator('#triage-widget ol.answers li');
      expect(await items.nth(0).locator('a').count()).toBe(0);
      expect(await items.nth(0).textContent()).toContain('Reset your password');
      expect(await items.nth(1).locator('a').getAttribute('href')).toBe('https://kb.acme.test/sso');
      expect(await page.locator('#triage-widget a[href^="javascript:"]').count()).toBe(0);

      await f.store.outbox.drain(1000, async () => undefined);
      await page.locator('#triage-widget button.no').click();
      await page.locator('#triage-widget button.submit').click();
      await expect.poll(() => page.locator('#triage-widget .done').textContent()).toMatch(/^Ticket .+ opened/);
      const rows: { topic: string; event: { payload: unknown } }[] = [];
      await f.store.outbox.drain(1000, async (batch) => void rows.push(...batch));
      const received = rows.find((r) => r.topic === 'tickets.received');
      expect(TicketReceived.parse(received?.event.payload).ticket.customer).toMatchObject({ id: 'u-42', tier: 'enterprise', vip: true });
    } finally {
      await page.close();
    }
  });

  it('works on the demo page under its strict CSP, styled through the nonce of its script tag', async () => {
    const { page, violations, csp } = await openPage(`${api}/demo`);
    try {
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'; style-src 'nonce-[^']+'/);
      await askAndWait(page);
      // Styled, the box sits fixed 20 px from the viewport's right edge (1280 px wide); unstyled, it would start at the left.
      const box = await page.locator('#triage-widget .box').boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeCloseTo(1260, 0);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
